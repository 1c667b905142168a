import { ProductList, type ProductListQuery } from "@shop/contracts";
import airpodsIcon from "@tabler/icons/outline/device-airpods.svg";
import mugIcon from "@tabler/icons/outline/mug.svg";
import shoeIcon from "@tabler/icons/outline/shoe.svg";
import { sql } from "drizzle-orm";
import { describe, expect, it } from "vitest";
import { call, countOf, errorOf, query } from "./helpers";

async function list(params: string) {
  const response = await call(`/api/catalog/products?${params}`);
  expect(response.status, await response.clone().text()).toBe(200);
  return ProductList.parse(await response.json());
}

// Independent formulations of the filters (a recursive walk of the tree rather than the paths the
// API uses, IN lists rather than joins), so a wrong query in the API cannot agree with its own check.
const subtree = (slug: string) => sql`(WITH RECURSIVE t AS (SELECT id FROM categories WHERE slug = ${slug}
  UNION ALL SELECT c.id FROM categories c JOIN t ON c.parent_id = t.id) SELECT id FROM t)`;
const inStock = sql`p.id IN (SELECT v.product_id FROM variants v, inventory i WHERE i.sku = v.sku AND i.available > 0 AND NOT v.discontinued)`;

function filters(q: Partial<ProductListQuery>, except?: string) {
  const parts = [sql`true`];
  if (q.category && except !== "category") parts.push(sql`p.category_id IN ${subtree(q.category)}`);
  if (q.brand && except !== "brand")
    parts.push(
      sql`p.brand_id IN (SELECT id FROM brands WHERE slug IN (${sql.join(
        q.brand.map((b) => sql`${b}`),
        sql`, `,
      )}))`,
    );
  if (q.minPrice !== undefined && except !== "price") parts.push(sql`p.price_cents >= ${q.minPrice}`);
  if (q.maxPrice !== undefined && except !== "price") parts.push(sql`p.price_cents <= ${q.maxPrice}`);
  if (q.minRating !== undefined && except !== "rating") parts.push(sql`p.rating_average >= ${q.minRating}`);
  if (q.inStock) parts.push(inStock);
  return sql.join(parts, sql` AND `);
}

// The seeded products and any an operator test added (catalog-admin.test.ts shares the database).
const productCount = () => countOf(sql`SELECT count(*) FROM products`);

