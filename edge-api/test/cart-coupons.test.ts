import { Cart, roundCents } from "@shop/contracts";
import { sql } from "drizzle-orm";
import { afterEach, describe, expect, it } from "vitest";
import { type CouponTerms, evaluateCoupon } from "../src/cart/coupons";
import { forgetCatalogCache } from "../src/catalog/cache";
import { cartOf, cartWith, type Sellable, skus } from "./cart-helpers";
import { call, errorOf, json, query } from "./helpers";

const applyCoupon = (code: string, cookie?: string) => json("PUT", "/api/cart/coupon", { code }, cookie ? { Cookie: cookie } : {});

/** SKUs inside (or outside) the demo "audio" category's subtree. */
async function skusIn(slug: string, inside: boolean, count: number): Promise<Sellable[]> {
  const subtree = sql`c.path LIKE (SELECT path FROM categories WHERE slug = ${slug}) || '%'`;
  return query<Sellable>(sql`SELECT v.sku, v.price_cents AS price, i.available FROM variants v
    JOIN inventory i ON i.sku = v.sku JOIN products p ON p.id = v.product_id JOIN categories c ON c.id = p.category_id
    WHERE ${inside ? subtree : sql`NOT (${subtree})`} AND i.available >= 20 AND NOT v.discontinued ORDER BY v.id LIMIT ${count}`);
}

/** Test coupons are made per test and removed after it. */
const madeCoupons: string[] = [];
async function makeCoupon(code: string, terms: string) {
  await query(
    sql.raw(`INSERT INTO coupons (code, description, kind, value, starts_at, ends_at, max_uses, times_used)
    VALUES ('${code}', 'Test coupon', 'percent', 10, ${terms})`),
  );
  madeCoupons.push(code);
}
afterEach(async () => {
  if (madeCoupons.length) await query(sql`DELETE FROM coupons WHERE code IN ${madeCoupons.splice(0)}`);
});

describe("coupons", () => {
  it("applies a percentage coupon typed in any case, with the one rounding rule, and takes it off again", async () => {
    const [a] = await skus(1);
    const { cookie, cart } = await cartWith([[a!.sku, 3]]);
    const response = await applyCoupon("  welcome10 ", cookie);
    expect(response.status, await response.clone().text()).toBe(200);
    const applied = Cart.parse(await response.json());
    expect(applied.coupon).toMatchObject({ code: "WELCOME10", status: "applied" });
    expect(applied.discount.amount).toBe(roundCents((cart.subtotal.amount * 10) / 100));
    expect(applied.coupon!.discount.amount).toBe(applied.discount.amount);
    expect(applied.total.amount).toBe(applied.subtotal.amount - applied.discount.amount + applied.shipping.amount + applied.tax.amount);
    expect(applied.version).toBe(cart.version + 1);
    expect((await cartOf(cookie)).coupon?.code).toBe("WELCOME10");

    const removed = Cart.parse(await (await call("/api/cart/coupon", { method: "DELETE", headers: { Cookie: cookie } })).json());
    expect(removed.coupon).toBeNull();
    expect(removed.discount.amount).toBe(0);
  });

  it("takes a fixed amount off once the minimum subtotal is reached, and says how much is missing before", async () => {
    const [cheap] = await skus(1, sql`v.price_cents BETWEEN 1000 AND 4000 AND i.available >= 20`);
    const { cookie, cart } = await cartWith([[cheap!.sku, 1]]);
    const refused = await applyCoupon("SAVE15", cookie);
    expect(refused.status).toBe(422);
    const error = await errorOf(refused);
    expect(error.code).toBe("coupon_minimum_not_reached");
    expect(error.message).toContain("$100.00");
    expect((await cartOf(cookie)).version).toBe(cart.version);

    const quantity = Math.ceil(10000 / cheap!.price);
    await json("PATCH", `/api/cart/items/${cheap!.sku}`, { quantity }, { Cookie: cookie });
    const applied = Cart.parse(await (await applyCoupon("SAVE15", cookie)).json());
    expect(applied.discount.amount).toBe(1500);

    // Below the minimum again: the coupon stays on the cart but takes nothing off, and says why.
    const lowered = Cart.parse(await (await json("PATCH", `/api/cart/items/${cheap!.sku}`, { quantity: 1 }, { Cookie: cookie })).json());
    expect(lowered.coupon).toMatchObject({ code: "SAVE15", status: "minimum_not_reached" });
    expect(lowered.discount.amount).toBe(0);
  });

  it("restricts a category coupon to lines in that category's subtree", async () => {
    const [audio] = await skusIn("audio", true, 1);
    const [other] = await skusIn("audio", false, 1);
    const { cookie } = await cartWith([[other!.sku, 1]]);
    const refused = await applyCoupon("AUDIO20", cookie);
    expect(refused.status).toBe(422);
    expect((await errorOf(refused)).code).toBe("coupon_not_applicable");

    await json("POST", "/api/cart/items", { sku: audio!.sku, quantity: 2 }, { Cookie: cookie });
    const applied = Cart.parse(await (await applyCoupon("AUDIO20", cookie)).json());
    const audioLine = applied.lines.find((l) => l.sku === audio!.sku)!;
    expect(applied.discount.amount).toBe(roundCents((audioLine.lineTotal.amount * 20) / 100));
  });

  it("refuses unknown, expired, not yet started and used-up coupons with one answer, changing nothing", async () => {
    const [a] = await skus(1);
    const { cookie, cart } = await cartWith([[a!.sku, 1]]);
    await makeCoupon("SOON5", "now() + interval '3 days', NULL, NULL, 0");
    for (const code of ["NOPE123", "SUMMER25", "SOON5", "FIRST100"]) {
      const response = await applyCoupon(code, cookie);
      expect(response.status, code).toBe(422);
      expect(await errorOf(response), code).toEqual({ code: "coupon_not_valid", message: `${code} can't be used: it may be mistyped, expired or used up.` });
    }
    const after = await cartOf(cookie);
    expect(after.version).toBe(cart.version);
    expect(after.coupon).toBeNull();
  });

  it("refuses a coupon for an empty cart and malformed codes with 4xx", async () => {
    const empty = await applyCoupon("WELCOME10");
    expect(empty.status).toBe(422);
    expect((await errorOf(empty)).code).toBe("coupon_not_applicable");
    for (const body of [{ code: "" }, { code: "DROP TABLE;" }, { code: "x".repeat(40) }, {}, { code: 10 }]) {
      const response = await json("PUT", "/api/cart/coupon", body);
      expect(response.status, JSON.stringify(body)).toBe(400);
      expect((await errorOf(response)).code).toBe("invalid_request");
    }
  });

  it("stops taking money off when an applied coupon expires, and says so on the next read", async () => {
    const [a] = await skus(1);
    const { cookie } = await cartWith([[a!.sku, 2]]);
    await makeCoupon("BRIEF10", "now() - interval '1 day', now() + interval '1 day', 5, 0");
    expect((await applyCoupon("BRIEF10", cookie)).status).toBe(200);
    await query(sql`UPDATE coupons SET ends_at = now() - interval '1 minute' WHERE code = 'BRIEF10'`);
    forgetCatalogCache();
    const cart = await cartOf(cookie);
    expect(cart.coupon).toMatchObject({ code: "BRIEF10", status: "expired" });
    expect(cart.discount.amount).toBe(0);
  });
});

