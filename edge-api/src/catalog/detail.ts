import type { CategoryNode, ProductDetail, Suggestion } from "@shop/contracts";
import { sql } from "drizzle-orm";
import { availableUnits } from "../checkout/availability";
import type { Database } from "../db/client";
import { likeEscaped } from "../db/errors";
import { MINIMUM_SUPPORT } from "./co-purchases";
import { productImage } from "./images";
import { cardColumns, cardJoins, inStockCondition, toSummary } from "./listing";
import { coPurchases } from "./schema";

interface DetailRow extends Record<string, unknown> {
  product: {
    id: number;
    slug: string;
    name: string;
    description_html: string;
    attributes: Record<string, string>;
    rating_average: number;
    rating_count: number;
    rating_distribution: number[];
    category_id: number;
    category_path: string;
    brand_slug: string;
    brand_name: string;
  } | null;
  breadcrumbs: Array<{ slug: string; name: string }>;
  variants: Array<{ sku: string; options: Record<string, string>; price_cents: number; compare_at_cents: number | null; currency: string; available: number }>;
  images: Array<{ position: number; alt: string; width: number; height: number; object_key: string | null }>;
  bought_together: Parameters<typeof toSummary>[0][];
  related: Parameters<typeof toSummary>[0][];
}

const RELATED = 6;
const BOUGHT_TOGETHER = 4;

/** A product page's data in one round trip: the product, its variants with stock, breadcrumbs, what is bought with it and more like it. */
export async function getProduct(db: Database, slug: string): Promise<ProductDetail | undefined> {
  const { rows } = await db.execute<DetailRow>(sql`
    WITH target AS (
      SELECT p.*, c.path AS category_path, b.slug AS brand_slug, b.name AS brand_name
      FROM products p JOIN categories c ON c.id = p.category_id JOIN brands b ON b.id = p.brand_id
      WHERE p.slug = ${slug}
    ),
    -- What other buyers of this product bought with it, in stock, the most orders first.
    together AS (
      SELECT cp.other_id AS id, row_number() OVER (ORDER BY cp.orders DESC, cp.other_id) AS rank
      FROM ${coPurchases} cp JOIN target ON cp.product_id = target.id JOIN products p ON p.id = cp.other_id
      WHERE cp.orders >= ${MINIMUM_SUPPORT} AND p.name <> target.name AND ${inStockCondition}
      ORDER BY cp.orders DESC, cp.other_id LIMIT ${BOUGHT_TOGETHER}
    ),
    -- More from its category near its price, its brand first: the nearest above and below it, read
    -- from the category's price index (not a sort of the whole category), none of the above, and
    -- none by the same name (the generated catalog repeats names; a twin reads as the product itself).
    near AS (
      (SELECT p.id, 0 AS other_brand, p.price_cents - t.price_cents AS distance FROM products p, target t
        WHERE p.category_id = t.category_id AND p.brand_id = t.brand_id AND p.price_cents >= t.price_cents AND p.id <> t.id AND p.name <> t.name AND ${inStockCondition}
        ORDER BY p.price_cents LIMIT ${RELATED})
      UNION ALL
      (SELECT p.id, 0, t.price_cents - p.price_cents FROM products p, target t
        WHERE p.category_id = t.category_id AND p.brand_id = t.brand_id AND p.price_cents < t.price_cents AND p.name <> t.name AND ${inStockCondition}
        ORDER BY p.price_cents DESC LIMIT ${RELATED})
      UNION ALL
      (SELECT p.id, 1, p.price_cents - t.price_cents FROM products p, target t
        WHERE p.category_id = t.category_id AND p.price_cents >= t.price_cents AND p.id <> t.id AND p.name <> t.name AND ${inStockCondition}
        ORDER BY p.price_cents LIMIT ${RELATED})
      UNION ALL
      (SELECT p.id, 1, t.price_cents - p.price_cents FROM products p, target t
        WHERE p.category_id = t.category_id AND p.price_cents < t.price_cents AND p.name <> t.name AND ${inStockCondition}
        ORDER BY p.price_cents DESC LIMIT ${RELATED})
    ),
    more_like AS (
      SELECT id, row_number() OVER (ORDER BY min(other_brand), min(distance), id) AS rank FROM near
      WHERE id NOT IN (SELECT id FROM together)
      GROUP BY id ORDER BY min(other_brand), min(distance), id LIMIT ${RELATED}
    )
    SELECT
      (SELECT row_to_json(t) FROM (SELECT id, slug, name, description_html, attributes, rating_average, rating_count,
         rating_distribution, category_id, category_path, brand_slug, brand_name FROM target) t) AS product,
      (SELECT coalesce(json_agg(json_build_object('slug', c.slug, 'name', c.name) ORDER BY length(c.path)), '[]')
         FROM categories c, target WHERE target.category_path LIKE c.path || '%') AS breadcrumbs,
      (SELECT coalesce(json_agg(v ORDER BY v.position), '[]') FROM (
         SELECT v.sku, v.options, v.price_cents, v.compare_at_cents, v.currency, v.position, ${availableUnits(sql`v.sku`)} AS available
         FROM variants v JOIN target ON v.product_id = target.id
         WHERE NOT v.discontinued) v) AS variants,
      (SELECT coalesce(json_agg(i ORDER BY i.position), '[]') FROM (
         SELECT i.position, i.alt, i.width, i.height, i.object_key FROM product_images i JOIN target ON i.product_id = target.id) i) AS images,
      (SELECT coalesce(json_agg(x ORDER BY x.rank), '[]') FROM (
         SELECT ${cardColumns}, page.rank FROM (SELECT id, rank FROM together) page JOIN products p ON p.id = page.id ${cardJoins}) x) AS bought_together,
      (SELECT coalesce(json_agg(x ORDER BY x.rank), '[]') FROM (
         SELECT ${cardColumns}, page.rank FROM (SELECT id, rank FROM more_like) page JOIN products p ON p.id = page.id ${cardJoins}) x) AS related
  `);
  const row = rows[0];
  const product = row?.product;
  if (!row || !product) return undefined;
  const options = [...new Set(row.variants.flatMap((v) => Object.keys(v.options)))];
  // The product's pictures, in the colour of the variant they show.
  const imagesIn = (colour: string | undefined) => row.images.map((i) => productImage(product.slug, { ...i, objectKey: i.object_key }, colour));
  const breadcrumbs = row.breadcrumbs;
  return {
    id: product.id,
    slug: product.slug,
    name: product.name,
    descriptionHtml: product.description_html,
    brand: { slug: product.brand_slug, name: product.brand_name },
    category: breadcrumbs[breadcrumbs.length - 1]!,
    breadcrumbs,
    attributes: product.attributes,
    options,
    variants: row.variants.map((v) => ({
      sku: v.sku,
      options: v.options,
      price: { amount: v.price_cents, currency: v.currency },
      compareAtPrice: v.compare_at_cents ? { amount: v.compare_at_cents, currency: v.currency } : null,
      available: v.available,
      images: imagesIn(v.options.colour),
    })),
    images: imagesIn(row.variants.find((v) => v.available > 0)?.options.colour ?? row.variants[0]?.options.colour),
    rating: { average: Number(product.rating_average), count: product.rating_count, distribution: product.rating_distribution },
    boughtTogether: row.bought_together.map(toSummary),
    related: row.related.map(toSummary),
  };
}