describe("GET /api/catalog/products: listing", () => {
  it("lists every product, newest first, in pages", async () => {
    const page = await list("limit=10&page=2");
    expect(page.total).toBe(await productCount());
    expect(page).toMatchObject({ page: 2, limit: 10 });
    expect(page.items).toHaveLength(10);
    const newest = await query<{ id: number }>(sql`SELECT id FROM products ORDER BY id DESC LIMIT 10 OFFSET 10`);
    expect(page.items.map((p) => p.id)).toEqual(newest.map((p) => p.id));
    for (const item of page.items) {
      expect(Number.isInteger(item.price.amount)).toBe(true);
      // In the colour of the variant the card stands for, when the product comes in colours.
      expect(item.image.url).toMatch(/^\/api\/catalog\/images\/[a-z0-9-]+\/0-800x(800|1000)(-[a-z-]+)?\.svg$/);
      expect(item.sku).toMatch(/^SKU-\d{7}-\d+$/);
    }
  });

  it("handles the edges of pagination", async () => {
    const products = await productCount();
    const last = Math.ceil(products / 100);
    expect((await list(`limit=100&page=${last}`)).items).toHaveLength(products - (last - 1) * 100 || 100);
    const beyond = await list(`limit=100&page=${last + 1}`);
    expect(beyond.items).toEqual([]);
    expect(beyond.total).toBe(products);
    expect((await list("limit=100")).items).toHaveLength(100);
  });

  it.each([
    ["category=clothing", { category: "clothing" }],
    ["category=audio", { category: "audio" }],
    ["brand=kestrel,lumen", { brand: ["kestrel", "lumen"] }],
    ["brand=kestrel&brand=nimbus", { brand: ["kestrel", "nimbus"] }],
    ["minPrice=5000&maxPrice=10000", { minPrice: 5000, maxPrice: 10000 }],
    ["inStock=true", { inStock: true }],
    ["minRating=4", { minRating: 4 }],
    [
      "category=shoes&brand=kestrel,lumen,nimbus&minPrice=9000&inStock=true&minRating=3",
      { category: "shoes", brand: ["kestrel", "lumen", "nimbus"], minPrice: 9000, inStock: true, minRating: 3 },
    ],
  ] as Array<[string, Partial<ProductListQuery>]>)("filters %s exactly as SQL counts them", async (params, q) => {
    const page = await list(`${params}&limit=100`);
    const expected = await countOf(sql`SELECT count(*) FROM products p WHERE ${filters(q)}`);
    expect(expected).toBeGreaterThan(0);
    expect(page.total).toBe(expected);
    const ids = (await query<{ id: number }>(sql`SELECT p.id FROM products p WHERE ${filters(q)}`)).map((r) => r.id);
    for (const item of page.items) expect(ids).toContain(item.id);
  });

  // Counts come from the kept facet counts with a price bucket cut through counted live (on the
  // narrower side of the cut), or from the matching rows themselves (a rating between whole stars).
  it.each([
    [
      "category=clothing&brand=kestrel,lumen&minPrice=2000&maxPrice=20000&inStock=true&minRating=2",
      { category: "clothing", brand: ["kestrel", "lumen"], minPrice: 2000, maxPrice: 20000, inStock: true, minRating: 2 },
    ],
    ["minPrice=1234", { minPrice: 1234 }],
    ["category=clothing&minPrice=2400&maxPrice=2600", { category: "clothing", minPrice: 2400, maxPrice: 2600 }],
    ["category=electronics&minPrice=30000", { category: "electronics", minPrice: 30000 }],
    ["category=home&maxPrice=2499&inStock=true", { category: "home", maxPrice: 2499, inStock: true }],
    ["category=clothing&minRating=3.5&maxPrice=7000", { category: "clothing", minRating: 3.5, maxPrice: 7000 }],
  ] as Array<[string, Partial<ProductListQuery>]>)("counts every facet of %s over the other filters, as SQL does", async (params, q) => {
    const { facets, total } = await list(params);
    expect(total).toBeGreaterThan(0);
    expect(total).toBe(await countOf(sql`SELECT count(*) FROM products p WHERE ${filters(q)}`));

    const brandCounts = await query<{ slug: string; count: string }>(
      sql`SELECT b.slug, count(*) FROM products p, brands b WHERE b.id = p.brand_id AND ${filters(q, "brand")} GROUP BY b.slug`,
    );
    expect(Object.fromEntries(facets.brands.map((b) => [b.slug, b.count]))).toEqual(Object.fromEntries(brandCounts.map((r) => [r.slug, Number(r.count)])));
    expect(
      facets.brands
        .filter((b) => b.selected)
        .map((b) => b.slug)
        .sort(),
    ).toEqual([...(q.brand ?? [])].sort());

    for (const bucket of facets.price) {
      const upper = bucket.max === null ? sql`true` : sql`p.price_cents < ${bucket.max}`;
      expect(bucket.count, bucket.key).toBe(
        await countOf(sql`SELECT count(*) FROM products p WHERE ${filters(q, "price")} AND p.price_cents >= ${bucket.min} AND ${upper}`),
      );
    }
    for (const rating of facets.rating) {
      expect(rating.count, `${rating.min}+`).toBe(
        await countOf(sql`SELECT count(*) FROM products p WHERE ${filters(q, "rating")} AND p.rating_average >= ${rating.min}`),
      );
    }
    const children = await query<{ slug: string }>(
      q.category
        ? sql`SELECT slug FROM categories WHERE parent_id = (SELECT id FROM categories WHERE slug = ${q.category})`
        : sql`SELECT slug FROM categories WHERE parent_id IS NULL`,
    );
    expect(facets.categories.length).toBeGreaterThan(0);
    for (const category of facets.categories) {
      expect(children.map((c) => c.slug)).toContain(category.slug);
      expect(category.count, category.slug).toBe(await countOf(sql`SELECT count(*) FROM products p WHERE ${filters({ ...q, category: category.slug })}`));
    }
  });

  it.each([
    ["newest", sql`p.created_at DESC, p.id DESC`],
    ["price_asc", sql`p.price_cents, p.id`],
    ["price_desc", sql`p.price_cents DESC, p.id`],
    ["rating", sql`p.rating_average DESC, p.rating_count DESC, p.id`],
  ] as const)("pages a category's subcategories together in %s order, as SQL does", async (sort, order) => {
    for (const [params, q] of [
      ["category=clothing&minPrice=1234", { category: "clothing", minPrice: 1234 }],
      ["brand=kestrel&inStock=true", { brand: ["kestrel"], inStock: true }],
    ] as Array<[string, Partial<ProductListQuery>]>) {
      const { items } = await list(`${params}&sort=${sort}&limit=7&page=3`);
      const expected = await query<{ id: number }>(sql`SELECT p.id FROM products p WHERE ${filters(q)} ORDER BY ${order} LIMIT 7 OFFSET 14`);
      expect(
        items.map((p) => p.id),
        params,
      ).toEqual(expected.map((r) => r.id));
    }
  });

  it("offers the top-level categories when none is chosen", async () => {
    const { facets } = await list("limit=1");
    const roots = await query<{ slug: string }>(sql`SELECT slug FROM categories WHERE parent_id IS NULL`);
    expect(facets.categories.map((c) => c.slug).sort()).toEqual(roots.map((r) => r.slug).sort());
    expect(facets.categories.reduce((sum, c) => sum + c.count, 0)).toBe(await productCount());
  });

  it.each([
    ["price_asc", (a: ProductList["items"][number], b: ProductList["items"][number]) => a.price.amount <= b.price.amount],
    ["price_desc", (a: ProductList["items"][number], b: ProductList["items"][number]) => a.price.amount >= b.price.amount],
    ["rating", (a: ProductList["items"][number], b: ProductList["items"][number]) => a.rating.average >= b.rating.average],
    ["newest", (a: ProductList["items"][number], b: ProductList["items"][number]) => a.id > b.id],
  ] as const)("sorts by %s", async (sort, inOrder) => {
    const { items } = await list(`sort=${sort}&limit=100&category=home`);
    for (let i = 1; i < items.length; i++) expect(inOrder(items[i - 1]!, items[i]!)).toBe(true);
  });

  it.each([
    ["page=0", "page"],
    ["page=-1", "page"],
    ["limit=0", "limit"],
    ["limit=10000", "limit"],
    ["limit=abc", "limit"],
    ["sort=cheapest", "sort"],
    ["minPrice=12.50", "minPrice"],
    ["minPrice=abc", "minPrice"],
    ["maxPrice=-5", "maxPrice"],
    ["minPrice=5000&maxPrice=100", "minPrice"],
    ["category=Not A Slug", "category"],
    ["brand=ok,NOT_OK", "brand"],
    ["inStock=maybe", "inStock"],
    ["minRating=6", "minRating"],
  ])("refuses %s with a 400 that names the parameter", async (params, name) => {
    const response = await call(`/api/catalog/products?${params}`);
    expect(response.status).toBe(400);
    const error = await errorOf(response);
    expect(error.code).toBe("invalid_request");
    expect(error.message).toContain(name);
  });
});

