import { type MyReview, REVIEWS_PER_PAGE, type Review, type ReviewPage, type ReviewSort } from "@shop/contracts";
import { and, asc, desc, eq, type SQL, sql } from "drizzle-orm";
import type { Shopper } from "../account/shopper";
import { receivedAny } from "../checkout/customer-orders";
import type { Database } from "../db/client";
import { products, reviews, variants } from "./schema";

// Reading reviews: a product's published ones a page at a time, and a shopper's own with whether they may write one.

export type ReviewRow = typeof reviews.$inferSelect;

export const toReview = (row: ReviewRow): Review => ({
  id: row.id,
  stars: row.stars,
  title: row.title,
  text: row.text,
  author: row.author,
  verifiedPurchase: row.verifiedPurchase,
  helpful: row.helpful,
  createdAt: row.createdAt.toISOString(),
  edited: row.editedAt !== null,
});

const ORDERS: Record<ReviewSort, SQL[]> = {
  newest: [desc(reviews.createdAt), desc(reviews.id)],
  helpful: [desc(reviews.helpful), desc(reviews.createdAt), desc(reviews.id)],
  highest: [desc(reviews.stars), desc(reviews.createdAt), desc(reviews.id)],
  lowest: [asc(reviews.stars), desc(reviews.createdAt), desc(reviews.id)],
};

const productIdOf = (slug: string) => sql`(SELECT ${products.id} FROM ${products} WHERE ${products.slug} = ${slug})`;

/** A page of the product's published reviews; undefined when there is no such product. */
export async function reviewPage(db: Database, slug: string, sort: ReviewSort, page: number): Promise<ReviewPage | undefined> {
  const published = and(eq(reviews.productId, productIdOf(slug)), eq(reviews.status, "published"));
  const [rows, { rows: counted }] = await Promise.all([
    db
      .select()
      .from(reviews)
      .where(published)
      .orderBy(...ORDERS[sort])
      .limit(REVIEWS_PER_PAGE)
      .offset((page - 1) * REVIEWS_PER_PAGE),
    db.execute<{ total: number }>(
      sql`SELECT (SELECT count(*)::int FROM ${reviews} WHERE ${reviews.productId} = p.id AND ${reviews.status} = 'published') AS total
          FROM ${products} p WHERE p.slug = ${slug}`,
    ),
  ]);
  const [found] = counted;
  if (!found) return undefined;
  return { items: rows.map(toReview), total: found.total, page, pages: Math.ceil(found.total / REVIEWS_PER_PAGE) };
}

export interface ReviewedProduct {
  id: number;
  name: string;
  skus: string[];
}

/** The product a review is about, with every SKU it was ever sold as (a discontinued one was still bought). */
export async function reviewedProduct(db: Database, slug: string): Promise<ReviewedProduct | undefined> {
  const [found] = await db
    .select({
      id: products.id,
      name: products.name,
      skus: sql<string[]>`coalesce(array_agg(${variants.sku}) FILTER (WHERE ${variants.sku} IS NOT NULL), '{}')`,
    })
    .from(products)
    .leftJoin(variants, eq(variants.productId, products.id))
    .where(eq(products.slug, slug))
    .groupBy(products.id);
  return found;
}

const ownReview = async (db: Database, userId: string, productId: number): Promise<ReviewRow | undefined> =>
  (
    await db
      .select()
      .from(reviews)
      .where(and(eq(reviews.productId, productId), eq(reviews.userId, userId)))
  )[0];

export const NOT_RECEIVED = "Only shoppers this product was delivered to can review it. Once your order arrives, come back here.";

/** The shopper's review of the product, as they see it (status and any note), and whether they may write one. */
export async function myReview(db: Database, shopper: Shopper, product: ReviewedProduct): Promise<MyReview> {
  const [review, received] = await Promise.all([ownReview(db, shopper.id, product.id), receivedAny(db, shopper.id, product.skus)]);
  return {
    signedIn: true,
    canReview: received && !review,
    reason: review ? "You reviewed this product; you can change or delete your review." : received ? null : NOT_RECEIVED,
    review: review ? asOwnReview(review) : null,
  };
}

export const asOwnReview = (row: ReviewRow) => ({ ...toReview(row), status: row.status, moderationNote: row.moderationNote });

/** How a review is signed: the author's first name and the initial of their last ("Sam K."). */
export function shortName(name: string): string {
  const words = name.trim().split(/\s+/).filter(Boolean);
  const [first, ...rest] = words;
  if (!first) return "A shopper";
  const last = rest.at(-1);
  return last ? `${first.slice(0, 40)} ${last[0]!.toUpperCase()}.` : first.slice(0, 40);
}

/** Every review the account wrote, for its export: what it said, its status and votes. */
export async function reviewsBy(db: Database, userId: string) {
  const rows = await db
    .select({ review: reviews, product: products.slug })
    .from(reviews)
    .innerJoin(products, eq(products.id, reviews.productId))
    .where(eq(reviews.userId, userId))
    .orderBy(desc(reviews.createdAt));
  return rows.map(({ review, product }) => ({ product, ...asOwnReview(review) }));
}
