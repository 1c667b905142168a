import type { ProductCreate, VariantCreate } from "@shop/contracts";
import { sanitizeDescription } from "@shop/contracts";
import { and, eq, gt, sql } from "drizzle-orm";
import { recordAudit } from "../audit/record";
import type { Database } from "../db/client";
import { isUniqueViolation } from "../db/errors";
import { ApiFailure } from "../errors";
import type { StoredPicture } from "./media";
import { brands, categories, productImages, products, variants } from "./schema";

// The catalog team's back-office writes: products, variants and pictures, each audited in its own
// transaction. Descriptions are sanitised when saved (and again when shown).

type Tx = Parameters<Parameters<Database["transaction"]>[0]>[0];

const skuTaken = (sku: string) => new ApiFailure(409, "sku_taken", `Another variant already has SKU ${sku}.`, {}, { sku: "Another variant has this SKU" });

/** A brand and a category (one with no sub-categories: listings count products in those) by slug. */
async function filing(tx: Tx, brand: string | undefined, category: string | undefined) {
  const [found] = await tx
    .execute<{ brand_id: number | null; category_id: number | null; has_children: boolean | null }>(sql`
    SELECT (SELECT id FROM brands WHERE slug = ${brand ?? ""}) AS brand_id,
           c.id AS category_id,
           EXISTS (SELECT 1 FROM categories k WHERE k.parent_id = c.id) AS has_children
    FROM (SELECT 1) one LEFT JOIN categories c ON c.slug = ${category ?? ""}`)
    .then((r) => r.rows);
  if (brand !== undefined && !found?.brand_id) throw new ApiFailure(400, "invalid_request", `No brand "${brand}".`, {}, { brand: "Choose a brand" });
  if (category !== undefined && !found?.category_id)
    throw new ApiFailure(400, "invalid_request", `No category "${category}".`, {}, { category: "Choose a category" });
  if (category !== undefined && found?.has_children) {
    throw new ApiFailure(400, "invalid_request", `"${category}" has sub-categories.`, {}, { category: "Choose a category without sub-categories" });
  }
  return { brandId: found?.brand_id ?? undefined, categoryId: found?.category_id ?? undefined };
}

/** `Trail Runner 2` → `trail-runner-2`. */
const slugOf = (name: string) =>
  name
    .normalize("NFKD")
    .toLowerCase()
    .replace(/[^a-z0-9]+/g, "-")
    .replace(/^-|-$/g, "")
    .slice(0, 100) || "product";

async function insertVariant(tx: Tx, productId: number, variant: VariantCreate, position: number) {
  try {
    await tx.insert(variants).values({
      productId,
      sku: variant.sku,
      options: variant.options,
      priceCents: variant.price,
      compareAtCents: variant.compareAtPrice,
      position,
    });
  } catch (err) {
    if (isUniqueViolation(err)) throw skuTaken(variant.sku);
    throw err;
  }
}

/** A new product with its first variant (on sale once stock arrives); 409 when its web address or SKU is taken. */
export async function createProduct(db: Database, input: ProductCreate, actor: string): Promise<string> {
  const slug = input.slug ?? slugOf(input.name);
  return db.transaction(async (tx) => {
    const { brandId, categoryId } = await filing(tx, input.brand, input.category);
    const descriptionHtml = sanitizeDescription(input.descriptionHtml);
    const [created] = await tx
      .insert(products)
      .values({ slug, name: input.name, descriptionHtml, brandId: brandId!, categoryId: categoryId! })
      .onConflictDoNothing({ target: products.slug })
      .returning({ id: products.id });
    if (!created) {
      throw new ApiFailure(409, "slug_taken", `Another product is at /p/${slug}.`, {}, { slug: "Another product has this web address; choose another" });
    }
    await insertVariant(tx, created.id, input.variant, 0);
    await recordAudit(tx, actor, {
      area: "catalog",
      action: "product.create",
      subject: `product:${slug}`,
      before: null,
      after: { name: input.name, brand: input.brand, category: input.category, sku: input.variant.sku, price: input.variant.price },
    });
    return slug;
  });
}

const lockedProduct = async (tx: Tx, slug: string) => {
  const [row] = await tx
    .select({ id: products.id, name: products.name, descriptionHtml: products.descriptionHtml, brand: brands.slug, category: categories.slug })
    .from(products)
    .innerJoin(brands, eq(brands.id, products.brandId))
    .innerJoin(categories, eq(categories.id, products.categoryId))
    .where(eq(products.slug, slug))
    .for("update", { of: products });
  if (!row) throw new ApiFailure(404, "not_found", `No product "${slug}".`);
  return row;
};

