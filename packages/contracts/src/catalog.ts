import { z } from "zod";
import { Money } from "./money";

export const ProductSummary = z
  .object({
    id: z.number().int(),
    sku: z.string(),
    slug: z.string(),
    name: z.string(),
    price: Money,
    image: z.object({ url: z.string(), width: z.number().int(), height: z.number().int() }),
    inStock: z.boolean(),
  })
  .meta({ id: "ProductSummary" });
export type ProductSummary = z.infer<typeof ProductSummary>;

export const ProductListQuery = z.object({
  page: z.coerce.number().int().min(1).max(10_000).default(1),
  limit: z.coerce.number().int().min(1).max(100).default(24),
});
export type ProductListQuery = z.infer<typeof ProductListQuery>;

export const ProductList = z
  .object({
    items: z.array(ProductSummary),
    total: z.number().int(),
    page: z.number().int(),
    limit: z.number().int(),
  })
  .meta({ id: "ProductList" });
export type ProductList = z.infer<typeof ProductList>;
