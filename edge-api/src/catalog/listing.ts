import { PRICE_BUCKETS, type ProductList, type ProductListQuery, type ProductSummary, type Sort } from "@shop/contracts";
import { type SQL, sql } from "drizzle-orm";
import { availableUnits } from "../checkout/availability";
import type { Database } from "../db/client";
import { productImage } from "./images";

/**
 * The full-text query a search runs, as a CTE named `search`: what the shopper typed when anything
 * matches it, else the same words corrected to the closest words our catalog uses (typo tolerance:
 * "hedphones" finds headphones). Whether anything matches is asked of the search index
 * (`products_matching`, migration 0013), and only then is a correction looked up, word by word, in
 * the small `search_words` dictionary rather than in every product name.
 */
const searchCte = (q: string) => sql`typed AS MATERIALIZED (
  SELECT query, EXISTS (SELECT 1 FROM products_matching(query, 1)) AS exact FROM websearch_to_tsquery('english', ${q}) AS query),
  search AS MATERIALIZED (
  SELECT CASE WHEN exact THEN query ELSE websearch_to_tsquery('english', corrected) END AS query, corrected
  FROM typed, LATERAL (SELECT CASE WHEN exact THEN NULL ELSE (SELECT string_agg(coalesce(
        (SELECT w.word FROM search_words w WHERE w.word % t.word ORDER BY w.word <-> t.word LIMIT 1), t.word), ' ')
      FROM regexp_split_to_table(lower(${q}), '[^a-z0-9]+') AS t(word) WHERE t.word <> '') END AS corrected) c)`;

/** The words of a search as the correction sees them, to tell a real correction from the same words. */
const searchWords = (q: string) =>
  q
    .toLowerCase()
    .split(/[^a-z0-9]+/)
    .filter(Boolean)
    .join(" ");

const matchesSearch = sql`p.search_document @@ (SELECT query FROM search)`;

/** Name hits weigh most (weight A), then brand, category and description. */
const relevance = sql`ts_rank(p.search_document, (SELECT query FROM search))`;

/** products.in_stock is kept by triggers on inventory and variants, so filtering by it is a column read. */
export const inStockCondition = sql`p.in_stock`;

const all = (parts: SQL[]) => (parts.length ? sql.join(parts, sql` AND `) : sql`true`);

/**
 * The filters that apply to every count (search, category, stock) and, separately, each filter a
 * facet leaves out when it counts (brand, price, rating), as SQL on `products p`.
 */
function filters(query: ProductListQuery) {
  const shared: SQL[] = [];
  if (query.q) shared.push(matchesSearch);
  // The category facet lists the chosen category's children, so the category filter is shared.
  if (query.category) shared.push(sql`p.category_id IN (SELECT id FROM subtree)`);
  if (query.inStock) shared.push(inStockCondition);
  const price: SQL[] = [];
  if (query.minPrice !== undefined) price.push(sql`p.price_cents >= ${query.minPrice}`);
  if (query.maxPrice !== undefined) price.push(sql`p.price_cents <= ${query.maxPrice}`);
  return {
    shared: all(shared),
    brand: query.brand?.length
      ? sql`p.brand_id IN (SELECT id FROM brands WHERE slug IN (${sql.join(
          query.brand.map((slug) => sql`${slug}`),
          sql`, `,
        )}))`
      : sql`true`,
    price: all(price),
    rating: query.minRating !== undefined ? sql`p.rating_average >= ${query.minRating}` : sql`true`,
  };
}

export function effectiveSort(query: ProductListQuery): Sort {
  if (query.sort && (query.sort !== "relevance" || query.q)) return query.sort;
  return query.q ? "relevance" : "newest";
}

/** The order of a sort, over rows of `alias` (the products, or the finished cards of a page). */
export function orderBy(sort: Sort, alias: "p" | "x"): SQL {
  const t = sql.raw(alias);
  switch (sort) {
    case "relevance":
      // `rank` is the page query's own output column, hence unqualified there.
      return alias === "p" ? sql`rank DESC, p.id` : sql`x.rank DESC, x.id`;
    case "price_asc":
      return sql`${t}.price_cents, ${t}.id`;
    case "price_desc":
      return sql`${t}.price_cents DESC, ${t}.id`;
    case "rating":
      return sql`${t}.rating_average DESC, ${t}.rating_count DESC, ${t}.id`;
    case "newest":
      return sql`${t}.created_at DESC, ${t}.id DESC`;
  }
}

