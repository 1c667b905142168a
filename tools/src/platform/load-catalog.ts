// Bulk-loads the generated catalog with COPY: secondary indexes and catalog triggers are set aside
// during the load and rebuilt once at the end, which is what makes a million products fit in minutes.
import { Readable } from "node:stream";
import { pipeline } from "node:stream/promises";
import pg from "pg";
import { from as copyFrom } from "pg-copy-streams";
import { generateBrands, generateCategories, generateProducts, type SeedProduct } from "./seed";

const CATALOG_TABLES = ["inventory", "product_images", "variants", "reviews", "co_purchases", "products", "brands", "categories", "search_words"];

/** One value in COPY's text format. */
function copyValue(value: unknown): string {
  if (value === null || value === undefined) return "\\N";
  if (value instanceof Date) return value.toISOString();
  if (Array.isArray(value)) return `{${value.join(",")}}`;
  const text = typeof value === "object" ? JSON.stringify(value) : String(value);
  return text.replace(/\\/g, "\\\\").replace(/\t/g, "\\t").replace(/\n/g, "\\n").replace(/\r/g, "\\r");
}

const copyRow = (values: unknown[]) => `${values.map(copyValue).join("\t")}\n`;

/** Streams rows in chunks of many lines: far fewer writes than a line at a time. */
function rowStream(count: number, rows: (product: SeedProduct) => string[], onProduct?: (id: number) => void) {
  return Readable.from(
    (function* () {
      let chunk = "";
      for (const product of generateProducts(count)) {
        for (const row of rows(product)) chunk += row;
        onProduct?.(product.id);
        if (chunk.length > 256 * 1024) {
          yield chunk;
          chunk = "";
        }
      }
      if (chunk) yield chunk;
    })(),
  );
}

async function copy(client: pg.Client, table: string, columns: string[], source: Readable) {
  await pipeline(source, client.query(copyFrom(`COPY ${table} (${columns.join(", ")}) FROM STDIN`)));
}

export type LoadProgress = (message: string) => void;

