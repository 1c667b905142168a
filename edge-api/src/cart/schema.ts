import { sql } from "drizzle-orm";
import { check, integer, pgTable, text } from "drizzle-orm/pg-core";
import { moment } from "../db/columns";

// The cart domain's table (carts themselves live in their Durable Objects): the coupons they apply.

/**
 * Discount codes. A cart holds only the code; the terms are read here on every pricing, so a coupon
 * that expires or is used up stops applying everywhere at once. `times_used` counts placed orders
 * (checkout increments it); the restriction names a category by slug (it covers its subtree) so it
 * survives a catalog reload.
 */
export const coupons = pgTable(
  "coupons",
  {
    /** Upper-case; shoppers may type it in any case. */
    code: text("code").primaryKey(),
    description: text("description").notNull(),
    kind: text("kind", { enum: ["percent", "fixed"] }).notNull(),
    /** Percent off (1–100), or cents off. */
    value: integer("value").notNull(),
    minSubtotalCents: integer("min_subtotal_cents").notNull().default(0),
    startsAt: moment("starts_at").notNull().defaultNow(),
    endsAt: moment("ends_at"),
    maxUses: integer("max_uses"),
    timesUsed: integer("times_used").notNull().default(0),
    categorySlug: text("category_slug"),
    /** Switched off by an operator: it applies nowhere until switched on again. */
    disabledAt: moment("disabled_at"),
  },
  (t) => [
    check("coupons_code_upper", sql`${t.code} = upper(${t.code})`),
    check("coupons_kind", sql`${t.kind} IN ('percent', 'fixed')`),
    check("coupons_value_range", sql`${t.value} > 0 AND (${t.kind} = 'fixed' OR ${t.value} <= 100)`),
    check("coupons_min_subtotal_non_negative", sql`${t.minSubtotalCents} >= 0`),
    check("coupons_window", sql`${t.endsAt} IS NULL OR ${t.endsAt} > ${t.startsAt}`),
    check("coupons_uses", sql`${t.timesUsed} >= 0 AND (${t.maxUses} IS NULL OR ${t.maxUses} > 0)`),
  ],
);