describe("coupon arithmetic", () => {
  const terms = (overrides: Partial<CouponTerms>): CouponTerms => ({
    code: "T",
    description: "Test",
    kind: "percent",
    value: 10,
    minSubtotalCents: 0,
    startsAt: new Date("2026-01-01"),
    endsAt: null,
    maxUses: null,
    timesUsed: 0,
    disabledAt: null,
    restriction: null,
    ...overrides,
  });
  const lines = [
    { categoryPath: "/1/2/", lineTotal: 1005 },
    { categoryPath: "/3/", lineTotal: 990 },
  ];

  it("rounds a percentage of the total half away from zero", () => {
    expect(evaluateCoupon(terms({ value: 10 }), [{ categoryPath: "/1/", lineTotal: 1005 }], "USD").discount).toBe(101);
    expect(evaluateCoupon(terms({ value: 15 }), lines, "USD").discount).toBe(roundCents(1995 * 0.15));
  });

  it("never takes off more than the lines it covers", () => {
    expect(evaluateCoupon(terms({ kind: "fixed", value: 5000 }), lines, "USD").discount).toBe(1995);
    const restricted = terms({ kind: "fixed", value: 5000, restriction: { categoryName: "A", categoryPath: "/1/" } });
    expect(evaluateCoupon(restricted, lines, "USD").discount).toBe(1005);
  });

  it("matches nothing when its category no longer exists", () => {
    const gone = terms({ restriction: { categoryName: "gone", categoryPath: null } });
    expect(evaluateCoupon(gone, lines, "USD").status).toBe("not_applicable");
  });

  it("treats the end of the window as expired", () => {
    const endsAt = new Date("2026-06-01T00:00:00Z");
    expect(evaluateCoupon(terms({ endsAt }), lines, "USD", endsAt).status).toBe("expired");
    expect(evaluateCoupon(terms({ endsAt }), lines, "USD", new Date(endsAt.getTime() - 1)).status).toBe("applied");
  });
});