/** Replaces the whole catalog with `count` generated products, in one transaction. */
export async function loadCatalog(databaseUrl: string, count: number, progress: LoadProgress = () => {}): Promise<void> {
  const client = new pg.Client({ connectionString: databaseUrl });
  await client.connect();
  const step = async (label: string, work: () => Promise<unknown>) => {
    const started = performance.now();
    await work();
    progress(`${label} (${((performance.now() - started) / 1000).toFixed(1)} s)`);
  };
  try {
    await client.query("BEGIN");
    // Room to sort the products into category order, and to build the indexes, in memory.
    await client.query("SET LOCAL work_mem = '256MB'");
    await client.query("SET LOCAL maintenance_work_mem = '512MB'");
    await client.query(`TRUNCATE ${CATALOG_TABLES.join(", ")} RESTART IDENTITY CASCADE`);
    // New products: what was bought together is counted again from the first order.
    await client.query("UPDATE co_purchase_progress SET placed_at = NULL, number = NULL");
    const { rows: indexes } = await client.query<{ name: string; definition: string }>(
      `SELECT indexname AS name, indexdef AS definition FROM pg_indexes
       WHERE schemaname = 'public' AND tablename = ANY($1) AND indexdef NOT LIKE 'CREATE UNIQUE%'`,
      [CATALOG_TABLES],
    );
    for (const index of indexes) await client.query(`DROP INDEX ${index.name}`);
    for (const table of ["products", "variants", "inventory", "reviews"]) await client.query(`ALTER TABLE ${table} DISABLE TRIGGER USER`);

    const categories = generateCategories();
    const brands = generateBrands();
    await copy(
      client,
      "categories",
      ["id", "parent_id", "slug", "name", "path"],
      Readable.from(categories.map((c) => copyRow([c.id, c.parentId, c.slug, c.name, c.path]))),
    );
    await copy(client, "brands", ["id", "slug", "name"], Readable.from(brands.map((b) => copyRow([b.id, b.slug, b.name]))));

    const every = Math.max(10_000, Math.ceil(count / 10));
    const report = (table: string) => (id: number) => {
      if (id % every === 0) progress(`  ${table}: ${id.toLocaleString("en-US")} of ${count.toLocaleString("en-US")} products`);
    };
    const productColumns = [
      "id",
      "slug",
      "name",
      "description_html",
      "brand_id",
      "category_id",
      "attributes",
      "price_cents",
      "currency",
      "rating_average",
      "rating_count",
      "rating_distribution",
      "imported_ratings",
      "created_at",
      "in_stock",
    ];
    await client.query("CREATE TEMP TABLE staged_products (LIKE products) ON COMMIT DROP");
    await step(`products: ${count.toLocaleString("en-US")} rows`, () =>
      copy(
        client,
        "staged_products",
        productColumns,
        rowStream(
          count,
          (p) => [
            copyRow([
              p.id,
              p.slug,
              p.name,
              p.descriptionHtml,
              p.brandId,
              p.categoryId,
              p.attributes,
              p.priceCents,
              "USD",
              p.ratingAverage,
              p.ratingCount,
              p.ratingDistribution,
              p.importedRatings,
              p.createdAt,
              p.variants.some((v) => v.stock > 0),
            ]),
          ],
          report("products"),
        ),
      ),
    );
    // Written once, with their search documents, in category order: a category's products share
    // pages, and so do a search's matches, which mostly sit in one category ("jacket": 43,000
    // matches on 4,300 pages instead of 35,600 at 1,000,000 products).
    await step("products: search documents, in category order", () =>
      client.query(`
        INSERT INTO products (${productColumns.join(", ")}, search_document)
        SELECT ${productColumns.map((column) => `p.${column}`).join(", ")},
          setweight(to_tsvector('english', p.name), 'A') ||
          setweight(to_tsvector('english', b.name), 'B') ||
          setweight(to_tsvector('english', c.name), 'C') ||
          setweight(to_tsvector('english', regexp_replace(p.description_html, '<[^>]*>', ' ', 'g')), 'D')
        FROM staged_products p JOIN brands b ON b.id = p.brand_id JOIN categories c ON c.id = p.category_id
        ORDER BY p.category_id, p.price_cents`),
    );
    await step("variants", () =>
      copy(
        client,
        "variants",
        ["product_id", "sku", "options", "price_cents", "compare_at_cents", "currency", "position"],
        rowStream(count, (p) => p.variants.map((v) => copyRow([p.id, v.sku, v.options, v.priceCents, v.compareAtCents, "USD", v.position]))),
      ),
    );
    await step("images", () =>
      copy(
        client,
        "product_images",
        ["product_id", "position", "alt", "width", "height"],
        rowStream(count, (p) => p.images.map((i) => copyRow([p.id, i.position, i.alt, i.width, i.height]))),
      ),
    );
    await step("inventory", () =>
      copy(
        client,
        "inventory",
        ["sku", "available"],
        rowStream(count, (p) => p.variants.map((v) => copyRow([v.sku, v.stock]))),
      ),
    );
    // Written reviews are part of the generated ratings already (seed.ts): their rows change no figure.
    await step("reviews", () =>
      copy(
        client,
        "reviews",
        ["product_id", "author", "verified_purchase", "stars", "title", "text", "status", "created_at"],
        rowStream(count, (p) => p.reviews.map((r) => copyRow([p.id, r.author, false, r.stars, r.title, r.text, "published", r.createdAt]))),
      ),
    );
    await step("search words", () =>
      client.query(`INSERT INTO search_words
        SELECT words_of(name) FROM products UNION SELECT words_of(name) FROM brands UNION SELECT words_of(name) FROM categories
        ON CONFLICT DO NOTHING`),
    );
    await step("indexes", async () => {
      for (const index of indexes) await client.query(index.definition);
    });
    for (const table of ["products", "variants", "inventory", "reviews"]) await client.query(`ALTER TABLE ${table} ENABLE TRIGGER USER`);
    await step("facet counts", () => client.query("SELECT product_facet_counts_rebuild()"));
    for (const table of ["categories", "brands", "products", "variants"]) {
      await client.query(`SELECT setval(pg_get_serial_sequence('${table}', 'id'), (SELECT coalesce(max(id), 1) FROM ${table}))`);
    }
    await client.query("COMMIT");
    // VACUUM too: it fills the visibility map, so listings can answer from the covering index alone.
    await step("statistics (VACUUM ANALYZE)", () => client.query(`VACUUM ANALYZE ${CATALOG_TABLES.join(", ")}`));
  } catch (err) {
    await client.query("ROLLBACK").catch(() => {});
    throw err;
  } finally {
    await client.end();
  }
}

/** How many products the catalog holds now. */
export async function catalogSize(databaseUrl: string): Promise<number> {
  const client = new pg.Client({ connectionString: databaseUrl });
  await client.connect();
  try {
    const { rows } = await client.query<{ count: string }>("SELECT count(*) FROM products");
    return Number(rows[0]!.count);
  } finally {
    await client.end();
  }
}
