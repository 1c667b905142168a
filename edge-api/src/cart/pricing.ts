import type { Cart, CartLine, Money } from "@shop/contracts";
import type { CurrentSku } from "../catalog/products";

/** What the cart stores for a line: the SKU, how many, and the price when it was added. */
export interface StoredLine {
  sku: string;
  quantity: number;
  addedUnitPrice: number;
  currency: string;
}

/** Standard shipping, free from this subtotal up (after discounts). */
export const FREE_SHIPPING_FROM = 5000;
export const STANDARD_SHIPPING = 599;

/**
 * Estimated sales tax in basis points by region. Until checkout knows the address the estimate uses
 * the default; the rate table is the documented one (README, "Cart pricing").
 */
export const TAX_RATES_BP: Record<string, number> = { default: 800, CA: 725, NY: 400, TX: 625, OR: 0 };

/**
 * The one rounding rule for money: round half away from zero to whole cents. Tax is computed once
 * on the taxable total, never per line, so lines never disagree with the total.
 */
export const roundCents = (value: number) => Math.sign(value) * Math.round(Math.abs(value));

const money = (amount: number, currency: string): Money => ({ amount, currency });

/** Re-prices stored lines against the catalog and computes every total, in integer cents. */
export function priceCart(stored: StoredLine[], current: Map<string, CurrentSku>, version: number, region = "default"): Cart {
  const currency = stored[0]?.currency ?? "USD";
  const lines: CartLine[] = stored.map((line) => {
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
  const discount = 0;
  const taxable = subtotal - discount;
  const shipping = counted.length === 0 || taxable >= FREE_SHIPPING_FROM ? 0 : STANDARD_SHIPPING;
  const tax = roundCents((taxable * (TAX_RATES_BP[region] ?? TAX_RATES_BP.default!)) / 10_000);
  return {
    lines,
    itemCount: counted.reduce((sum, l) => sum + l.quantity, 0),
    subtotal: money(subtotal, currency),
    discount: money(discount, currency),
    shipping: money(shipping, currency),
    tax: money(tax, currency),
    total: money(taxable + shipping + tax, currency),
    version,
  };
}
