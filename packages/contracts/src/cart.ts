import { z } from "zod";
import { Image } from "./catalog";
import { Money } from "./money";

import { MAX_LINE_QUANTITY } from "./constants";

export const Sku = z.string().trim().min(1).max(64).regex(/^[A-Za-z0-9-]+$/, "SKU may contain letters, digits and dashes only");

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

export const Cart = z
  .object({
    lines: z.array(CartLine),
    itemCount: z.number().int(),
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
