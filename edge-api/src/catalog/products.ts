import { and, eq, sql } from "drizzle-orm";
import type { Database } from "../db/client";
import { inventory, products, variants } from "../db/schema";

/** "Oxford Shirt (M / Navy)": a variant's name as a cart line shows it. */
export const variantName = (productName: string, options: Record<string, string>) => {
  const chosen = Object.values(options);
  return chosen.length ? `${productName} (${chosen.join(" / ")})` : productName;
};

/** What the cart needs to take a SKU: its current name and price, or undefined when we do not sell it. */
export async function findSellableSku(db: Database, sku: string) {
  const [row] = await db
    .select({
      sku: variants.sku,
      name: products.name,
      options: variants.options,
      priceCents: variants.priceCents,
      currency: variants.currency,
      available: sql<number>`coalesce(${inventory.available}, 0)`.mapWith(Number),
    })
    .from(variants)
    .innerJoin(products, eq(products.id, variants.productId))
    .leftJoin(inventory, eq(inventory.sku, variants.sku))
    .where(and(eq(variants.sku, sku), eq(variants.discontinued, false)))
    .limit(1);
  if (!row) return undefined;
  return { sku: row.sku, name: variantName(row.name, row.options), unitPrice: { amount: row.priceCents, currency: row.currency }, available: row.available };
}
