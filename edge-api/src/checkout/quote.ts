import { type CheckoutLine, deliveredTotals, type OrderTotals, type ShippingAddress, type ShippingMethodId } from "@shop/contracts";
import { findCoupon } from "../cart/coupons";
import { priceCart, type StoredCart } from "../cart/pricing";
import { currentSkus } from "../catalog/products";
import type { Database } from "../db/client";
import { ApiFailure } from "../errors";

/** What a checkout charges for a cart: every amount computed here from today's catalog, never taken from the client. */
export interface Quote {
  lines: CheckoutLine[];
  coupon: { code: string; description: string } | null;
  totals: OrderTotals;
  currency: string;
}

/**
 * Prices the cart for this address and method against the database itself (not the edge cache):
 * the price and stock of every line are checked again, and a line we cannot sell stops the checkout.
 */
export async function quoteCheckout(db: Database, cart: StoredCart, address: ShippingAddress, method: ShippingMethodId): Promise<Quote> {
  if (cart.lines.length === 0) throw new ApiFailure(409, "cart_empty", "Your cart is empty; add something before checking out.");
  const skus = cart.lines.map((l) => l.sku);
  const [current, terms] = await Promise.all([currentSkus(db, skus), cart.coupon ? findCoupon(db, cart.coupon) : undefined]);
  const priced = priceCart(cart, current, { coupon: terms });
  const unavailable = priced.lines.filter((l) => l.status === "unavailable");
  if (unavailable.length > 0) {
    const names = unavailable.map((l) => (l.available > 0 ? `${l.name} (only ${l.available} left)` : `${l.name} (sold out)`));
    throw new ApiFailure(409, "lines_unavailable", `Some items can't be bought in these quantities now: ${names.join(", ")}. Update your cart and try again.`);
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
