import { type Cart, type CartCoupon, type CartLine, deliveredTotals, type Money, SHOP_CURRENCY } from "@shop/contracts";
import type { CurrentSku } from "../catalog/products";
import { type CouponTerms, evaluateCoupon } from "./coupons";

/** What the cart stores for a line: the SKU, how many, and the price when it was added. */
export interface StoredLine {
  sku: string;
  quantity: number;
  addedUnitPrice: number;
  currency: string;
}

/** A cart as its Durable Object holds it. */
export interface StoredCart {
  lines: StoredLine[];
  /** The code the shopper applied; its terms are read again on every pricing. */
  coupon: string | null;
  version: number;
}

const money = (amount: number, currency: string): Money => ({ amount, currency });

interface PricingContext {
  /** The terms of the cart's coupon, when it still exists. */
  coupon?: CouponTerms;
  now?: Date;
}

/**
 * Re-prices stored lines against the catalog and computes every total, in integer cents: standard
 * shipping and tax at the default rate, as checkout would charge before it knows the address.
 */
export function priceCart(cart: StoredCart, current: Map<string, CurrentSku>, { coupon: terms, now = new Date() }: PricingContext = {}): Cart {
  const currency = cart.lines[0]?.currency ?? SHOP_CURRENCY;
  const lines: CartLine[] = cart.lines.map((line) => {
    const now = current.get(line.sku);
    const unit = now?.unitPrice ?? line.addedUnitPrice;
    const sellable = now !== undefined && now.available >= line.quantity && now.available > 0;
    const status = !sellable ? "unavailable" : unit !== line.addedUnitPrice ? "price_changed" : "ok";
    return {
      sku: line.sku,
      product: now?.slug ?? null,
      name: now?.name ?? line.sku,
      options: now?.options ?? {},
      image: now?.image ?? null,
      quantity: line.quantity,
      unitPrice: money(unit, line.currency),
      addedUnitPrice: money(line.addedUnitPrice, line.currency),
      lineTotal: money(unit * line.quantity, line.currency),
      available: now?.available ?? 0,
      status,
    };
  });
  const counted = lines.filter((l) => l.status !== "unavailable");
  const subtotal = counted.reduce((sum, l) => sum + l.lineTotal.amount, 0);
  let coupon: CartCoupon | null = null;
  if (cart.coupon) {
    const outcome = terms
      ? evaluateCoupon(
          terms,
          counted.map((l) => ({ categoryPath: current.get(l.sku)!.categoryPath, lineTotal: l.lineTotal.amount })),
          currency,
          now,
        )
      : { status: "not_applicable" as const, discount: 0, message: `${cart.coupon} is no longer offered.` };
    coupon = {
      code: cart.coupon,
      description: terms?.description ?? "",
      status: outcome.status,
      message: outcome.message,
      discount: money(outcome.discount, currency),
    };
  }
  const discount = coupon?.discount.amount ?? 0;
  const delivered =
    counted.length === 0
      ? { shipping: money(0, currency), tax: money(0, currency), total: money(0, currency) }
      : deliveredTotals(subtotal - discount, currency, "standard");
  return {
    lines,
    itemCount: counted.reduce((sum, l) => sum + l.quantity, 0),
    coupon,
    subtotal: money(subtotal, currency),
    discount: money(discount, currency),
    ...delivered,
    version: cart.version,
  };
}