describe("product artwork", () => {
  it("serves SVGs with their size and long caching", async () => {
    const response = await call("/api/catalog/images/some-product-0000001/0-800x1000.svg");
    expect(response.status).toBe(200);
    expect(response.headers.get("Content-Type")).toBe("image/svg+xml");
    expect(response.headers.get("Cache-Control")).toContain("immutable");
    expect(await response.text()).toContain('width="800" height="1000"');
  });

  it("draws each product as its kind (an icon of Tabler's set), in its variant's colour, on a backdrop it stands out from", async () => {
    const earbuds = await (await call("/api/catalog/images/juniper-alpine-wireless-earbuds-0005000/0-800x800-black.svg")).text();
    const mug = await (await call("/api/catalog/images/tidewater-urban-coffee-mug-0000001/0-800x800-white.svg")).text();
    const boots = await (await call("/api/catalog/images/alder-pine-featherweight-hiking-boots-0000002/0-800x800-navy.svg")).text();
    // Tabler's drawings of airpods, a mug and a shoe.
    const drawing = (icon: string) => [...icon.matchAll(/<path d="[^"]+"/g)].map((m) => m[0]);
    for (const [picture, icon] of [
      [earbuds, airpodsIcon],
      [mug, mugIcon],
      [boots, shoeIcon],
    ] as const) {
      expect(drawing(icon).length).toBeGreaterThan(0);
      for (const path of drawing(icon)) expect(picture).toContain(path);
    }
    expect(earbuds).toContain('stroke="#1f1f24"');
    expect(boots).toContain('stroke="#23355e"');
    // White is drawn on a deep backdrop, black on a pale one.
    expect(mug).toMatch(/<rect [^>]*fill="hsl\(\d+ 22% 30%\)"/);
    expect(earbuds).toMatch(/<rect [^>]*fill="hsl\(\d+ 40% 92%\)"/);
    expect(earbuds).not.toContain("<text");
    // A colour the catalog does not have is no picture.
    expect((await call("/api/catalog/images/x-mug-0000001/0-800x800-plaid.svg")).status).toBe(404);
  });

  it("gives a product page's variants their own pictures, in their colours", async () => {
    const [row] = await query<{ slug: string }>(
      sql`SELECT p.slug FROM products p WHERE (SELECT count(DISTINCT v.options->>'colour') FROM variants v WHERE v.product_id = p.id) > 1 ORDER BY p.id LIMIT 1`,
    );
    const product = (await (await call(`/api/catalog/products/${row!.slug}`)).json()) as {
      variants: Array<{ options: Record<string, string>; images: Array<{ url: string }> }>;
    };
    for (const variant of product.variants) {
      const colour = variant.options.colour!.toLowerCase().replace(/[^a-z0-9]+/g, "-");
      expect(variant.images.length).toBeGreaterThan(0);
      for (const image of variant.images) expect(image.url).toMatch(new RegExp(`-${colour}\\.svg$`));
    }
  });

  it.each(["/api/catalog/images/x/0-9999x9999.svg", "/api/catalog/images/x/0-800x800.png", "/api/catalog/images/..%2Fsecret/0-800x800.svg"])(
    "answers 404 for %s",
    async (path) => {
      expect((await call(path)).status).toBe(404);
    },
  );
});
