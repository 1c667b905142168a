import { z } from "zod";
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

export const CartLine = z
  .object({
    sku: z.string(),
    name: z.string(),
    quantity: z.number().int().min(1),
    unitPrice: Money,
    lineTotal: Money,
  })
  .meta({ id: "CartLine" });
export type CartLine = z.infer<typeof CartLine>;

export const Cart = z
  .object({
    lines: z.array(CartLine),
    itemCount: z.number().int(),
    subtotal: Money,
    version: z.number().int(),
  })
  .meta({ id: "Cart" });
export type Cart = z.infer<typeof Cart>;
