import { desc, eq } from "drizzle-orm";
import type { Context } from "hono";
import { cartStub, userCartName } from "../cart/cart-id";
import { reviewsBy } from "../catalog/reviews";
import { orderNumbersOf } from "../checkout/customer-orders";
import { orderView } from "../checkout/view";
import type { AppEnv } from "../env";
import { optedOutTopics } from "../notifications/preferences";
import { openAlertsOf } from "../notifications/stock-alerts";
import { listAddresses } from "./addresses";
import { profileOf } from "./profile";
import { passkeys, sessions, wishlistItems } from "./schema";
import type { Shopper } from "./shopper";

/** Everything stored about the shopper (GDPR art. 15 and 20), secrets left out: no hashes, tokens or keys. */
export async function exportAccount(c: Context<AppEnv>, shopper: Shopper) {
  const db = c.get("db")();
  const [profile, addresses, numbers, wishlist, sessionRows, passkeyRows, cart, stockAlerts, refused, reviews] = await Promise.all([
    profileOf(db, shopper),
    listAddresses(db, shopper.id),
    orderNumbersOf(db, shopper.id),
    db
      .select({ product: wishlistItems.productSlug, addedAt: wishlistItems.addedAt })
      .from(wishlistItems)
      .where(eq(wishlistItems.userId, shopper.id))
      .orderBy(desc(wishlistItems.addedAt)),
    db
      .select({ createdAt: sessions.createdAt, expiresAt: sessions.expiresAt, ipAddress: sessions.ipAddress, userAgent: sessions.userAgent })
      .from(sessions)
      .where(eq(sessions.userId, shopper.id)),
    db.select({ name: passkeys.name, deviceType: passkeys.deviceType, createdAt: passkeys.createdAt }).from(passkeys).where(eq(passkeys.userId, shopper.id)),
    cartStub(c.env, userCartName(shopper.id)).read(),
    openAlertsOf(db, shopper.email),
    optedOutTopics(db, shopper.email),
    reviewsBy(db, shopper.id),
  ]);
  const orders = await Promise.all(numbers.map((number) => orderView(db, number)));
  return {
    exportedAt: new Date().toISOString(),
    profile,
    addresses,
    orders,
    wishlist,
    reviews,
    cart: { lines: cart.lines.map((l) => ({ sku: l.sku, quantity: l.quantity })), coupon: cart.coupon },
    sessions: sessionRows,
    passkeys: passkeyRows,
    emails: { waitingForRestock: stockAlerts, unsubscribedFrom: [...refused] },
  };
}
