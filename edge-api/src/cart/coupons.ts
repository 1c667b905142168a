import { type CouponStatus, formatMoney, roundCents } from "@shop/contracts";
import { eq, sql } from "drizzle-orm";
import { categoryBySlug } from "../catalog/products";
import type { Database } from "../db/client";
import { coupons } from "./schema";

/** A coupon's terms as pricing needs them. */
export interface CouponTerms {
  code: string;
  description: string;
  kind: "percent" | "fixed";
  value: number;
  minSubtotalCents: number;
  startsAt: Date;
  endsAt: Date | null;
  maxUses: number | null;
  timesUsed: number;
  /** Switched off by an operator: to shoppers it has ended. */
  disabledAt: Date | null;
  /** Restricted coupons: the path of their category ("/1/4/"); an unknown category matches nothing. */
  restriction: { categoryName: string; categoryPath: string | null } | null;
}

/** A priced line as the coupon sees it. */
export interface CouponLine {
  categoryPath: string;
  lineTotal: number;
}

export interface CouponOutcome {
  status: CouponStatus;
  discount: number;
  message: string;
}

export const normaliseCouponCode = (code: string) => code.trim().toUpperCase();

export async function findCoupon(db: Database, code: string): Promise<CouponTerms | undefined> {
  const [row] = await db
    .select()
    .from(coupons)
    .where(eq(coupons.code, sql`${normaliseCouponCode(code)}`));
  if (!row) return undefined;
  const { categorySlug, ...terms } = row;
  // The catalog owns categories: a restricted coupon asks it for the category's subtree.
  const category = categorySlug ? await categoryBySlug(db, categorySlug) : undefined;
  return { ...terms, restriction: categorySlug ? { categoryName: category?.name ?? categorySlug, categoryPath: category?.path ?? null } : null };
}

const dateOf = (d: Date) => d.toLocaleDateString("en-US", { year: "numeric", month: "long", day: "numeric", timeZone: "UTC" });

/**
 * Whether a coupon takes money off these lines now, and how much. Percentages round with the cart's
 * one rounding rule; a fixed amount never takes off more than the lines it applies to.
 */
export function evaluateCoupon(terms: CouponTerms, lines: CouponLine[], currency: string, now = new Date()): CouponOutcome {
  const refuse = (status: CouponStatus, message: string): CouponOutcome => ({ status, discount: 0, message });
  const money = (amount: number) => formatMoney({ amount, currency });
  if (terms.disabledAt) return refuse("expired", `${terms.code} is no longer available.`);
  if (now < terms.startsAt) return refuse("not_started", `${terms.code} starts on ${dateOf(terms.startsAt)}.`);
  if (terms.endsAt && now >= terms.endsAt) return refuse("expired", `${terms.code} expired on ${dateOf(terms.endsAt)}.`);
  if (terms.maxUses !== null && terms.timesUsed >= terms.maxUses) return refuse("used_up", `${terms.code} has been used up.`);
  const subtotal = lines.reduce((sum, l) => sum + l.lineTotal, 0);
  const path = terms.restriction?.categoryPath;
  const eligible = terms.restriction ? lines.filter((l) => path && l.categoryPath.startsWith(path)) : lines;
  const eligibleTotal = eligible.reduce((sum, l) => sum + l.lineTotal, 0);
  if (eligibleTotal === 0) {
    const scope = terms.restriction ? `${terms.restriction.categoryName} items` : "items";
    return refuse("not_applicable", `${terms.code} applies to ${scope}, and there are none in your cart.`);
  }
  if (subtotal < terms.minSubtotalCents) {
    return refuse(
      "minimum_not_reached",
      `${terms.code} needs a subtotal of ${money(terms.minSubtotalCents)}; add ${money(terms.minSubtotalCents - subtotal)} more.`,
    );
  }
  const discount = terms.kind === "percent" ? roundCents((eligibleTotal * terms.value) / 100) : Math.min(terms.value, eligibleTotal);
  return { status: "applied", discount, message: `${terms.description}: ${money(discount)} off.` };
}

// An order counts its coupon's use in place_order() (migration 0031): of two orders racing for a
// coupon's last use, exactly one gets it.
