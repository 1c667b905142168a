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
  const [rows, totals] = await Promise.all([
    db
      .select(productWithStock)
      .from(products)
      .leftJoin(inventory, eq(inventory.sku, products.sku))
      .orderBy(asc(products.id))
      .limit(query.limit)
      .offset(offset),
    db.select({ total: count() }).from(products),
  ]);
  return { items: rows.map(toSummary), total: totals[0]?.total ?? 0, page: query.page, limit: query.limit };
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