export interface ItemRow {
  id: number;
  slug: string;
  name: string;
  price_cents: number;
  currency: string;
  rating_average: number;
  rating_count: number;
  brand_slug: string;
  brand_name: string;
  image_width: number | null;
  image_height: number | null;
  image_alt: string | null;
  image_key: string | null;
  sku: string | null;
  /** The colour of the variant the card stands for (its picture shows it). */
  colour: string | null;
  compare_at_cents: number | null;
  variant_count: number;
  in_stock: boolean;
}

interface ListingRow extends Record<string, unknown> {
  items: ItemRow[];
  total: string | number;
  categories: Array<{ slug: string; name: string; count: number }>;
  brands: Array<{ slug: string; name: string; count: number }>;
  price: Record<string, number>;
  rating: Record<string, number>;
  corrected: string | null;
}

/**
 * The columns of a product card, for products already chosen in `page`. Joins do not keep the
 * page's order, so the cards carry their sort keys and the final aggregate orders by them again.
 */
export const cardColumns = sql`p.id, p.slug, p.name, p.price_cents, p.currency, p.rating_average, p.rating_count, p.created_at,
  b.slug AS brand_slug, b.name AS brand_name,
  img.width AS image_width, img.height AS image_height, img.alt AS image_alt, img.object_key AS image_key,
  dv.sku, dv.colour, dv.compare_at_cents, dv.variant_count, dv.in_stock`;

export const cardJoins = sql`JOIN brands b ON b.id = p.brand_id
  LEFT JOIN product_images img ON img.product_id = p.id AND img.position = 0
  LEFT JOIN LATERAL (
    SELECT (array_agg(v.sku ORDER BY i.available > 0 DESC, v.position))[1] AS sku,
           (array_agg(v.options->>'colour' ORDER BY i.available > 0 DESC, v.position))[1] AS colour,
           max(v.compare_at_cents) FILTER (WHERE v.price_cents = p.price_cents) AS compare_at_cents,
           count(*)::int AS variant_count,
           coalesce(bool_or(i.available > 0), false) AS in_stock
    FROM variants v CROSS JOIN LATERAL (SELECT ${availableUnits(sql`v.sku`)} AS available) i
    WHERE v.product_id = p.id AND NOT v.discontinued
  ) dv ON true`;

export function toSummary(row: ItemRow): ProductSummary {
  const image = productImage(
    row.slug,
    { position: 0, width: row.image_width ?? 800, height: row.image_height ?? 800, alt: row.image_alt ?? row.name, objectKey: row.image_key },
    row.colour,
  );
  return {
    id: row.id,
    slug: row.slug,
    name: row.name,
    brand: { slug: row.brand_slug, name: row.brand_name },
    sku: row.sku ?? "",
    variantCount: Math.max(1, row.variant_count),
    price: { amount: row.price_cents, currency: row.currency },
    compareAtPrice: row.compare_at_cents ? { amount: row.compare_at_cents, currency: row.currency } : null,
    image,
    rating: { average: Number(row.rating_average), count: row.rating_count },
    inStock: row.in_stock,
  };
}

/** A listing's counts come from the kept product_facet_counts when it has no search and rates in whole stars. */
function countsAreKept(query: ProductListQuery): boolean {
  return !query.q && (query.minRating === undefined || (Number.isInteger(query.minRating) && query.minRating <= 4));
}

type PriceRange = [lowest: number, highest: number];

/**
 * How much of a price bucket the price filter keeps: all of it, none, or part. For part, the
 * narrower side of the cut (in price) is counted product by product, and the bucket's kept count
 * stands for the other side: `restPasses` says whether that side passes the filter.
 */
export function bucketCoverage(
  bucket: { min: number; max: number | null },
  minPrice?: number,
  maxPrice?: number,
): { kind: "all" } | { kind: "none" } | { kind: "part"; countLive: PriceRange[]; restPasses: boolean } {
  const lowest = bucket.min;
  const highest = bucket.max === null ? Infinity : bucket.max - 1;
  const from = Math.max(lowest, minPrice ?? lowest);
  const to = Math.min(highest, maxPrice ?? highest);
  if (from > to) return { kind: "none" };
  if (from === lowest && to === highest) return { kind: "all" };
  const outside = (
    [
      [lowest, from - 1],
      [to + 1, highest],
    ] as PriceRange[]
  ).filter(([low, high]) => low <= high && low !== Infinity);
  const span = (ranges: PriceRange[]) => ranges.reduce((sum, [low, high]) => sum + (high - low + 1), 0);
  return span([[from, to]]) <= span(outside)
    ? { kind: "part", countLive: [[from, to]], restPasses: false }
    : { kind: "part", countLive: outside, restPasses: true };
}

/**
 * `page` and `tally` read from the products matching the search and filters: `base` reads them
 * once (from the covering listing index where it can) and marks which facet filters each passes;
 * the tally groups them by every combination of facet values and filters.
 */
