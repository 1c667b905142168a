import { type CheckoutLine, type OrderTotals, type ShippingAddress, type ShippingMethodId, shippingOptions } from "@shop/contracts";
import { currentSkus } from "../catalog/products";
import { findCoupon } from "../cart/coupons";
import { roundCents } from "../cart/money";
import { priceCart, type StoredCart } from "../cart/pricing";
import type { Database } from "../db/client";
import { ApiFailure } from "../errors";
import { taxRateBp } from "./tax";

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
  const discounted = priced.subtotal.amount - priced.discount.amount;
  const shipping = shippingOptions(discounted, currency).find((o) => o.id === method)!.price;
  const tax = roundCents((discounted * taxRateBp(address)) / 10_000);
  const money = (amount: number) => ({ amount, currency });
  return {
    lines: priced.lines.map(({ sku, name, options, image, quantity, unitPrice, lineTotal }) => ({ sku, name, options, image, quantity, unitPrice, lineTotal })),
    coupon: priced.coupon?.status === "applied" ? { code: priced.coupon.code, description: priced.coupon.description } : null,
    totals: { subtotal: priced.subtotal, discount: priced.discount, shipping, tax: money(tax), total: money(discounted + shipping.amount + tax) },
    currency,
  };
}
