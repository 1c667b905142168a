import { CategoryTree, ProductDetail, Suggestions } from "@shop/contracts";
import { sql } from "drizzle-orm";
import { describe, expect, it } from "vitest";
import { call, errorOf, query } from "./helpers";

async function aProduct(condition = sql`true`) {
  const [row] = await query<{ slug: string; id: number; category_id: number }>(
    sql`SELECT p.slug, p.id, p.category_id FROM products p WHERE ${condition} ORDER BY p.id LIMIT 1`,
  );
  return row!;
}

describe("GET /api/catalog/products/:slug", () => {
  it("answers the product with variants, stock per variant, breadcrumbs and related products", async () => {
    const target = await aProduct(sql`(SELECT count(*) FROM variants v WHERE v.product_id = p.id) > 1`);
    const response = await call(`/api/catalog/products/${target.slug}`);
    expect(response.status).toBe(200);
    const product = ProductDetail.parse(await response.json());
    expect(product.slug).toBe(target.slug);

    const variants = await query<{ sku: string; available: number; price_cents: number }>(
      sql`SELECT v.sku, coalesce(i.available, 0) AS available, v.price_cents FROM variants v LEFT JOIN inventory i ON i.sku = v.sku
          WHERE v.product_id = ${target.id} ORDER BY v.position`,
    );
    expect(product.variants.map((v) => [v.sku, v.available, v.price.amount])).toEqual(variants.map((v) => [v.sku, v.available, v.price_cents]));
    expect(product.options.length).toBeGreaterThan(0);
    for (const variant of product.variants) expect(Object.keys(variant.options).sort()).toEqual([...product.options].sort());

    const crumbs = await query<{ slug: string }>(sql`WITH RECURSIVE up AS (
      SELECT id, parent_id, slug, 0 AS depth FROM categories WHERE id = ${target.category_id}
      UNION ALL SELECT c.id, c.parent_id, c.slug, up.depth + 1 FROM categories c JOIN up ON c.id = up.parent_id)
      SELECT slug FROM up ORDER BY depth DESC`);
    expect(product.breadcrumbs.map((b) => b.slug)).toEqual(crumbs.map((c) => c.slug));
    expect(product.category.slug).toBe(crumbs.at(-1)!.slug);

    expect(product.related.length).toBeGreaterThan(0);
    expect(product.related.length).toBeLessThanOrEqual(6);
    expect(product.related.map((r) => r.id)).not.toContain(target.id);
    for (const related of product.related) expect(related.inStock).toBe(true);

    expect(product.images.length).toBeGreaterThan(0);
    for (const image of product.images) {
      expect(image.width).toBeGreaterThan(0);
      expect(image.height).toBeGreaterThan(0);
    }
    expect(product.rating.distribution.reduce((a, b) => a + b, 0)).toBe(product.rating.count);
  });

  it("answers 404 for an unknown slug and 400 for a malformed one", async () => {
    const missing = await call("/api/catalog/products/no-such-product-9999999");
    expect(missing.status).toBe(404);
    expect((await errorOf(missing)).code).toBe("not_found");
    expect((await call("/api/catalog/products/Not%20A%20Slug")).status).toBe(400);
  });
});

describe("GET /api/catalog/categories", () => {
  it("answers the whole tree", async () => {
    const { categories } = CategoryTree.parse(await (await call("/api/catalog/categories")).json());
    const count = (nodes: typeof categories): number => nodes.reduce((sum, n) => sum + 1 + count(n.children), 0);
    const [row] = await query<{ count: string }>(sql`SELECT count(*) FROM categories`);
    expect(count(categories)).toBe(Number(row!.count));
    const roots = await query<{ slug: string }>(sql`SELECT slug FROM categories WHERE parent_id IS NULL ORDER BY path`);
    expect(categories.map((c) => c.slug)).toEqual(roots.map((r) => r.slug));
  });
});

describe("GET /api/catalog/suggest", () => {
  it("completes a prefix with categories and products, at most 10", async () => {
    const { suggestions } = Suggestions.parse(await (await call("/api/catalog/suggest?q=head")).json());
    expect(suggestions.length).toBeGreaterThan(0);
    expect(suggestions.length).toBeLessThanOrEqual(10);
    expect(suggestions[0]).toMatchObject({ type: "category", slug: "headphones" });
    expect(suggestions.filter((s) => s.type === "product").every((s) => /head/i.test(s.name))).toBe(true);
  });

  it("completes a one- or two-letter prefix to the catalog's words, and answers nothing when none start so", async () => {
    const { suggestions } = Suggestions.parse(await (await call("/api/catalog/suggest?q=he")).json());
    const products = suggestions.filter((s) => s.type === "product");
    expect(products.length).toBeGreaterThan(0);
    expect(products.every((s) => /\bhe/i.test(s.name))).toBe(true);
    expect(Suggestions.parse(await (await call("/api/catalog/suggest?q=zq")).json()).suggestions).toEqual([]);
  });

  it("tolerates a typo", async () => {
    const { suggestions } = Suggestions.parse(await (await call("/api/catalog/suggest?q=hedphones")).json());
    expect(suggestions.some((s) => s.type === "product" && /Headphones/.test(s.name))).toBe(true);
    // A run of letters across two words is no near spelling: "blend" is in "Weekend Bluetooth", near no word of it.
    expect(Suggestions.parse(await (await call("/api/catalog/suggest?q=blend")).json()).suggestions).toEqual([]);
  });

  it.each(["", "q=", `q=${"x".repeat(101)}`])("refuses %s with 400", async (params) => {
    expect((await call(`/api/catalog/suggest?${params}`)).status).toBe(400);
  });
});
