import { type Cart, type CartCoupon, type CartLine, FREE_STANDARD_SHIPPING_FROM, type Money, SHIPPING_METHODS } from "@shop/contracts";
import type { CurrentSku } from "../catalog/products";
import { type CouponTerms, evaluateCoupon } from "./coupons";
import { roundCents } from "./money";

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

/** The cart estimates standard shipping, free from the threshold up (after discounts); checkout offers the rest. */
export const FREE_SHIPPING_FROM = FREE_STANDARD_SHIPPING_FROM;
export const STANDARD_SHIPPING = SHIPPING_METHODS.standard.price;

/**
 * Estimated sales tax in basis points by region. Until checkout knows the address the estimate uses
 * the default; the rate table is the documented one (README, "Cart pricing").
 */
export const TAX_RATES_BP: Record<string, number> = { default: 800, CA: 725, NY: 400, TX: 625, OR: 0 };

const money = (amount: number, currency: string): Money => ({ amount, currency });

interface PricingContext {
  /** The terms of the cart's coupon, when it still exists. */
  coupon?: CouponTerms;
  now?: Date;
  region?: string;
}

/** Re-prices stored lines against the catalog and computes every total, in integer cents. */
export function priceCart(cart: StoredCart, current: Map<string, CurrentSku>, { coupon: terms, now = new Date(), region = "default" }: PricingContext = {}): Cart {
  const currency = cart.lines[0]?.currency ?? "USD";
  const lines: CartLine[] = cart.lines.map((line) => {
    const now = current.get(line.sku);
    const unit = now?.unitPrice ?? line.addedUnitPrice;
    const sellable = now !== undefined && now.available >= line.quantity && now.available > 0;
    const status = !sellable ? "unavailable" : unit !== line.addedUnitPrice ? "price_changed" : "ok";
    return {
      sku: line.sku,
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
      ? evaluateCoupon(terms, counted.map((l) => ({ categoryPath: current.get(l.sku)!.categoryPath, lineTotal: l.lineTotal.amount })), currency, now)
      : { status: "not_applicable" as const, discount: 0, message: `${cart.coupon} is no longer offered.` };
    coupon = { code: cart.coupon, description: terms?.description ?? "", status: outcome.status, message: outcome.message, discount: money(outcome.discount, currency) };
  }
  const discount = coupon?.discount.amount ?? 0;
  const taxable = subtotal - discount;
  const shipping = counted.length === 0 || taxable >= FREE_SHIPPING_FROM ? 0 : STANDARD_SHIPPING;
  const tax = roundCents((taxable * (TAX_RATES_BP[region] ?? TAX_RATES_BP.default!)) / 10_000);
  return {
    lines,
    itemCount: counted.reduce((sum, l) => sum + l.quantity, 0),
    coupon,
    subtotal: money(subtotal, currency),
    discount: money(discount, currency),
    shipping: money(shipping, currency),
    tax: money(tax, currency),
    total: money(taxable + shipping + tax, currency),
    version: cart.version,
  };
}
