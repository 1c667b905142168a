import type { ProductList, ProductListQuery, ProductSummary } from "@shop/contracts";
import { PRODUCT_IMAGE_SIZE } from "./product-image";
import { asc, count, eq, sql } from "drizzle-orm";
import type { Database } from "../db/client";
import { inventory, products } from "../db/schema";



function toSummary(row: typeof products.$inferSelect & { available: number | null }): ProductSummary {
  return {
    id: row.id,
    sku: row.sku,
    slug: row.slug,
    name: row.name,
    price: { amount: row.priceCents, currency: row.currency },
    image: { url: `/api/catalog/images/${row.slug}.svg`, width: PRODUCT_IMAGE_SIZE, height: PRODUCT_IMAGE_SIZE },
    inStock: (row.available ?? 0) > 0,
  };
}

const productWithStock = {
  id: products.id,
  sku: products.sku,
  slug: products.slug,
  name: products.name,
  description: products.description,
  priceCents: products.priceCents,
  currency: products.currency,
  createdAt: products.createdAt,
  available: inventory.available,
};

export async function listProducts(db: Database, query: ProductListQuery): Promise<ProductList> {
  const offset = (query.page - 1) * query.limit;
  // The total rides along with the page (one round trip, one connection); only a page past the
  // end, which has no rows to carry it, needs a second query.
  const rows = await db
    .select({ ...productWithStock, total: sql<number>`count(*) over ()`.mapWith(Number) })
    .from(products)
    .leftJoin(inventory, eq(inventory.sku, products.sku))
    .orderBy(asc(products.id))
    .limit(query.limit)
    .offset(offset);
  const total = rows[0]?.total ?? (await db.select({ total: count() }).from(products))[0]?.total ?? 0;
  return { items: rows.map(toSummary), total, page: query.page, limit: query.limit };
}

/** What the cart needs to take a SKU: its current name and price, or undefined when we do not sell it. */
export async function findSellableSku(db: Database, sku: string) {
  const [row] = await db
    .select({ ...productWithStock, available: sql<number>`coalesce(${inventory.available}, 0)` })
    .from(products)
    .leftJoin(inventory, eq(inventory.sku, products.sku))
    .where(eq(products.sku, sku))
    .limit(1);
  if (!row) return undefined;
  return { sku: row.sku, name: row.name, unitPrice: { amount: row.priceCents, currency: row.currency }, available: row.available };
}