export async function updateProduct(
  db: Database,
  slug: string,
  change: { name?: string; descriptionHtml?: string; brand?: string; category?: string },
  actor: string,
): Promise<void> {
  await db.transaction(async (tx) => {
    const { id, ...before } = await lockedProduct(tx, slug);
    const { brandId, categoryId } = await filing(tx, change.brand, change.category);
    const descriptionHtml = change.descriptionHtml === undefined ? undefined : sanitizeDescription(change.descriptionHtml);
    await tx.update(products).set({ name: change.name, descriptionHtml, brandId, categoryId }).where(eq(products.id, id));
    const after = { ...before, ...change, ...(descriptionHtml !== undefined && { descriptionHtml }) };
    await recordAudit(tx, actor, { area: "catalog", action: "product.change", subject: `product:${slug}`, before, after });
  });
}

/** The position after a product's last variant or picture (under the product's lock, so two additions never share one). */
async function nextPosition(tx: Tx, table: typeof variants | typeof productImages, productId: number): Promise<number> {
  const [row] = await tx
    .select({ next: sql<number>`coalesce(max(${table.position}) + 1, 0)::int` })
    .from(table)
    .where(eq(table.productId, productId));
  return row!.next;
}

/** Another variant of a product, after its others. */
export async function addVariant(db: Database, slug: string, variant: VariantCreate, actor: string): Promise<void> {
  await db.transaction(async (tx) => {
    const { id } = await lockedProduct(tx, slug);
    const next = await nextPosition(tx, variants, id);
    await insertVariant(tx, id, variant, next);
    await recordAudit(tx, actor, {
      area: "catalog",
      action: "variant.create",
      subject: `sku:${variant.sku}`,
      before: null,
      after: { product: slug, options: variant.options, price: variant.price, compareAt: variant.compareAtPrice },
    });
  });
}

/** Changes a variant's price or availability for sale; the product's listed price follows (trigger). */
export async function updateVariant(
  db: Database,
  sku: string,
  change: { price?: number; compareAtPrice?: number | null; discontinued?: boolean },
  actor: string,
): Promise<void> {
  await db.transaction(async (tx) => {
    const [current] = await tx
      .select({ price: variants.priceCents, compareAt: variants.compareAtCents, discontinued: variants.discontinued })
      .from(variants)
      .where(eq(variants.sku, sku))
      .for("update");
    if (!current) throw new ApiFailure(404, "unknown_sku", `No SKU ${sku}.`);
    const price = change.price ?? current.price;
    const compareAt = change.compareAtPrice === undefined ? current.compareAt : change.compareAtPrice;
    if (compareAt !== null && compareAt <= price) {
      throw new ApiFailure(400, "invalid_request", "The compare-at price must be above the price.", {}, { compareAtPrice: "Must be above the price" });
    }
    const discontinued = change.discontinued ?? current.discontinued;
    await tx.update(variants).set({ priceCents: price, compareAtCents: compareAt, discontinued }).where(eq(variants.sku, sku));
    await recordAudit(tx, actor, {
      area: "catalog",
      action: "variant.change",
      subject: `sku:${sku}`,
      before: current,
      after: { price, compareAt, discontinued },
    });
  });
}

/** An uploaded picture, after the product's others (the first is the one listings show). */
export async function addPicture(db: Database, slug: string, picture: StoredPicture, alt: string, actor: string): Promise<number> {
  return db.transaction(async (tx) => {
    const { id } = await lockedProduct(tx, slug);
    const next = await nextPosition(tx, productImages, id);
    await tx.insert(productImages).values({ productId: id, position: next, alt, width: picture.width, height: picture.height, objectKey: picture.key });
    await recordAudit(tx, actor, { area: "catalog", action: "image.add", subject: `product:${slug}`, before: null, after: { position: next, alt } });
    return next;
  });
}

/** Takes a picture off a product (those after it move up); answers its upload's key, to delete once committed. */
export async function removePicture(db: Database, slug: string, position: number, actor: string): Promise<string | null> {
  return db.transaction(async (tx) => {
    const { id } = await lockedProduct(tx, slug);
    const [removed] = await tx
      .delete(productImages)
      .where(and(eq(productImages.productId, id), eq(productImages.position, position)))
      .returning({ alt: productImages.alt, objectKey: productImages.objectKey });
    if (!removed) throw new ApiFailure(404, "not_found", `"${slug}" has no picture ${position + 1}.`);
    await tx
      .update(productImages)
      .set({ position: sql`${productImages.position} - 1` })
      .where(and(eq(productImages.productId, id), gt(productImages.position, position)));
    await recordAudit(tx, actor, { area: "catalog", action: "image.remove", subject: `product:${slug}`, before: { position, alt: removed.alt }, after: null });
    return removed.objectKey;
  });
}
