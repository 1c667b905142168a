import { env } from "cloudflare:workers";
import { ProductDetail, ProductList } from "@shop/contracts";
import { sql } from "drizzle-orm";
import { describe, expect, it, vi } from "vitest";
import { forgetCatalogCache } from "../src/catalog/cache";
import { adminHeaders, call, errorOf, json, query } from "./helpers";

async function firstVariant() {
  const [row] = await query<{ sku: string; slug: string; price_cents: number; available: number }>(sql`
    SELECT v.sku, p.slug, v.price_cents, coalesce(i.available, 0) AS available
    FROM variants v JOIN products p ON p.id = v.product_id LEFT JOIN inventory i ON i.sku = v.sku
    WHERE (SELECT count(*) FROM variants w WHERE w.product_id = p.id) = 1 ORDER BY p.id DESC LIMIT 1`);
  return row!;
}

const productOf = async (slug: string) => {
  const response = await call(`/api/catalog/products/${slug}`);
  return { cache: response.headers.get("X-Cache"), product: ProductDetail.parse(await response.json()) };
};

describe("admin writes", () => {
  it("need the admin token", async () => {
    const { sku } = await firstVariant();
    for (const headers of [{}, { Authorization: "Bearer wrong" }] as Array<Record<string, string>>) {
      const response = await json("PUT", `/api/admin/inventory/${sku}`, { available: 3 }, headers);
      expect(response.status).toBe(401);
      expect((await errorOf(response)).code).toBe("unauthorized");
    }
  });

  it("refuse bad input with 400 and unknown targets with 404, changing nothing", async () => {
    const { sku, slug, price_cents, available } = await firstVariant();
    const cases: Array<[string, string, unknown, number]> = [
      ["PUT", `/api/admin/inventory/${sku}`, { available: -1 }, 400],
      ["PUT", `/api/admin/inventory/${sku}`, { available: 1.5 }, 400],
      ["PUT", "/api/admin/inventory/SKU-9999999-1", { available: 1 }, 404],
      ["PATCH", `/api/admin/variants/${sku}`, { price: -100 }, 400],
      ["PATCH", `/api/admin/variants/${sku}`, { price: 12.5 }, 400],
      ["PATCH", `/api/admin/variants/${sku}`, { compareAtPrice: 1 }, 400],
      ["PATCH", `/api/admin/variants/${sku}`, {}, 400],
      ["PATCH", `/api/admin/products/${slug}`, { name: "" }, 400],
      ["PATCH", "/api/admin/products/no-such-product", { name: "X" }, 404],
    ];
    for (const [method, path, body, status] of cases) {
      expect((await json(method, path, body, adminHeaders)).status, `${method} ${path} ${JSON.stringify(body)}`).toBe(status);
    }
    const after = await query<{ price_cents: number; available: number }>(sql`SELECT v.price_cents, coalesce(i.available, 0) AS available
      FROM variants v LEFT JOIN inventory i ON i.sku = v.sku WHERE v.sku = ${sku}`);
    expect(after[0]).toEqual({ price_cents: price_cents, available });
  });
});

