import { eq } from "drizzle-orm";
import { recordAudit } from "../audit/record";
import type { Database } from "../db/client";
import { products, variants } from "./schema";

export async function updateProduct(db: Database, slug: string, change: { name?: string; descriptionHtml?: string }, actor: string): Promise<boolean> {
  return db.transaction(async (tx) => {
    const [before] = await tx
      .select({ name: products.name, descriptionHtml: products.descriptionHtml })
      .from(products)
      .where(eq(products.slug, slug))
      .for("update");
    if (!before) return false;
    await tx.update(products).set(change).where(eq(products.slug, slug));
    await recordAudit(tx, actor, { area: "catalog", action: "product.change", subject: `product:${slug}`, before, after: { ...before, ...change } });
    return true;
  });
}

/** Changes a variant's price or availability for sale; the product's listed price follows (trigger). */
export async function updateVariant(
  db: Database,
  sku: string,
  change: { price?: number; compareAtPrice?: number | null; discontinued?: boolean },
  actor: string,
): Promise<"updated" | "not_found" | "invalid"> {
  return db.transaction(async (tx) => {
    const [current] = await tx
      .select({ price: variants.priceCents, compareAt: variants.compareAtCents, discontinued: variants.discontinued })
      .from(variants)
      .where(eq(variants.sku, sku))
      .for("update");
    if (!current) return "not_found";
    const price = change.price ?? current.price;
    const compareAt = change.compareAtPrice === undefined ? current.compareAt : change.compareAtPrice;
    if (compareAt !== null && compareAt <= price) return "invalid";
    const discontinued = change.discontinued ?? current.discontinued;
    await tx.update(variants).set({ priceCents: price, compareAtCents: compareAt, discontinued }).where(eq(variants.sku, sku));
    await recordAudit(tx, actor, {
      area: "catalog",
      action: "variant.change",
      subject: `sku:${sku}`,
      before: current,
      after: { price, compareAt, discontinued },
    });
    return "updated";
  });
}