function countedFromMatches(query: ProductListQuery, sort: Sort, f: ReturnType<typeof filters>) {
  const rank = query.q ? relevance : sql`0`;
  return sql`base AS MATERIALIZED (
      SELECT p.id, p.category_id, p.brand_id, p.price_cents, p.rating_average, p.rating_count, p.created_at, ${rank} AS rank,
        ${f.brand} AS by_brand, ${f.price} AS by_price, ${f.rating} AS by_rating
      FROM products p WHERE ${f.shared}),
    page AS (
      SELECT p.id, p.rank FROM base p WHERE by_brand AND by_price AND by_rating
      ORDER BY ${orderBy(sort, "p")} LIMIT ${query.limit} OFFSET ${(query.page - 1) * query.limit}),
    tally AS MATERIALIZED (
      SELECT p.brand_id, p.category_id, price_bucket(p.price_cents) AS bucket, rating_stars(p.rating_average) AS stars,
        by_brand, by_price, by_rating, count(*) AS n
      FROM base p GROUP BY 1, 2, 3, 4, 5, 6, 7)`;
}

/**
 * A page without sorting every product it could hold: each category (of the chosen subtree, or of
 * the whole catalog) gives its first rows in the sort order from an index kept in that order
 * (migration 0014), and the page is taken from those few. Written as one scan, the planner sorts
 * the whole category.
 */
function pageByCategory(query: ProductListQuery, sort: Sort, f: ReturnType<typeof filters>) {
  const first = query.page * query.limit;
  return sql`
      SELECT x.id, 0 AS rank FROM ${query.category ? sql`subtree` : sql`categories`} s CROSS JOIN LATERAL (
        SELECT p.id, p.created_at, p.price_cents, p.rating_average, p.rating_count FROM products p
        WHERE p.category_id = s.id AND ${query.inStock ? inStockCondition : sql`true`} AND ${f.brand} AND ${f.price} AND ${f.rating}
        ORDER BY ${orderBy(sort, "p")} LIMIT ${first}) x
      ORDER BY ${orderBy(sort, "x")} LIMIT ${query.limit} OFFSET ${first - query.limit}`;
}

/**
 * The same `page` and `tally` without reading every matching product: the page from an index in
 * its sort order, the tally from product_facet_counts (migration 0014). Only a price bucket the
 * price filter cuts through is counted from its products, a range of the listing index.
 */
function countedFromKeptCounts(query: ProductListQuery, sort: Sort, f: ReturnType<typeof filters>) {
  const coverage = PRICE_BUCKETS.map((bucket) => bucketCoverage(bucket, query.minPrice, query.maxPrice));
  const passing = coverage.flatMap((c, i) => (c.kind === "all" || (c.kind === "part" && c.restPasses) ? [i] : []));
  const liveRanges = coverage.flatMap((c) => (c.kind === "part" ? c.countLive : []));
  const keptWhere = [sql`k.products > 0`];
  if (query.category) keptWhere.push(sql`k.category_id IN (SELECT id FROM subtree)`);
  if (query.inStock) keptWhere.push(sql`k.in_stock`);
  const inRange = ([low, high]: PriceRange) => (high === Infinity ? sql`p.price_cents >= ${low}` : sql`p.price_cents BETWEEN ${low} AND ${high}`);
  return sql`page AS (${pageByCategory(query, sort, f)}),
    ${
      liveRanges.length
        ? sql`moved AS MATERIALIZED (
      SELECT p.brand_id, p.category_id, price_bucket(p.price_cents) AS bucket, rating_stars(p.rating_average) AS stars, ${f.price} AS by_price, count(*) AS n
      FROM (${sql.join(
        // One price range per scan: an OR of ranges is not read from the index.
        liveRanges.map(
          (range) => sql`SELECT p.brand_id, p.category_id, p.price_cents, p.rating_average FROM products p WHERE ${f.shared} AND ${inRange(range)}`,
        ),
        sql` UNION ALL `,
      )}) p GROUP BY 1, 2, 3, 4, 5),`
        : sql``
    }
    tally AS MATERIALIZED (
      SELECT p.brand_id, p.category_id, p.bucket, p.stars, ${f.brand} AS by_brand, p.by_price,
        ${query.minRating === undefined ? sql`true` : sql`p.stars >= ${query.minRating}`} AS by_rating, sum(p.n) AS n
      FROM (
        SELECT k.brand_id, k.category_id, k.price_bucket AS bucket, k.stars,
          ${
            passing.length
              ? sql`k.price_bucket IN (${sql.join(
                  passing.map((i) => sql`${i}`),
                  sql`, `,
                )})`
              : sql`false`
          } AS by_price, k.products AS n
        FROM product_facet_counts k WHERE ${all(keptWhere)}
        ${
          liveRanges.length
            ? sql`-- Each product counted live leaves its bucket's kept count (the other side) for its own.
        UNION ALL SELECT brand_id, category_id, bucket, stars, by_price, n FROM moved
        UNION ALL SELECT brand_id, category_id, bucket, stars, NOT by_price, -n FROM moved`
            : sql``
        }
      ) p GROUP BY 1, 2, 3, 4, 5, 6, 7 HAVING sum(p.n) <> 0)`;
}

