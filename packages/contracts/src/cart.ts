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
