import { and, eq } from "drizzle-orm";
import { userCartName } from "../cart/cart-id";
import type { Database } from "../db/client";
import { isUniqueViolation } from "../db/errors";
import type { Env } from "../env";
import { endCheckout } from "./end-checkout";
import { checkouts } from "./schema";

/**
 * A guest who signs in during checkout keeps it: the guest cart's open checkout, with its hold and
 * its PaymentIntent, moves to the account's cart (the cart the guest's lines just joined) and to the
 * account. If the account's cart has an open checkout of its own (started on another device), that
 * one is ended first, as starting again ends it. One statement when there is nothing to move.
 */
export async function keepCheckoutAtSignIn(db: Database, env: Env, guestCartId: string, userId: string): Promise<void> {
  const accountCartId = userCartName(userId);
  const move = () =>
    db
      .update(checkouts)
      .set({ cartId: accountCartId, userId })
      .where(and(eq(checkouts.cartId, guestCartId), eq(checkouts.status, "open")));
  try {
    await move();
  } catch (err) {
    if (!isUniqueViolation(err, "checkouts_one_open_per_cart")) throw err;
    const [older] = await db
      .select({ id: checkouts.id, paymentIntentId: checkouts.paymentIntentId })
      .from(checkouts)
      .where(and(eq(checkouts.cartId, accountCartId), eq(checkouts.status, "open")));
    // A payment still processing keeps that checkout open: the guest's stays behind and lapses.
    if (older && (await endCheckout(db, env, older, "replaced")).outcome === "still_processing") return;
    await move();
  }
}
