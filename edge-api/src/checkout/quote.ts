import { type CheckoutLine, deliveredTotals, type OrderTotals, type ShippingAddress, type ShippingMethodId } from "@shop/contracts";
import type { Context } from "hono";
import { cartSkus } from "../cart/catalog-view";
import { findCoupon } from "../cart/coupons";
import { priceCart, type StoredCart } from "../cart/pricing";
import type { AppEnv } from "../env";
import { ApiFailure } from "../errors";

/** What a checkout charges for a cart: every amount computed here from the catalog, never taken from the client. */
export interface Quote {
  lines: CheckoutLine[];
  coupon: { code: string; description: string } | null;
  totals: OrderTotals;
  currency: string;
}

/**
 * Prices the cart for this address and method as the shopper's cart page priced it: through the
 * catalog cache, and the coupon's terms from the database. Starting the checkout checks every price
 * against the database and takes the stock (start_checkout), so neither is trusted from the cache:
 * here a line is refused only when the catalog no longer sells it.
 */
export async function quoteCheckout(c: Context<AppEnv>, cart: StoredCart, address: ShippingAddress, method: ShippingMethodId): Promise<Quote> {
  if (cart.lines.length === 0) throw new ApiFailure(409, "cart_empty", "Your cart is empty; add something before checking out.");
  const skus = cart.lines.map((l) => l.sku);
  const [cached, terms] = await Promise.all([cartSkus(c, skus), cart.coupon ? findCoupon(c.get("db")(), cart.coupon) : undefined]);
  // The stock is start_checkout's to decide, under its lock: the cached figure may be a minute old.
  const wanted = new Map(cart.lines.map((l) => [l.sku, l.quantity]));
  const current = new Map([...cached].map(([sku, now]) => [sku, { ...now, available: Math.max(now.available, wanted.get(sku) ?? 0) }]));
  const priced = priceCart(cart, current, { coupon: terms });
  const unavailable = priced.lines.filter((l) => l.status === "unavailable");
  if (unavailable.length > 0) {
    const names = unavailable.map((l) => `${l.name} (no longer sold)`);
    throw new ApiFailure(409, "lines_unavailable", `Some items can't be bought now: ${names.join(", ")}. Update your cart and try again.`);
  }
  const currency = priced.subtotal.currency;
  const delivered = deliveredTotals(priced.subtotal.amount - priced.discount.amount, currency, method, address);
  return {
    lines: priced.lines.map(({ sku, name, options, image, quantity, unitPrice, lineTotal }) => ({ sku, name, options, image, quantity, unitPrice, lineTotal })),
    coupon: priced.coupon?.status === "applied" ? { code: priced.coupon.code, description: priced.coupon.description } : null,
    totals: { subtotal: priced.subtotal, discount: priced.discount, ...delivered },
    currency,
  };
}
