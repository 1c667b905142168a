import { eq } from "drizzle-orm";
import type { Database } from "../db/client";
import { products, variants } from "./schema";

export async function updateProduct(db: Database, slug: string, change: { name?: string; descriptionHtml?: string }): Promise<boolean> {
  const updated = await db.update(products).set(change).where(eq(products.slug, slug)).returning({ id: products.id });
  return updated.length > 0;
}

/** Changes a variant's price or availability for sale; the product's listed price follows (trigger). */
export async function updateVariant(
  db: Database,
  sku: string,
  change: { price?: number; compareAtPrice?: number | null; discontinued?: boolean },
): Promise<"updated" | "not_found" | "invalid"> {
  const [current] = await db.select({ price: variants.priceCents, compareAt: variants.compareAtCents }).from(variants).where(eq(variants.sku, sku));
  if (!current) return "not_found";
  const price = change.price ?? current.price;
  const compareAt = change.compareAtPrice === undefined ? current.compareAt : change.compareAtPrice;
  if (compareAt !== null && compareAt <= price) return "invalid";
  await db
    .update(variants)
    .set({ priceCents: price, compareAtCents: compareAt, ...(change.discontinued === undefined ? {} : { discontinued: change.discontinued }) })
    .where(eq(variants.sku, sku));
  return "updated";
}
