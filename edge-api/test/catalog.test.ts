import { ProductList } from "@shop/contracts";
import { describe, expect, it } from "vitest";
import { TEST_DATABASE } from "./database";
import { call, errorOf } from "./helpers";

describe("GET /api/catalog/products", () => {
  it("lists products from Postgres, in pages", async () => {
    const response = await call("/api/catalog/products?limit=10&page=2");
    expect(response.status).toBe(200);
    const list = ProductList.parse(await response.json());
    expect(list.total).toBe(TEST_DATABASE.products);
    expect(list).toMatchObject({ page: 2, limit: 10 });
    expect(list.items.map((p) => p.sku)).toEqual(Array.from({ length: 10 }, (_, i) => `SKU-${String(i + 11).padStart(6, "0")}`));
    for (const item of list.items) expect(Number.isInteger(item.price.amount)).toBe(true);
  });

  it("returns an empty last page past the end", async () => {
    const list = ProductList.parse(await (await call("/api/catalog/products?limit=100&page=2")).json());
    expect(list.items).toEqual([]);
    expect(list.total).toBe(TEST_DATABASE.products);
  });

  it.each(["page=0", "page=-1", "limit=0", "limit=10000", "limit=abc", "page=1.5"])("refuses %s with 400", async (query) => {
    const response = await call(`/api/catalog/products?${query}`);
    expect(response.status).toBe(400);
    expect((await errorOf(response)).code).toBe("invalid_request");
  });

  it("serves product artwork with its size and long caching", async () => {
    const response = await call("/api/catalog/images/classic-cotton-t-shirt-000001.svg");
    expect(response.status).toBe(200);
    expect(response.headers.get("Content-Type")).toBe("image/svg+xml");
    expect(response.headers.get("Cache-Control")).toContain("immutable");
    expect(await response.text()).toContain('width="480" height="480"');
    expect((await call("/api/catalog/images/..%2Fsecret.svg")).status).toBe(404);
  });
});
