import type { AdminProduct, AdminProductList, CatalogTerms } from "@shop/contracts";
import { and, desc, eq, exists, ilike, lt, or, type SQL, sql } from "drizzle-orm";
import { availableUnits } from "../checkout/availability";
import type { Database } from "../db/client";
import { containing } from "../db/errors";
import { pageOf } from "../db/keyset";
import { ApiFailure } from "../errors";
import { productImage } from "./images";
import { brands, categories, productImages, products, variants } from "./schema";

// What the catalog team's back office reads: products newest first (by name, SKU, brand, category,
// stock), one product with every variant (discontinued too) and picture, and what products are filed under.

const PAGE = 50;

export interface ProductFilter {
  q?: string | undefined;
  brand?: string | undefined;
  category?: string | undefined;
  stock?: "in" | "out" | undefined;
  after?: number | undefined;
}

/** Newest first, by id (the key); a name part uses products_name_trgm_idx, a SKU the variants' unique index. */
export async function listProducts(db: Database, filter: ProductFilter): Promise<AdminProductList> {
  const where: SQL[] = [];
  if (filter.q) {
    const bySku = db
      .select({ one: sql`1` })
      .from(variants)
      .where(and(eq(variants.productId, products.id), eq(variants.sku, filter.q)));
    where.push(or(ilike(products.name, containing(filter.q)), exists(bySku))!);
  }
  if (filter.brand) where.push(eq(brands.slug, filter.brand));
  if (filter.category) {
    const subtree = db.select({ path: categories.path }).from(categories).where(eq(categories.slug, filter.category));
    where.push(sql`${categories.path} LIKE (${subtree}) || '%'`);
  }
  if (filter.stock) where.push(eq(products.inStock, filter.stock === "in"));
  if (filter.after) where.push(lt(products.id, filter.after));
  const rows = await db
    .select({
      id: products.id,
      slug: products.slug,
      name: products.name,
      brand: brands.name,
      category: categories.name,
      price: products.priceCents,
      inStock: products.inStock,
      variants: sql<number>`(SELECT count(*) FROM variants v WHERE v.product_id = ${products.id})`.mapWith(Number),
      picture: sql<{ width: number; height: number; alt: string; object_key: string | null } | null>`(
        SELECT json_build_object('width', i.width, 'height', i.height, 'alt', i.alt, 'object_key', i.object_key)
        FROM product_images i WHERE i.product_id = ${products.id} AND i.position = 0 LIMIT 1)`,
    })
    .from(products)
    .innerJoin(brands, eq(brands.id, products.brandId))
    .innerJoin(categories, eq(categories.id, products.categoryId))
    .where(and(...where))
    .orderBy(desc(products.id))
    .limit(PAGE + 1);
  const { page, next } = pageOf(rows, PAGE, (last) => String(last.id));
  return {
    items: page.map(({ id: _, picture, ...row }) => ({
      ...row,
      image: picture ? productImage(row.slug, { position: 0, ...picture, objectKey: picture.object_key }) : null,
    })),
    next,
  };
}

/** One product as its operators edit it. */
/** 404 unless the catalog has this product: a cheap check before work that is costly to undo (storing a picture). */
export async function expectProduct(db: Database, slug: string): Promise<void> {
  const [found] = await db.select({ id: products.id }).from(products).where(eq(products.slug, slug));
  if (!found) throw new ApiFailure(404, "not_found", `No product "${slug}".`);
}

export async function productForOperator(db: Database, slug: string): Promise<AdminProduct> {
  const [product] = await db
    .select({
      id: products.id,
      slug: products.slug,
      name: products.name,
      descriptionHtml: products.descriptionHtml,
      brand: brands.slug,
      category: categories.slug,
    })
    .from(products)
    .innerJoin(brands, eq(brands.id, products.brandId))
    .innerJoin(categories, eq(categories.id, products.categoryId))
    .where(eq(products.slug, slug));
  if (!product) throw new ApiFailure(404, "not_found", `No product "${slug}".`);
  const [variantRows, pictures] = await Promise.all([
    db
      .select({
        sku: variants.sku,
        options: variants.options,
        price: variants.priceCents,
        compareAtPrice: variants.compareAtCents,
        discontinued: variants.discontinued,
        // Qualified: a one-table select leaves its own columns unqualified, and inventory has a sku too.
        available: availableUnits(sql`variants.sku`).mapWith(Number),
      })
      .from(variants)
      .where(eq(variants.productId, product.id))
      .orderBy(variants.position),
    db.select().from(productImages).where(eq(productImages.productId, product.id)).orderBy(productImages.position),
  ]);
  const { id: _, ...fields } = product;
  return {
    ...fields,
    variants: variantRows,
    images: pictures.map((p) => ({ ...productImage(slug, p), position: p.position, uploaded: p.objectKey !== null })),
  };
}

/** Brands by name, and categories in tree order (a product goes in one without sub-categories). */
export async function catalogTerms(db: Database): Promise<CatalogTerms> {
  const [brandRows, categoryRows] = await Promise.all([
    db.select({ slug: brands.slug, name: brands.name }).from(brands).orderBy(brands.name),
    db.execute<{ slug: string; name: string; leaf: boolean }>(
      sql`SELECT c.slug, c.name, NOT EXISTS (SELECT 1 FROM categories k WHERE k.parent_id = c.id) AS leaf FROM categories c ORDER BY c.path`,
    ),
  ]);
  return { brands: brandRows, categories: categoryRows.rows };
}