/**
 * One page of products with the total and every facet, in a single round trip. Each facet counts
 * the products matching all the other filters, so a shopper sees what choosing it would give; every
 * count is a cheap pass over `tally`, the matches grouped by facet values and filters (a few
 * thousand rows however many products match).
 */
export async function listProducts(db: Database, query: ProductListQuery): Promise<ProductList> {
  const sort = effectiveSort(query);
  const f = filters(query);
  const priceCounts = sql.join(
    PRICE_BUCKETS.map((b, i) => sql`coalesce(sum(n) FILTER (WHERE by_brand AND by_rating AND bucket = ${i}), 0) AS ${sql.identifier(b.key)}`),
    sql`, `,
  );
  const ratingCounts = sql.join(
    [4, 3, 2, 1].map((min) => sql`coalesce(sum(n) FILTER (WHERE by_brand AND by_price AND stars >= ${min}), 0) AS ${sql.identifier(String(min))}`),
    sql`, `,
  );

  const result = await db.execute<ListingRow>(sql`
    WITH ${query.q ? sql`${searchCte(query.q)},` : sql``}
    chosen AS (SELECT id, path FROM categories WHERE slug = ${query.category ?? null}),
    subtree AS (SELECT d.id FROM categories d, chosen WHERE d.path LIKE chosen.path || '%'),
    -- Each category id mapped to the child of the chosen category (or the top-level category) it sits under.
    facet_category AS (
      SELECT d.id AS category_id, c.slug, c.name FROM categories c JOIN categories d ON d.path LIKE c.path || '%'
      WHERE c.parent_id IS NOT DISTINCT FROM (SELECT id FROM chosen)),
    ${countsAreKept(query) ? countedFromKeptCounts(query, sort, f) : countedFromMatches(query, sort, f)}
    SELECT
      (SELECT coalesce(json_agg(x ORDER BY ${orderBy(sort, "x")}), '[]') FROM (
        SELECT ${cardColumns}, page.rank FROM page JOIN products p ON p.id = page.id ${cardJoins}) x) AS items,
      (SELECT coalesce(sum(n) FILTER (WHERE by_brand AND by_price AND by_rating), 0) FROM tally) AS total,
      (SELECT coalesce(json_agg(x ORDER BY x.count DESC, x.name), '[]') FROM (
        SELECT fc.slug, fc.name, sum(n)::int AS count FROM tally JOIN facet_category fc ON fc.category_id = tally.category_id
        WHERE by_brand AND by_price AND by_rating GROUP BY fc.slug, fc.name) x) AS categories,
      (SELECT coalesce(json_agg(x ORDER BY x.count DESC, x.name), '[]') FROM (
        SELECT b.slug, b.name, sum(n)::int AS count FROM tally JOIN brands b ON b.id = tally.brand_id
        WHERE by_price AND by_rating GROUP BY b.slug, b.name) x) AS brands,
      (SELECT row_to_json(x) FROM (SELECT ${priceCounts} FROM tally) x) AS price,
      (SELECT row_to_json(x) FROM (SELECT ${ratingCounts} FROM tally) x) AS rating,
      ${query.q ? sql`(SELECT corrected FROM search)` : sql`NULL`} AS corrected
  `);
  const row = result.rows[0]!;
  const selectedBrands = new Set(query.brand ?? []);
  return {
    items: row.items.map(toSummary),
    total: Number(row.total),
    correctedQuery: row.corrected && row.corrected !== searchWords(query.q ?? "") ? row.corrected : null,
    page: query.page,
    limit: query.limit,
    facets: {
      categories: row.categories,
      // Chosen brands first, so a shopper sees what is applied without scrolling.
      brands: row.brands.map((b) => ({ ...b, selected: selectedBrands.has(b.slug) })).sort((a, b) => Number(b.selected) - Number(a.selected)),
      price: PRICE_BUCKETS.map((b) => ({ key: b.key, label: b.label, min: b.min, max: b.max, count: Number(row.price[b.key] ?? 0) })),
      rating: [4, 3, 2, 1].map((min) => ({ min, count: Number(row.rating[String(min)] ?? 0) })),
    },
  };
}
