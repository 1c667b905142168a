import { REVIEW_STATUSES } from "@shop/contracts";
import { sql } from "drizzle-orm";
import {
  type AnyPgColumn,
  boolean,
  check,
  customType,
  index,
  integer,
  jsonb,
  pgTable,
  primaryKey,
  real,
  serial,
  smallint,
  text,
  unique,
  uuid,
} from "drizzle-orm/pg-core";
// Foreign keys only: the accounts that write reviews.
import { users } from "../account/schema";
import { belongsTo, moment } from "../db/columns";

// The catalog domain's tables: what the shop sells, its pictures, and the read models its search and listings keep.

const tsvector = customType<{ data: string }>({ dataType: () => "tsvector" });

/** A tree: `path` holds the ids from the root down ("/1/4/"), so a subtree is every path starting with its own. */
export const categories = pgTable(
  "categories",
  {
    id: serial("id").primaryKey(),
    parentId: integer("parent_id").references((): AnyPgColumn => categories.id),
    slug: text("slug").notNull().unique(),
    name: text("name").notNull(),
    path: text("path").notNull(),
  },
  (t) => [index("categories_path_idx").on(t.path.op("text_pattern_ops")), index("categories_parent_idx").on(t.parentId)],
);

export const brands = pgTable("brands", {
  id: serial("id").primaryKey(),
  slug: text("slug").notNull().unique(),
  name: text("name").notNull(),
});

export const products = pgTable(
  "products",
  {
    id: serial("id").primaryKey(),
    slug: text("slug").notNull().unique(),
    name: text("name").notNull(),
    /** Rich text (HTML); sanitised when shown. */
    descriptionHtml: text("description_html").notNull().default(""),
    brandId: integer("brand_id")
      .notNull()
      .references(() => brands.id),
    categoryId: integer("category_id")
      .notNull()
      .references(() => categories.id),
    attributes: jsonb("attributes").$type<Record<string, string>>().notNull().default({}),
    /** The lowest variant price, kept by a trigger, so listings sort and filter by price without a join. */
    priceCents: integer("price_cents").notNull().default(0),
    currency: text("currency").notNull().default("USD"),
    /** The rating shoppers see: imported history plus published reviews, kept by a trigger on reviews (migration 0029). */
    ratingAverage: real("rating_average").notNull().default(0),
    ratingCount: integer("rating_count").notNull().default(0),
    /** Count of 1- to 5-star ratings. */
    ratingDistribution: integer("rating_distribution").array().notNull().default(sql`'{0,0,0,0,0}'`),
    /** Ratings brought from the platform the shop came from (the generated catalog's), per star: never reviews of ours. */
    importedRatings: integer("imported_ratings").array().notNull().default(sql`'{0,0,0,0,0}'`),
    createdAt: moment("created_at").notNull().defaultNow(),
    /** Whether any sellable variant has stock: a read model kept by triggers on inventory and variants. */
    inStock: boolean("in_stock").notNull().default(false),
    /** Weighted name (A) > brand (B) > category (C) > description (D); kept by a trigger. */
    searchDocument: tsvector("search_document"),
  },
  (t) => [
    index("products_search_idx").using("gin", t.searchDocument),
    index("products_name_trgm_idx").using("gin", t.name.op("gin_trgm_ops")),
    // Listings and facets read the covering products_listing_idx (migration 0006); foreign keys
    // to brands need their own index for deletes. See docs/catalog-queries.md for the plans.
    index("products_brand_idx").on(t.brandId),
  ],
);

export const variants = pgTable(
  "variants",
  {
    id: serial("id").primaryKey(),
    productId: belongsTo(integer("product_id").notNull(), () => products.id),
    sku: text("sku").notNull().unique(),
    /** e.g. { size: "M", colour: "Navy" } */
    options: jsonb("options").$type<Record<string, string>>().notNull().default({}),
    priceCents: integer("price_cents").notNull(),
    compareAtCents: integer("compare_at_cents"),
    currency: text("currency").notNull().default("USD"),
    position: integer("position").notNull().default(0),
    /** A discontinued variant stays for old orders and carts but is no longer sold. */
    discontinued: boolean("discontinued").notNull().default(false),
  },
  (t) => [
    index("variants_product_idx").on(t.productId, t.position),
    check("variants_price_non_negative", sql`${t.priceCents} >= 0`),
    check("variants_compare_at_above_price", sql`${t.compareAtCents} IS NULL OR ${t.compareAtCents} > ${t.priceCents}`),
  ],
);

/**
 * A product's pictures by position (0 is the one listings show): a picture an operator uploaded is
 * the MEDIA object `object_key`; without one, artwork is generated per product and position.
 */
export const productImages = pgTable(
  "product_images",
  {
    productId: belongsTo(integer("product_id").notNull(), () => products.id),
    position: integer("position").notNull(),
    alt: text("alt").notNull(),
    width: integer("width").notNull(),
    height: integer("height").notNull(),
    objectKey: text("object_key"),
  },
  (t) => [index("product_images_product_idx").on(t.productId, t.position)],
);

/** Every word of the catalog's product names (three letters or more), kept by a trigger: what a typo is corrected to and a short prefix completed to. */
export const searchWords = pgTable("search_words", { word: text("word").primaryKey() }, (t) => [
  index("search_words_trgm_idx").using("gin", t.word.op("gin_trgm_ops")),
]);

