import { Cart, FREE_STANDARD_SHIPPING_FROM as FREE_SHIPPING_FROM, roundCents, SHIPPING_METHODS } from "@shop/contracts";
import { sql } from "drizzle-orm";
import { describe, expect, it } from "vitest";
import { priceCart } from "../src/cart/pricing";

const STANDARD_SHIPPING = SHIPPING_METHODS.standard.price;

import { cartOf, cartWith, skus } from "./cart-helpers";
import { adminHeaders, call, errorOf, json } from "./helpers";

describe("cart rules", () => {
  it("sets quantities, removes lines and empties the cart; every answer is the whole cart", async () => {
    const [a, b] = await skus(2);
    const { cookie } = await cartWith([
      [a!.sku, 1],
      [b!.sku, 2],
    ]);
    const patched = Cart.parse(await (await json("PATCH", `/api/cart/items/${a!.sku}`, { quantity: 4 }, { Cookie: cookie })).json());
    expect(patched.lines.map((l) => [l.sku, l.quantity])).toEqual([
      [a!.sku, 4],
      [b!.sku, 2],
    ]);
    const zero = Cart.parse(await (await json("PATCH", `/api/cart/items/${b!.sku}`, { quantity: 0 }, { Cookie: cookie })).json());
    expect(zero.lines.map((l) => l.sku)).toEqual([a!.sku]);
    const removed = Cart.parse(await (await call(`/api/cart/items/${a!.sku}`, { method: "DELETE", headers: { Cookie: cookie } })).json());
    expect(removed.lines).toEqual([]);
    const { cookie: other } = await cartWith([[a!.sku, 1]]);
    const emptied = Cart.parse(await (await call("/api/cart", { method: "DELETE", headers: { Cookie: other } })).json());
    expect(emptied).toMatchObject({ lines: [], itemCount: 0, total: { amount: 0 } });
  });

  it("refuses quantities above 10 or above stock, and SKUs not in the cart, changing nothing", async () => {
    const [a] = await skus(1);
    const [low] = await skus(1, sql`i.available BETWEEN 1 AND 4`);
    const { cookie, cart } = await cartWith([
      [a!.sku, 2],
      [low!.sku, 1],
    ]);
    const cases: Array<[string, string, unknown, number, string]> = [
      ["PATCH", `/api/cart/items/${a!.sku}`, { quantity: 11 }, 400, "invalid_request"],
      ["PATCH", `/api/cart/items/${a!.sku}`, { quantity: -1 }, 400, "invalid_request"],
      ["PATCH", `/api/cart/items/${low!.sku}`, { quantity: low!.available + 1 }, 409, "insufficient_stock"],
      ["POST", "/api/cart/items", { sku: a!.sku, quantity: 9 }, 422, "quantity_limit"],
      ["PATCH", "/api/cart/items/SKU-0000001-9", { quantity: 1 }, 404, "not_in_cart"],
      ["DELETE", "/api/cart/items/SKU-0000001-9", undefined, 404, "not_in_cart"],
    ];
    for (const [method, path, body, status, code] of cases) {
      const response = body === undefined ? await call(path, { method, headers: { Cookie: cookie } }) : await json(method, path, body, { Cookie: cookie });
      expect(response.status, `${method} ${path} ${JSON.stringify(body)}`).toBe(status);
      expect((await errorOf(response)).code).toBe(code);
    }
    const after = await cartOf(cookie);
    expect(after.lines.map((l) => [l.sku, l.quantity])).toEqual(cart.lines.map((l) => [l.sku, l.quantity]));
    expect(after.version).toBe(cart.version);
    if (low!.available < 4) {
      const message = (await errorOf(await json("PATCH", `/api/cart/items/${low!.sku}`, { quantity: low!.available + 1 }, { Cookie: cookie }))).message;
      expect(message).toBe(`Only ${low!.available} left.`);
    }
  });

  it("refuses a write based on a stale version with 412 (If-Match)", async () => {
    const [a] = await skus(1);
    const { cookie, cart } = await cartWith([[a!.sku, 1]]);
    const ok = await json("PATCH", `/api/cart/items/${a!.sku}`, { quantity: 2 }, { Cookie: cookie, "If-Match": `"${cart.version}"` });
    expect(ok.status).toBe(200);
    const stale = await json("PATCH", `/api/cart/items/${a!.sku}`, { quantity: 3 }, { Cookie: cookie, "If-Match": `"${cart.version}"` });
    expect(stale.status).toBe(412);
    expect((await errorOf(stale)).code).toBe("stale_cart");
    expect((await json("PATCH", `/api/cart/items/${a!.sku}`, { quantity: 3 }, { Cookie: cookie, "If-Match": "yesterday" })).status).toBe(400);
  });

  it("re-prices on every read: a changed price is flagged, an unavailable line stays visible outside the totals", async () => {
    const [a, b] = await skus(2);
    const { cookie } = await cartWith([
      [a!.sku, 1],
      [b!.sku, 1],
    ]);
    await json("PATCH", `/api/admin/variants/${a!.sku}`, { price: a!.price + 500 }, adminHeaders);
    await json("PUT", `/api/admin/inventory/${b!.sku}`, { available: 0 }, adminHeaders);
    try {
      const cart = await cartOf(cookie);
      const [lineA, lineB] = cart.lines;
      expect(lineA).toMatchObject({ status: "price_changed", unitPrice: { amount: a!.price + 500 }, addedUnitPrice: { amount: a!.price } });
      expect(lineB).toMatchObject({ status: "unavailable", available: 0 });
      expect(cart.subtotal.amount).toBe(a!.price + 500);
      expect(cart.itemCount).toBe(1);
    } finally {
      await json("PATCH", `/api/admin/variants/${a!.sku}`, { price: a!.price }, adminHeaders);
      await json("PUT", `/api/admin/inventory/${b!.sku}`, { available: b!.available }, adminHeaders);
    }
  });

  it("keeps 50 concurrent adds to one cart exact", async () => {
    const lines = await skus(10);
    const { cookie } = await cartWith([[lines[0]!.sku, 1]]);
    const adds = lines.flatMap((line, i) => Array.from({ length: i === 0 ? 4 : 5 }, () => line.sku));
    expect(adds).toHaveLength(49);
    const results = await Promise.all(adds.map((sku) => json("POST", "/api/cart/items", { sku, quantity: 1 }, { Cookie: cookie })));
    expect(results.map((r) => r.status).every((s) => s === 200)).toBe(true);
    const cart = await cartOf(cookie);
    expect(cart.lines.map((l) => l.quantity)).toEqual(lines.map(() => 5));
    expect(cart.version).toBe(50);
  });
});

