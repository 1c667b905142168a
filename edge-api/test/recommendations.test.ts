import { env } from "cloudflare:workers";
import { ProductDetail, Recommendations } from "@shop/contracts";
import { sql } from "drizzle-orm";
import { describe, expect, it } from "vitest";
import { countCoPurchases } from "../src/catalog/co-purchases";
import { openDatabase } from "../src/db/client";
import type { Env } from "../src/env";
import { checkoutWith, ownSkus, pay, setStock } from "./checkout-helpers";
import { call, query } from "./helpers";

// "Frequently bought together": what the Cron handler counts equals a count of the orders made
// afresh, a pair is shown only once two orders hold it, and only in stock, never the product itself.

/** Four products of this file's own (SKU offsets 10 apart: a product has at most 6 variants). */
async function products() {
  const found = [];
  for (const offset of [3400, 3410, 3420, 3430]) {
    const [variant] = await ownSkus(offset, 1, 40);
    const [row] = await query<{ id: number; slug: string }>(
      sql`SELECT p.id, p.slug FROM variants v JOIN products p ON p.id = v.product_id WHERE v.sku = ${variant!.sku}`,
    );
    found.push({ sku: variant!.sku, ...row! });
  }
  return found as [(typeof found)[0], (typeof found)[0], (typeof found)[0], (typeof found)[0]];
}

async function order(skus: string[]) {
  const { cookie, checkout } = await checkoutWith(skus.map((sku) => [sku, 1]));
  expect((await pay(cookie, checkout.id, "pm_card_visa")).status).toBe("succeeded");
}

/**
 * Counts until caught up, as the Cron handler's runs would, including orders placed this minute. A run
 * that finds the mark held by another (a scheduled run another test started) counts nothing: again.
 */
async function countAll() {
  const { db, close } = openDatabase(env as unknown as Env);
  try {
    for (let runs = 0; runs < 100; runs++) {
      const report = await countCoPurchases(db, 10, new Date(Date.now() + 120_000));
      if (report.batches > 0 && report.orders === 0) return;
      if (report.batches === 0) await new Promise((resolve) => setTimeout(resolve, 100));
    }
    throw new Error("co-purchases never caught up");
  } finally {
    await close();
  }
}

// Counted afresh from the orders themselves: the products each (not cancelled) order holds, paired.
const recounted = (ids: number[]) => sql`
  WITH bought AS (
    SELECT DISTINCT o.number, v.product_id FROM orders o JOIN order_lines l ON l.order_number = o.number JOIN variants v ON v.sku = l.sku
    WHERE o.status <> 'cancelled')
  SELECT x.product_id, y.product_id AS other_id, count(*)::int AS orders FROM bought x JOIN bought y ON y.number = x.number AND y.product_id <> x.product_id
  WHERE x.product_id IN (${sql.join(
    ids.map((id) => sql`${id}`),
    sql`, `,
  )})
  GROUP BY 1, 2 ORDER BY 1, 2`;
const kept = (ids: number[]) =>
  sql`SELECT product_id, other_id, orders FROM co_purchases WHERE product_id IN (${sql.join(
    ids.map((id) => sql`${id}`),
    sql`, `,
  )}) ORDER BY 1, 2`;

describe("frequently bought together", () => {
  it("counts each order once into pairs equal to a recount, and shows a pair from two orders on, in stock only", async () => {
    const [a, b, c, d] = await products();
    for (const skus of [
      [a.sku, b.sku],
      [a.sku, b.sku],
      [a.sku, b.sku],
      [a.sku, c.sku],
      [b.sku, c.sku],
      [b.sku, c.sku],
      [b.sku, d.sku],
      [b.sku, d.sku],
    ]) {
      await order(skus);
    }
    // D sells out: every variant of it.
    for (const { sku } of await query<{ sku: string }>(sql`SELECT sku FROM variants WHERE product_id = ${d.id}`)) await setStock(sku, 0);
    await countAll();
    const ids = [a.id, b.id, c.id, d.id];
    expect(await query(kept(ids))).toEqual(await query(recounted(ids)));
    const pairs = await query<{ product_id: number; other_id: number; orders: number }>(kept(ids));
    expect(pairs.find((p) => p.product_id === a.id && p.other_id === b.id)?.orders).toBe(3);

    // Counting again finds nothing new and changes nothing.
    await countAll();
    expect(await query(kept(ids))).toEqual(await query(recounted(ids)));

    const pageOf = async (slug: string) => ProductDetail.parse(await (await call(`/api/catalog/products/${slug}`)).json());
    // A and C share one order: not enough. B and D share two, but D is sold out.
    expect((await pageOf(a.slug)).boughtTogether.map((p) => p.slug)).toEqual([b.slug]);
    expect((await pageOf(b.slug)).boughtTogether.map((p) => p.slug)).toEqual([a.slug, c.slug]);
    const bPage = await pageOf(b.slug);
    const near = bPage.related;
    expect(near.length).toBeGreaterThan(0);
    expect(near.map((p) => p.slug)).not.toContain(b.slug);
    // Not a product by the same name either: the generated catalog repeats names.
    expect(near.filter((p) => p.name === bPage.name)).toEqual([]);
    expect(near.map((p) => p.slug)).not.toContain(a.slug);
    expect(near.every((p) => p.inStock)).toBe(true);

    // For a cart holding A and C: what goes with them, none of them, then more near the first.
    const forCart = Recommendations.parse(await (await call(`/api/catalog/recommendations?products=${a.slug},${c.slug}`)).json());
    expect(forCart.items[0]!.slug).toBe(b.slug);
    expect(forCart.items.map((p) => p.slug)).not.toContain(a.slug);
    expect(forCart.items.map((p) => p.slug)).not.toContain(c.slug);
    expect(forCart.items.length).toBe(4);
  });

  it("refuses a malformed list of products", async () => {
    expect((await call("/api/catalog/recommendations")).status).toBe(400);
    expect((await call("/api/catalog/recommendations?products=")).status).toBe(400);
    expect((await call("/api/catalog/recommendations?products=Not%20a%20slug")).status).toBe(400);
    const many = Array.from({ length: 21 }, (_, i) => `p-${i}`).join(",");
    expect((await call(`/api/catalog/recommendations?products=${many}`)).status).toBe(400);
  });
});