/**
 * Products per leaf category × brand × price bucket × star step × stock, kept by statement triggers on
 * `products` (migration 0014): a listing without a search takes its facet counts from here.
 */
export const productFacetCounts = pgTable(
  "product_facet_counts",
  {
    categoryId: integer("category_id").notNull(),
    brandId: integer("brand_id").notNull(),
    priceBucket: smallint("price_bucket").notNull(),
    stars: smallint("stars").notNull(),
    inStock: boolean("in_stock").notNull(),
    products: integer("products").notNull(),
  },
  (t) => [primaryKey({ name: "product_facet_counts_pkey", columns: [t.categoryId, t.brandId, t.priceBucket, t.stars, t.inStock] })],
);

/**
 * What shoppers say about a product: one review per account and product, by someone it was
 * delivered to (an imported review has no account and is not a verified purchase). Only published
 * ones count in the product's rating; the trigger of migration 0029 moves the figures with them.
 */
export const reviews = pgTable(
  "reviews",
  {
    id: uuid("id").primaryKey().defaultRandom(),
    productId: belongsTo(integer("product_id").notNull(), () => products.id),
    /** The author's account; their reviews go with it. Null for imported reviews. */
    userId: belongsTo(text("user_id"), () => users.id),
    /** The name shown, as the author's account had it when they wrote ("Sam K."). */
    author: text("author").notNull(),
    verifiedPurchase: boolean("verified_purchase").notNull(),
    stars: smallint("stars").notNull(),
    title: text("title").notNull(),
    text: text("text").notNull(),
    status: text("status", { enum: REVIEW_STATUSES }).notNull(),
    /** Why automatic checks held it, or the reason an operator rejected or removed it (the author sees it). */
    moderationNote: text("moderation_note"),
    helpful: integer("helpful").notNull().default(0),
    reports: integer("reports").notNull().default(0),
    createdAt: moment("created_at").notNull().defaultNow(),
    editedAt: moment("edited_at"),
  },
  (t) => [
    unique("reviews_one_per_author").on(t.productId, t.userId),
    check("reviews_stars", sql`${t.stars} BETWEEN 1 AND 5`),
    check("reviews_status", sql`${t.status} IN ('published', 'held', 'rejected', 'removed')`),
    // A product's published reviews in each order the page offers (newest, most helpful, by stars).
    // A product's published reviews newest first, and most helpful first; by stars, the few a
    // product has are sorted (reviews.ts). DESC NULLS FIRST is what ORDER BY … DESC reads.
    index("reviews_product_newest_idx").on(t.productId, t.createdAt.desc().nullsFirst(), t.id.desc().nullsFirst()).where(sql`${t.status} = 'published'`),
    index("reviews_product_helpful_idx")
      .on(t.productId, t.helpful.desc().nullsFirst(), t.createdAt.desc().nullsFirst(), t.id.desc().nullsFirst())
      .where(sql`${t.status} = 'published'`),
    // The moderation queue by status, newest first; reported ones are published with reports.
    index("reviews_status_idx").on(t.status, t.createdAt.desc().nullsFirst(), t.id.desc().nullsFirst()),
    index("reviews_user_idx").on(t.userId),
  ],
);

/** "Was this helpful?": once per account and review. */
export const reviewVotes = pgTable(
  "review_votes",
  {
    reviewId: belongsTo(uuid("review_id").notNull(), () => reviews.id),
    userId: belongsTo(text("user_id").notNull(), () => users.id),
    at: moment("at").notNull().defaultNow(),
  },
  (t) => [primaryKey({ columns: [t.reviewId, t.userId] }), index("review_votes_user_idx").on(t.userId)],
);

/** Shoppers' reports of a review, once per account: enough of them hold it for an operator. */
export const reviewReports = pgTable(
  "review_reports",
  {
    reviewId: belongsTo(uuid("review_id").notNull(), () => reviews.id),
    userId: belongsTo(text("user_id").notNull(), () => users.id),
    reason: text("reason").notNull(),
    at: moment("at").notNull().defaultNow(),
  },
  (t) => [primaryKey({ columns: [t.reviewId, t.userId] }), index("review_reports_user_idx").on(t.userId)],
);

/**
 * "Frequently bought together": how many orders held both products, kept by the Cron handler
 * (co-purchases.ts) in both directions, so a product's partners are one index range.
 */
export const coPurchases = pgTable(
  "co_purchases",
  {
    productId: belongsTo(integer("product_id").notNull(), () => products.id),
    otherId: belongsTo(integer("other_id").notNull(), () => products.id),
    orders: integer("orders").notNull(),
  },
  (t) => [
    primaryKey({ columns: [t.productId, t.otherId] }),
    index("co_purchases_top_idx").on(t.productId, t.orders.desc().nullsFirst(), t.otherId),
    index("co_purchases_other_idx").on(t.otherId),
  ],
);

/** Where counting co-purchases got to: the last order counted, by (placed_at, number). One row. */
export const coPurchaseProgress = pgTable("co_purchase_progress", {
  placedAt: moment("placed_at"),
  number: text("number"),
});
