import { and, eq, inArray, sql } from "drizzle-orm";
import type { Image } from "@shop/contracts";
import type { Database } from "../db/client";
import { inventory, productImages, products, variants } from "../db/schema";
import { productImage } from "./images";

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

/** The catalog's view of a SKU now, as a cart re-prices against it. */
export interface CurrentSku {
  name: string;
  options: Record<string, string>;
  image: Image | null;
  unitPrice: number;
  currency: string;
  available: number;
}

/** The catalog's current name, options, image, price and stock of each SKU still sold. */
export async function currentSkus(db: Database, skus: string[]): Promise<Map<string, CurrentSku>> {
  if (skus.length === 0) return new Map();
  const rows = await db
    .select({
      sku: variants.sku,
      name: products.name,
      slug: products.slug,
      options: variants.options,
      priceCents: variants.priceCents,
      currency: variants.currency,
      available: sql<number>`coalesce(${inventory.available}, 0)`.mapWith(Number),
      imageWidth: productImages.width,
      imageHeight: productImages.height,
      imageAlt: productImages.alt,
    })
    .from(variants)
    .innerJoin(products, eq(products.id, variants.productId))
    .leftJoin(inventory, eq(inventory.sku, variants.sku))
    .leftJoin(productImages, and(eq(productImages.productId, products.id), eq(productImages.position, 0)))
    .where(and(inArray(variants.sku, skus), eq(variants.discontinued, false)));
  return new Map(
    rows.map((r) => [
      r.sku,
      {
        name: r.name,
        options: r.options,
        image: r.imageWidth ? productImage(r.slug, 0, r.imageWidth, r.imageHeight!, r.imageAlt!) : null,
        unitPrice: r.priceCents,
        currency: r.currency,
        available: r.available,
      },
    ]),
  );
}
