import { z } from "zod";
import { Image } from "./catalog";
import { MAX_LINE_QUANTITY } from "./constants";
import { Money } from "./money";

export const Sku = z
  .string()
  .trim()
  .min(1)
  .max(64)
  .regex(/^[A-Za-z0-9-]+$/, "SKU may contain letters, digits and dashes only");

export const AddCartItem = z
  .object({
    sku: Sku,
    quantity: z.number().int().min(1).max(MAX_LINE_QUANTITY).default(1),
  })
  .meta({ id: "AddCartItem" });
export type AddCartItem = z.infer<typeof AddCartItem>;

export const UpdateCartItem = z
  .object({ quantity: z.number().int().min(0, "quantity must be 0 (remove) to 10").max(MAX_LINE_QUANTITY, `at most ${MAX_LINE_QUANTITY} of one item`) })
  .meta({ id: "UpdateCartItem" });

export const CartLine = z
  .object({
    sku: z.string(),
    /** The product's slug (its page is /p/<slug>); null once the catalog no longer sells it. */
    product: z.string().nullable(),
    name: z.string(),
    options: z.record(z.string(), z.string()),
    image: Image.nullable(),
    quantity: z.number().int().min(1),
    /** Today's price; `addedUnitPrice` is what it cost when it went into the cart. */
    unitPrice: Money,
    addedUnitPrice: Money,
    lineTotal: Money,
    /** Units we can sell now. */
    available: z.number().int().min(0),
    /** `unavailable` lines stay visible but count in no total. */
    status: z.enum(["ok", "price_changed", "unavailable"]),
  })
  .meta({ id: "CartLine" });
export type CartLine = z.infer<typeof CartLine>;

export const ApplyCoupon = z
  .object({
    code: z
      .string()
      .trim()
      .min(1, "Enter a coupon code")
      .max(32)
      .regex(/^[A-Za-z0-9-]+$/, "Coupon codes have letters, digits and dashes only"),
  })
  .meta({ id: "ApplyCoupon" });

/** Why a coupon does not (or no longer does) take money off; `applied` when it does. */
export const CouponStatus = z.enum(["applied", "expired", "not_started", "minimum_not_reached", "used_up", "not_applicable"]);
export type CouponStatus = z.infer<typeof CouponStatus>;

export const CartCoupon = z
  .object({
    code: z.string(),
    description: z.string(),
    status: CouponStatus,
    /** What it takes off now (0 unless applied). */
    discount: Money,
    /** For the shopper: what it takes off, or why it does not apply now. */
    message: z.string(),
  })
  .meta({ id: "CartCoupon" });
export type CartCoupon = z.infer<typeof CartCoupon>;

export const Cart = z
  .object({
    lines: z.array(CartLine),
    itemCount: z.number().int(),
    /** The coupon on the cart, re-checked on every read; it counts in `discount` only when `applied`. */
    coupon: CartCoupon.nullable(),
    subtotal: Money,
    discount: Money,
    shipping: Money,
    tax: Money,
    total: Money,
    /** Increases with every change; send it back as `If-Match` to refuse a change made on stale data. */
    version: z.number().int(),
  })
  .meta({ id: "Cart" });
export type Cart = z.infer<typeof Cart>;

// ── The cart team's back office: coupons ─────────────────────────────────────────────────────────

const CouponCode = z
  .string()
  .trim()
  .min(3, "At least 3 characters")
  .max(32, "At most 32 characters")
  .regex(/^[A-Za-z0-9-]+$/, "Letters, digits and dashes only")
  .transform((code) => code.toUpperCase());

/** A coupon's terms as an operator sets them. Percent: 1–100; fixed: cents off. */
const CouponTermFields = {
  description: z.string().trim().min(1, "Say what it gives, as shoppers will read it").max(120, "At most 120 characters"),
  kind: z.enum(["percent", "fixed"]),
  value: z.number().int("Whole numbers only (cents for a fixed amount)").min(1, "At least 1").max(100_000_00, "At most 100,000.00"),
  minSubtotalCents: z.number().int().min(0, "Zero or more").max(100_000_00, "At most 100,000.00"),
  startsAt: z.iso.datetime({ offset: true, message: "A date and time, e.g. 2026-12-24T00:00:00Z" }),
  endsAt: z.iso.datetime({ offset: true, message: "A date and time, e.g. 2026-12-31T23:59:59Z" }).nullable(),
  maxUses: z.number().int().min(1, "At least 1, or none for no limit").max(10_000_000).nullable(),
  /** A category (by its slug) whose items alone it takes money off, with its subcategories. */
  categorySlug: z.string().trim().min(1).max(120).nullable(),
};

type TermsLike = { kind?: "percent" | "fixed" | undefined; value?: number | undefined; startsAt?: string | undefined; endsAt?: string | null | undefined };
function termsMakeSense(terms: TermsLike, ctx: z.RefinementCtx) {
  if (terms.kind === "percent" && terms.value !== undefined && terms.value > 100) {
    ctx.addIssue({ code: "custom", path: ["value"], message: "A percentage is at most 100" });
  }
  if (terms.startsAt && terms.endsAt && Date.parse(terms.endsAt) <= Date.parse(terms.startsAt)) {
    ctx.addIssue({ code: "custom", path: ["endsAt"], message: "It must end after it starts" });
  }
}

export const CouponDraft = z
  .object({
    code: CouponCode,
    ...CouponTermFields,
    minSubtotalCents: CouponTermFields.minSubtotalCents.default(0),
    startsAt: CouponTermFields.startsAt.optional(),
    endsAt: CouponTermFields.endsAt.default(null),
    maxUses: CouponTermFields.maxUses.default(null),
    categorySlug: CouponTermFields.categorySlug.default(null),
  })
  .strict()
  .superRefine(termsMakeSense)
  .meta({ id: "CouponDraft" });
export type CouponDraft = z.infer<typeof CouponDraft>;

/** A change to a coupon's terms, or switching it off (`disabled`) and on again. Its code never changes. */
export const CouponChange = z
  .object({ ...CouponTermFields, disabled: z.boolean() })
  .partial()
  .strict()
  .refine((change) => Object.keys(change).length > 0, "Say what to change")
  .superRefine(termsMakeSense)
  .meta({ id: "CouponChange" });
export type CouponChange = z.infer<typeof CouponChange>;

/** Where a coupon stands today, as the back office lists it. */
export const CouponState = z.enum(["active", "scheduled", "expired", "used_up", "disabled"]);
export type CouponState = z.infer<typeof CouponState>;

export const AdminCoupon = z
  .object({
    code: z.string(),
    description: z.string(),
    kind: z.enum(["percent", "fixed"]),
    value: z.number().int(),
    minSubtotalCents: z.number().int(),
    startsAt: z.string(),
    endsAt: z.string().nullable(),
    maxUses: z.number().int().nullable(),
    /** Orders placed with it so far. */
    timesUsed: z.number().int(),
    categorySlug: z.string().nullable(),
    disabled: z.boolean(),
    state: CouponState,
  })
  .meta({ id: "AdminCoupon" });
export type AdminCoupon = z.infer<typeof AdminCoupon>;

export const AdminCouponList = z.object({ items: z.array(AdminCoupon), total: z.number().int() }).meta({ id: "AdminCouponList" });
export type AdminCouponList = z.infer<typeof AdminCouponList>;
