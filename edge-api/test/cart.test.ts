import { Cart } from "@shop/contracts";
import { sql } from "drizzle-orm";
import { describe, expect, it } from "vitest";
import { cartOf } from "./cart-helpers";
import { call, errorOf, json, query } from "./helpers";

interface Sellable extends Record<string, unknown> {
  sku: string;
  price: number;
}

/** SKUs picked straight from the database by their stock, so the tests do not depend on the generator's draw. */
async function skus(stock: "plenty" | "none", count = 2): Promise<Sellable[]> {
  const condition = stock === "plenty" ? sql`i.available >= 20` : sql`i.available = 0`;
  return query<Sellable>(sql`SELECT v.sku, v.price_cents AS price FROM variants v JOIN inventory i ON i.sku = v.sku
    WHERE ${condition} AND NOT v.discontinued ORDER BY v.id LIMIT ${count}`);
}

function cookieOf(response: Response) {
  const header = response.headers.get("Set-Cookie") ?? "";
  return header.split(";")[0]!;
}

describe("cart through its Durable Object", () => {
  it("starts empty: a first visit gets its cart id, and no cart exists until something is added", async () => {
    const response = await call("/api/cart");
    expect(response.status).toBe(200);
    expect(response.headers.get("Set-Cookie")).toMatch(/^cart_id=[0-9a-f]{64}\./);
    expect(Cart.parse(await response.json())).toMatchObject({ lines: [], itemCount: 0, version: 0 });
  });

  it("adds lines, sums the same SKU, and keeps the cart behind an HttpOnly cookie", async () => {
    const [first, second] = await skus("plenty");
    const added = await json("POST", "/api/cart/items", { sku: first!.sku, quantity: 1 });
    expect(added.status).toBe(200);
    const setCookie = added.headers.get("Set-Cookie")!;
    expect(setCookie).toMatch(/^cart_id=[0-9a-f]{64}\.[^;]+;/);
    expect(setCookie).toContain("HttpOnly");
    expect(setCookie).toContain("SameSite=Lax");
    const cookie = cookieOf(added);

    await json("POST", "/api/cart/items", { sku: first!.sku, quantity: 1 }, { Cookie: cookie });
    await json("POST", "/api/cart/items", { sku: second!.sku, quantity: 1 }, { Cookie: cookie });
    const cart = await cartOf(cookie);
    expect(cart.lines.map((l) => [l.sku, l.quantity])).toEqual([
      [first!.sku, 2],
      [second!.sku, 1],
    ]);
    expect(cart.itemCount).toBe(3);
    expect(cart.subtotal.amount).toBe(first!.price * 2 + second!.price);
    expect(cart.lines[0]!.lineTotal.amount).toBe(first!.price * 2);
    expect(cart.version).toBe(3);

    const stranger = Cart.parse(await (await call("/api/cart")).json());
    expect(stranger.lines).toEqual([]);
  });

  it("refuses bad input with a 4xx and leaves the cart unchanged", async () => {
    const [inStock] = (await skus("plenty")) as [Sellable];
    const created = await json("POST", "/api/cart/items", { sku: inStock.sku, quantity: 1 });
    const cookie = cookieOf(created);
    const cases: Array<[unknown, number, string]> = [
      [{ sku: "SKU-999999", quantity: 1 }, 404, "unknown_sku"],
      [{ sku: inStock.sku, quantity: 0 }, 400, "invalid_request"],
      [{ sku: inStock.sku, quantity: 11 }, 400, "invalid_request"],
      [{ sku: inStock.sku, quantity: 1.5 }, 400, "invalid_request"],
      [{ sku: "<script>", quantity: 1 }, 400, "invalid_request"],
      [{ quantity: 1 }, 400, "invalid_request"],
      [{ sku: inStock.sku, quantity: 10 }, 422, "quantity_limit"],
    ];
    for (const [body, status, code] of cases) {
      const response = await json("POST", "/api/cart/items", body, { Cookie: cookie });
      expect(response.status, JSON.stringify(body)).toBe(status);
      expect((await errorOf(response)).code).toBe(code);
    }
    const malformed = await call("/api/cart/items", { method: "POST", headers: { "Content-Type": "application/json", Cookie: cookie }, body: "{" });
    expect(malformed.status).toBe(400);
    // text/plain is what another site's form can post: without an Origin saying it is ours, it is refused as such.
    const plain = await call("/api/cart/items", {
      method: "POST",
      headers: { "Content-Type": "text/plain", Cookie: cookie },
      body: JSON.stringify({ sku: inStock.sku }),
    });
    expect(plain.status).toBe(403);
    const notJson = await call("/api/cart/items", {
      method: "POST",
      headers: { "Content-Type": "text/plain", Cookie: cookie, Origin: "http://shop.test" },
      body: JSON.stringify({ sku: inStock.sku }),
    });
    expect(notJson.status).toBe(415);
    expect((await errorOf(notJson)).code).toBe("unsupported_media_type");
    const cart = await cartOf(cookie);
    expect(cart.lines.map((l) => [l.sku, l.quantity])).toEqual([[inStock.sku, 1]]);
    expect(cart.version).toBe(1);
  });

  it("refuses out-of-stock SKUs with 409", async () => {
    const [soldOut] = (await skus("none")) as [Sellable];
    const response = await json("POST", "/api/cart/items", { sku: soldOut.sku, quantity: 1 });
    expect(response.status).toBe(409);
    expect(await errorOf(response)).toMatchObject({ code: "insufficient_stock", message: "This item is out of stock." });
  });
});
