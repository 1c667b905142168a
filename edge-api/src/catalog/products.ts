import type { Image, ProductSummary } from "@shop/contracts";
import { and, eq, inArray, sql } from "drizzle-orm";
import { availableUnits } from "../checkout/availability";
import type { Database } from "../db/client";
import { productImage } from "./images";
import { cardColumns, cardJoins, type ItemRow, toSummary } from "./listing";
import { categories, productImages, products, variants } from "./schema";

/** The catalog's view of a SKU now, as a cart re-prices against it. */
export interface CurrentSku {
  name: string;
  /** The product's slug: its page is /p/<slug>. */
  slug: string;
  options: Record<string, string>;
  image: Image | null;
  unitPrice: number;
  currency: string;
  available: number;
  /** The product's category path ("/1/4/"), for coupons restricted to a category. */
  categoryPath: string;
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
      categoryPath: categories.path,
      available: availableUnits(variants.sku).mapWith(Number),
      imageWidth: productImages.width,
      imageHeight: productImages.height,
      imageAlt: productImages.alt,
      imageKey: productImages.objectKey,
    })
    .from(variants)
    .innerJoin(products, eq(products.id, variants.productId))
    .innerJoin(categories, eq(categories.id, products.categoryId))
    .leftJoin(productImages, and(eq(productImages.productId, products.id), eq(productImages.position, 0)))
    .where(and(inArray(variants.sku, skus), eq(variants.discontinued, false)));
  return new Map(
    rows.map((r) => [
      r.sku,
      {
        name: r.name,
        slug: r.slug,
        options: r.options,
        image: r.imageWidth
          ? productImage(r.slug, { position: 0, width: r.imageWidth, height: r.imageHeight!, alt: r.imageAlt!, objectKey: r.imageKey }, r.options.colour)
          : null,
        unitPrice: r.priceCents,
        currency: r.currency,
        available: r.available,
        categoryPath: r.categoryPath,
      },
    ]),
  );
}

/** A category as other domains need it (a coupon's restriction): its name and its subtree's path. */
export async function categoryBySlug(db: Database, slug: string): Promise<{ name: string; path: string } | undefined> {
  const [row] = await db.select({ name: categories.name, path: categories.path }).from(categories).where(eq(categories.slug, slug));
  return row;
}

/** Product cards for the given slugs (a wishlist), in no particular order; unknown slugs are left out. */
export async function productCards(db: Database, slugs: string[]): Promise<ProductSummary[]> {
  if (slugs.length === 0) return [];
  const { rows } = await db.execute(
    sql`SELECT ${cardColumns} FROM products p ${cardJoins} WHERE p.slug IN (${sql.join(
      slugs.map((slug) => sql`${slug}`),
      sql`, `,
    )})`,
  );
  return (rows as unknown as ItemRow[]).map(toSummary);
}