/** The whole category tree, parents before children. */
export async function getCategoryTree(db: Database): Promise<CategoryNode[]> {
  const { rows } = await db.execute<{ id: number; parent_id: number | null; slug: string; name: string }>(
    sql`SELECT id, parent_id, slug, name FROM categories ORDER BY path`,
  );
  const nodes = new Map<number, CategoryNode>();
  const roots: CategoryNode[] = [];
  for (const row of rows) {
    const node: CategoryNode = { slug: row.slug, name: row.name, children: [] };
    nodes.set(row.id, node);
    (row.parent_id === null ? roots : nodes.get(row.parent_id)!.children).push(node);
  }
  return roots;
}

const MAX_SUGGESTIONS = 10;
const MAX_CATEGORY_SUGGESTIONS = 3;
const CANDIDATES = 300;

/** Trigram indexes need three characters to narrow anything down. */
const TRIGRAM = 3;
/** How near a typed word must be to one of a product's words for a suggestion (typos pass: "hedphones" 0.62, "sweter" 0.5). */
const NEAR_WORD = 0.4;
/** Catalog words a short prefix is completed to, and how many of their products are considered. */
const COMPLETED_WORDS = 8;
const SHORT_PREFIX_CANDIDATES = 100;

/** Completions for what a shopper is typing: matching categories first, then products by closeness. */
export async function suggest(db: Database, prefix: string): Promise<Suggestion[]> {
  const escaped = likeEscaped(prefix);
  const contains = `%${escaped}%`;
  // A bounded set of candidates keeps suggestions fast on a large catalog. Past two characters
  // the trigram index finds names containing the prefix (or close to it: typos). A shorter prefix
  // would make that a scan of every product, however rare it is ("zz" read all of 1,000,000), so
  // it is first completed to words of the catalog's own names (the small search_words dictionary)
  // and the products named with them come from the full-text index, by name weight (A).
  const candidates =
    prefix.length < TRIGRAM
      ? sql`SELECT slug, name, rating_count FROM products WHERE id IN (SELECT products_matching(to_tsquery('english', words), ${SHORT_PREFIX_CANDIDATES}) FROM (
          SELECT string_agg(word || ':A', ' | ') AS words FROM (
            SELECT word FROM search_words WHERE word LIKE ${`${escaped.toLowerCase()}%`} ORDER BY word LIMIT ${COMPLETED_WORDS}) w) c WHERE words IS NOT NULL)`
      : sql`SELECT slug, name, rating_count FROM products WHERE name ILIKE ${contains} OR ${prefix} <% name LIMIT ${CANDIDATES}`;
  const { rows } = await db.execute<{ type: "product" | "category"; slug: string; name: string }>(sql`
    (SELECT 'category' AS type, slug, name FROM categories WHERE name ILIKE ${contains}
      ORDER BY similarity(name, ${prefix}) DESC, name LIMIT ${MAX_CATEGORY_SUGGESTIONS})
    UNION ALL
    (SELECT 'product' AS type, slug, name FROM (
       -- One per distinct name. A near spelling must be near one of the name's words (strict word
       -- similarity): "blend" is near "Weekend Bluetooth" as a run of letters, but no word of it.
       SELECT DISTINCT ON (name) slug, name, word_similarity(${prefix}, name) AS score, rating_count
       FROM (${candidates}) c
       WHERE ${prefix.length < TRIGRAM ? sql`true` : sql`name ILIKE ${contains} OR strict_word_similarity(${prefix}, name) >= ${NEAR_WORD}`}
       ORDER BY name, rating_count DESC) d
     ORDER BY score DESC, rating_count DESC, name LIMIT ${MAX_SUGGESTIONS})
  `);
  const categories = rows.filter((r) => r.type === "category");
  const products = rows.filter((r) => r.type === "product");
  return [...categories, ...products].slice(0, MAX_SUGGESTIONS).map(({ type, slug, name }) => ({ type, slug, name }));
}
