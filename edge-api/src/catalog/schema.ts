import { sql } from "drizzle-orm";
import { type AnyPgColumn, boolean, check, customType, index, integer, jsonb, pgTable, primaryKey, real, serial, smallint, text } from "drizzle-orm/pg-core";
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
    ratingAverage: real("rating_average").notNull().default(0),
    ratingCount: integer("rating_count").notNull().default(0),
    /** Count of 1- to 5-star ratings. */
    ratingDistribution: integer("rating_distribution").array().notNull().default(sql`'{0,0,0,0,0}'`),
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