describe("edge cache freshness", () => {
  it("serves a price change at once (versioned keys), not after the cache expires", async () => {
    const { sku, slug, price_cents } = await firstVariant();
    expect((await productOf(slug)).cache).toBe("MISS");
    expect((await productOf(slug)).cache).toBe("HIT");

    const newPrice = price_cents + 1000;
    expect((await json("PATCH", `/api/admin/variants/${sku}`, { price: newPrice }, adminHeaders)).status).toBe(200);
    const { cache, product } = await productOf(slug);
    expect(cache).toBe("MISS");
    expect(product.variants[0]!.price.amount).toBe(newPrice);
    const listed = ProductList.parse(await (await call(`/api/catalog/products?limit=5&sort=newest`)).json());
    const inList = listed.items.find((p) => p.slug === slug);
    if (inList) expect(inList.price.amount).toBe(newPrice);

    await json("PATCH", `/api/admin/variants/${sku}`, { price: price_cents }, adminHeaders);
  });

  it("serves stock changes at once after an admin write", async () => {
    const { sku, slug, available } = await firstVariant();
    await productOf(slug);
    await json("PUT", `/api/admin/inventory/${sku}`, { available: 3 }, adminHeaders);
    expect((await productOf(slug)).product.variants[0]!.available).toBe(3);
    await json("PUT", `/api/admin/inventory/${sku}`, { available }, adminHeaders);
  });

  it("keeps a product's in-stock flag in step with its stock", async () => {
    const { sku, slug, available } = await firstVariant();
    const inStock = async () => {
      const list = ProductList.parse(await (await call("/api/catalog/products?limit=100&sort=newest")).json());
      return list.items.find((p) => p.slug === slug)?.inStock;
    };
    await json("PUT", `/api/admin/inventory/${sku}`, { available: 0 }, adminHeaders);
    expect(await inStock()).toBe(false);
    const [{ in_stock }] = (await query<{ in_stock: boolean }>(sql`SELECT in_stock FROM products WHERE slug = ${slug}`)) as [{ in_stock: boolean }];
    expect(in_stock).toBe(false);
    await json("PUT", `/api/admin/inventory/${sku}`, { available: 7 }, adminHeaders);
    expect(await inStock()).toBe(true);
    await json("PUT", `/api/admin/inventory/${sku}`, { available }, adminHeaders);
  });

  it("never serves an entry older than 60 s, and refreshes one older than 30 s in the background", async () => {
    const { slug } = await firstVariant();
    await productOf(slug);
    const cache = (env as unknown as { CACHE: KVNamespace }).CACHE;
    const keys = (await cache.list({ prefix: "catalog:" })).keys.filter((k) => k.name !== "catalog:version");
    expect(keys).toHaveLength(1);
    const key = keys[0]!.name;
    const { value, metadata } = await cache.getWithMetadata<{ storedAt: number; etag: string }>(key, "text");
    const ageBy = async (ms: number) => {
      await cache.put(key, value!, { metadata: { ...metadata!, storedAt: Date.now() - ms } });
      forgetCatalogCache();
    };

    await ageBy(45_000);
    expect((await productOf(slug)).cache).toBe("STALE");
    // The refresh lands in the background; it must have landed before the entry is aged again, or it
    // would overwrite that with a fresh one.
    await vi.waitFor(
      async () => {
        const refreshed = await cache.getWithMetadata<{ storedAt: number }>(key, "text");
        expect(Date.now() - refreshed.metadata!.storedAt).toBeLessThan(30_000);
      },
      { timeout: 10_000, interval: 50 },
    );
    await ageBy(61_000);
    expect((await productOf(slug)).cache).toBe("MISS");
  });

  it("refreshes a stale cart SKU together with the cart SKUs about to go stale, and leaves young ones", async () => {
    const [stale, due, young] = await query<{ sku: string }>(sql`
      SELECT v.sku FROM variants v JOIN inventory i ON i.sku = v.sku WHERE i.available > 0 AND NOT v.discontinued ORDER BY v.id DESC LIMIT 3`);
    const cookie = (await json("POST", "/api/cart/items", { sku: stale!.sku, quantity: 1 })).headers.get("Set-Cookie")!.split(";")[0]!;
    for (const { sku } of [due!, young!]) await json("POST", "/api/cart/items", { sku, quantity: 1 }, { Cookie: cookie });
    const cache = (env as unknown as { CACHE: KVNamespace }).CACHE;
    const keyOf = async (sku: string) => (await cache.list({ prefix: "catalog:" })).keys.find((k) => k.name.endsWith(`:cart-sku:${sku}`))!.name;
    const storedAt = async (sku: string) => (await cache.getWithMetadata<{ storedAt: number }>(await keyOf(sku), "text")).metadata!.storedAt;
    const ages: Array<[string, number]> = [
      [stale!.sku, 35_000],
      [due!.sku, 25_000],
      [young!.sku, 5_000],
    ];
    for (const [sku, age] of ages) {
      const { value, metadata } = await cache.getWithMetadata<{ storedAt: number; etag: string }>(await keyOf(sku), "text");
      await cache.put(await keyOf(sku), value!, { metadata: { ...metadata!, storedAt: Date.now() - age } });
    }
    forgetCatalogCache();
    const before = Date.now();

    expect((await call("/api/cart", { headers: { Cookie: cookie } })).status).toBe(200);
    // The refresh runs after the response.
    await vi.waitFor(async () => expect(await storedAt(stale!.sku)).toBeGreaterThanOrEqual(before), { timeout: 5_000 });
    expect(await storedAt(due!.sku)).toBeGreaterThanOrEqual(before);
    expect(await storedAt(young!.sku)).toBeLessThan(before);
  });

  it("answers 304 to a browser that has the current version", async () => {
    const { slug } = await firstVariant();
    const first = await call(`/api/catalog/products/${slug}`);
    const etag = first.headers.get("ETag")!;
    expect(first.headers.get("Cache-Control")).toBe("public, max-age=0, must-revalidate");
    const again = await call(`/api/catalog/products/${slug}`, { headers: { "If-None-Match": etag } });
    expect(again.status).toBe(304);
  });

  it("keys a listing by its meaning, not the order of its parameters", async () => {
    await call("/api/catalog/products?brand=lumen,kestrel&minPrice=1000");
    const reordered = await call("/api/catalog/products?minPrice=1000&brand=kestrel&brand=lumen");
    expect(reordered.headers.get("X-Cache")).toBe("HIT");
  });
});