describe("cart pricing", () => {
  const line = (sku: string, quantity: number, price: number) => ({ sku, quantity, addedUnitPrice: price, currency: "USD" });
  const now = (price: number, available = 100) => ({
    name: "X",
    slug: "x",
    options: {},
    image: null,
    unitPrice: price,
    currency: "USD",
    available,
    categoryPath: "/1/",
  });
  const stored = (lines: ReturnType<typeof line>[], version = 1) => ({ lines, coupon: null, version });

  it("charges standard shipping below the threshold and none from it", () => {
    const below = priceCart(stored([line("A", 1, FREE_SHIPPING_FROM - 1)]), new Map([["A", now(FREE_SHIPPING_FROM - 1)]]));
    expect(below.shipping.amount).toBe(STANDARD_SHIPPING);
    const at = priceCart(stored([line("A", 1, FREE_SHIPPING_FROM)]), new Map([["A", now(FREE_SHIPPING_FROM)]]));
    expect(at.shipping.amount).toBe(0);
    expect(priceCart(stored([], 0), new Map()).shipping.amount).toBe(0);
  });

  it("estimates tax once on the taxable total at checkout's default rate, rounding half away from zero, and adds up", () => {
    const cart = priceCart(
      stored([line("A", 3, 1999), line("B", 1, 1)]),
      new Map([
        ["A", now(1999)],
        ["B", now(1)],
      ]),
    );
    expect(cart.subtotal.amount).toBe(5998);
    expect(cart.tax.amount).toBe(roundCents((5998 * 600) / 10_000));
    expect(cart.tax.amount).toBe(360);
    expect(cart.total.amount).toBe(cart.subtotal.amount - cart.discount.amount + cart.shipping.amount + cart.tax.amount);
    expect(roundCents(12.5)).toBe(13);
    expect(roundCents(-12.5)).toBe(-13);
  });
});
