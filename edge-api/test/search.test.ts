import { env } from "cloudflare:workers";
import { ProductList } from "@shop/contracts";
import { sql } from "drizzle-orm";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { openDatabase } from "../src/db/client";
import type { Env } from "../src/env";
import { adminHeaders, call, json, query } from "./helpers";

async function search(q: string, extra = "") {
  const response = await call(`/api/catalog/products?q=${encodeURIComponent(q)}&limit=100${extra}`);
  expect(response.status).toBe(200);
  return ProductList.parse(await response.json());
}

describe("search", () => {
  // A product whose description, not its name, talks about headphones.
  let decoy: { slug: string; description_html: string };
  beforeAll(async () => {
    [decoy] = (await query<{ slug: string; description_html: string }>(
      sql`SELECT slug, description_html FROM products WHERE name NOT ILIKE '%phone%' ORDER BY id LIMIT 1`,
    )) as [typeof decoy];
    const changed = await json("PATCH", `/api/admin/products/${decoy.slug}`, { descriptionHtml: "<p>Keeps your headphones tidy.</p>" }, adminHeaders);
    expect(changed.status).toBe(200);
  });
  afterAll(async () => {
    await json("PATCH", `/api/admin/products/${decoy.slug}`, { descriptionHtml: decoy.description_html }, adminHeaders);
  });

  it("finds products by name, and a name match outranks a description match", async () => {
    const results = await search("headphones");
    const named = await query<{ count: string }>(sql`SELECT count(*) FROM products WHERE name ILIKE '%headphones%'`);
    expect(results.total).toBeGreaterThanOrEqual(Number(named[0]!.count) + 1);
    const decoyAt = results.items.findIndex((p) => p.slug === decoy.slug);
    const lastNamed = results.items.map((p) => /headphones/i.test(p.name)).lastIndexOf(true);
    if (decoyAt >= 0) expect(decoyAt).toBeGreaterThan(lastNamed);
    expect(results.items[0]!.name).toMatch(/Headphones/);
    const decoyOnly = await search(
      "headphones",
      `&brand=${(await query<{ slug: string }>(sql`SELECT b.slug FROM products p JOIN brands b ON b.id = p.brand_id WHERE p.slug = ${decoy.slug}`))[0]!.slug}`,
    );
    expect(decoyOnly.items.map((p) => p.slug)).toContain(decoy.slug);
  });

  it("tolerates a typo: hedphones finds headphones", async () => {
    const results = await search("hedphones");
    expect(results.total).toBeGreaterThan(0);
    expect(results.items.slice(0, 10).every((p) => /headphones/i.test(p.name))).toBe(true);
    // It says what it searched for instead; a search that matched as typed says nothing.
    expect(results.correctedQuery).toBe("headphones");
    expect((await search("headphones")).correctedQuery).toBeNull();
    expect((await search("zzqxvbnm")).correctedQuery).toBeNull();
  });

  it("asks the search index, not every product, whether a misspelling matches anything", async () => {
    // Planned inline, this probe read the whole products table for every typo (the planner
    // expects unknown words to match 0.5% of products and a scan to stop early).
    const probe = sql`SELECT EXISTS (SELECT 1 FROM products_matching(websearch_to_tsquery('english', 'hedphones'), 1))`;
    const { db, close } = openDatabase(env as unknown as Env);
    try {
      const { blocks, pages } = await db.transaction(async (tx) => {
        await tx.execute(probe); // the connection's first call reads the system catalogs
        const plan = (await tx.execute<{ "QUERY PLAN": Array<{ Plan: Record<string, number> }> }>(sql`EXPLAIN (ANALYZE, BUFFERS, FORMAT JSON) ${probe}`))
          .rows[0]!["QUERY PLAN"][0]!.Plan;
        const table = await tx.execute<{ pages: string }>(sql`SELECT pg_relation_size('products') / current_setting('block_size')::int AS pages`);
        return { blocks: plan["Shared Hit Blocks"]! + plan["Shared Read Blocks"]!, pages: Number(table.rows[0]!.pages) };
      });
      expect(blocks).toBeGreaterThan(0);
      expect(blocks).toBeLessThan(pages / 3);
      // On 2,000 products the planner picks the index by itself; on 100,000 it did not, and only
      // the function's own setting keeps it there.
      const [fn] = await query<{ config: string[] }>(sql`SELECT proconfig AS config FROM pg_proc WHERE proname = 'products_matching'`);
      expect(fn!.config).toContain("enable_seqscan=off");
    } finally {
      await close();
    }
  });

  it("reads a common word's matches from few pages: the loader writes products in category order", async () => {
    // A catalog word mostly names one category ("jacket": the jackets), so its matches sit together:
    // on about as many pages as they fill (a few more for rows other tests rewrite), where a
    // catalog written in random category order spreads them over five times as many.
    const page = sql`(ctid::text::point)[0]`;
    const [jacket] = await query<{ matches: string; pages: string }>(
      sql`SELECT count(*) AS matches, count(DISTINCT ${page}) AS pages FROM products WHERE search_document @@ websearch_to_tsquery('english', 'jacket')`,
    );
    const [table] = await query<{ rows_per_page: number }>(sql`SELECT count(*)::float / count(DISTINCT ${page}) AS rows_per_page FROM products`);
    expect(Number(jacket!.matches)).toBeGreaterThan(20);
    expect(Number(jacket!.pages)).toBeLessThanOrEqual(Math.ceil(Number(jacket!.matches) / table!.rows_per_page) + 5);
  });

  it("matches brand and category words too", async () => {
    const byCategory = await search("earbuds");
    expect(byCategory.items.every((p) => /earbuds/i.test(p.name) || p.brand)).toBe(true);
    expect(byCategory.total).toBeGreaterThan(0);
    const byBrand = await search("kestrel");
    expect(byBrand.items.slice(0, 20).every((p) => p.brand.slug === "kestrel")).toBe(true);
  });

  it("combines search with filters and facets", async () => {
    const all = await search("jacket");
    const cheap = await search("jacket", "&maxPrice=15000");
    expect(cheap.total).toBeLessThanOrEqual(all.total);
    expect(cheap.items.every((p) => p.price.amount <= 15000)).toBe(true);
    const bucketSum = all.facets.price.reduce((sum, b) => sum + b.count, 0);
    expect(bucketSum).toBe(all.total);
  });

  it("answers an honest empty result for nonsense", async () => {
    const results = await search("zzqxvbnm");
    expect(results.total).toBe(0);
    expect(results.items).toEqual([]);
  });
});
