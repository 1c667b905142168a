import { Cart, ProductList } from "@shop/contracts";
import { describe, expect, it } from "vitest";
import { call, errorOf, json } from "./helpers";

async function products() {
  return ProductList.parse(await (await call("/api/catalog/products?limit=100")).json()).items;
}

function cookieOf(response: Response) {
  const header = response.headers.get("Set-Cookie") ?? "";
  return header.split(";")[0]!;
}

describe("cart through its Durable Object", () => {
  it("starts empty without creating a cart", async () => {
    const response = await call("/api/cart");
    expect(response.status).toBe(200);
    expect(response.headers.get("Set-Cookie")).toBeNull();
    expect(Cart.parse(await response.json())).toMatchObject({ lines: [], itemCount: 0, version: 0 });
  });

  it("adds lines, sums the same SKU, and keeps the cart behind an HttpOnly cookie", async () => {
    const [first, second] = (await products()).filter((p) => p.inStock);
    const added = await json("POST", "/api/cart/items", { sku: first!.sku, quantity: 1 });
    expect(added.status).toBe(200);
    const setCookie = added.headers.get("Set-Cookie")!;
    expect(setCookie).toMatch(/^cart_id=[0-9a-f]{64};/);
    expect(setCookie).toContain("HttpOnly");
    expect(setCookie).toContain("SameSite=Lax");
    const cookie = cookieOf(added);

    await json("POST", "/api/cart/items", { sku: first!.sku, quantity: 1 }, { Cookie: cookie });
    await json("POST", "/api/cart/items", { sku: second!.sku, quantity: 1 }, { Cookie: cookie });
    const cart = Cart.parse(await (await call("/api/cart", { headers: { Cookie: cookie } })).json());
    expect(cart.lines.map((l) => [l.sku, l.quantity])).toEqual([
      [first!.sku, 2],
      [second!.sku, 1],
    ]);
    expect(cart.itemCount).toBe(3);
    expect(cart.subtotal.amount).toBe(first!.price.amount * 2 + second!.price.amount);
    expect(cart.lines[0]!.lineTotal.amount).toBe(first!.price.amount * 2);
    expect(cart.version).toBe(3);

    const stranger = Cart.parse(await (await call("/api/cart")).json());
    expect(stranger.lines).toEqual([]);
  });

  it("refuses bad input with a 4xx and leaves the cart unchanged", async () => {
    const inStock = (await products()).find((p) => p.inStock)!;
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
    const notJson = await call("/api/cart/items", { method: "POST", headers: { "Content-Type": "text/plain", Cookie: cookie }, body: JSON.stringify({ sku: inStock.sku }) });
    expect(notJson.status).toBe(415);
    expect((await errorOf(notJson)).code).toBe("unsupported_media_type");
    const cart = Cart.parse(await (await call("/api/cart", { headers: { Cookie: cookie } })).json());
    expect(cart.lines.map((l) => [l.sku, l.quantity])).toEqual([[inStock.sku, 1]]);
    expect(cart.version).toBe(1);
  });

  it("refuses out-of-stock SKUs with 409", async () => {
    const soldOut = (await products()).find((p) => !p.inStock)!;
    const response = await json("POST", "/api/cart/items", { sku: soldOut.sku, quantity: 1 });
    expect(response.status).toBe(409);
    expect(await errorOf(response)).toMatchObject({ code: "insufficient_stock", message: "This item is out of stock." });
  });
});
