import { env as workerEnv } from "cloudflare:workers";
import { Dashboard } from "@shop/contracts";
import { sql } from "drizzle-orm";
import { describe, expect, it } from "vitest";
import { rollClosedDays } from "../src/checkout/order-days";
import { openDatabase } from "../src/db/client";
import type { Env } from "../src/env";
import { checkoutWith, ownSkus, pay } from "./checkout-helpers";
import { adminHeaders, call, query } from "./helpers";

// The back office's home figures: today counted live, closed days rolled up once, both agreeing with
// a recount of the orders, checkouts and refunds themselves.

const env = workerEnv as unknown as Env;
const figures = async () => Dashboard.parse(await (await call("/api/admin/dashboard", { headers: adminHeaders })).json());

/** A day's figures counted from the source rows (UTC). */
async function recount(daysAgo: number) {
  const [row] = await query<{ day: string; checkouts: number; orders: number; revenue: number; refunded: number }>(sql`
    WITH d AS (SELECT (((now() AT TIME ZONE 'UTC')::date - ${daysAgo}::int)::timestamp AT TIME ZONE 'UTC') AS start)
    SELECT ((now() AT TIME ZONE 'UTC')::date - ${daysAgo}::int)::text AS day,
      (SELECT count(*)::int FROM checkouts, d WHERE created_at >= d.start AND created_at < d.start + interval '1 day') AS checkouts,
      (SELECT count(*)::int FROM orders, d WHERE placed_at >= d.start AND placed_at < d.start + interval '1 day') AS orders,
      (SELECT coalesce(sum(total_cents), 0)::int FROM orders, d WHERE placed_at >= d.start AND placed_at < d.start + interval '1 day') AS revenue,
      (SELECT coalesce(sum(amount_cents), 0)::int FROM refunds, d WHERE created_at >= d.start AND created_at < d.start + interval '1 day' AND status <> 'failed') AS refunded`);
  return row!;
}

describe("the dashboard", () => {
  it("counts today's orders, revenue and checkouts as they happen", async () => {
    const before = (await figures()).periods[0]!;
    const [a] = await ownSkus(2500, 1, 20);
    const { cookie, checkout } = await checkoutWith([[a!.sku, 1]]);
    await pay(cookie, checkout.id, "pm_card_visa");
    const today = (await figures()).periods[0]!;
    expect(today.label).toBe("Today");
    expect(today.orders).toBeGreaterThanOrEqual(before.orders + 1);
    expect(today.revenue).toBeGreaterThanOrEqual(before.revenue + checkout.totals.total.amount);
    expect(today.checkouts).toBeGreaterThanOrEqual(before.checkouts + 1);
    expect(today.averageOrder).toBe(Math.round(today.revenue / today.orders));
  });

  it("rolls each closed day up once, agreeing with a recount, and reads it back the same as it read the day live", async () => {
    // An order placed two days ago, and a refund of part of it the day after.
    const [a] = await ownSkus(3100, 1, 20);
    const { cookie, checkout } = await checkoutWith([[a!.sku, 2]]);
    const { order } = await pay(cookie, checkout.id, "pm_card_visa");
    await query(sql`UPDATE orders SET placed_at = now() - interval '2 days' WHERE number = ${order!.number}`);
    await query(sql`UPDATE checkouts SET created_at = now() - interval '2 days' WHERE id = ${checkout.id}`);
    await query(sql`INSERT INTO refunds (id, order_number, amount_cents, status, reason, created_at)
      VALUES (${`re_dash_${order!.number}`}, ${order!.number}, 500, 'succeeded', 'Dashboard test', now() - interval '1 day')`);
    await query(sql`DELETE FROM order_days WHERE day >= (now() AT TIME ZONE 'UTC')::date - 3`);

    const expected = [await recount(2), await recount(1)];
    expect(expected[0]!.orders).toBeGreaterThanOrEqual(1);
    expect(expected[1]!.refunded).toBeGreaterThanOrEqual(500);
    const live = (await figures()).days.slice(-3, -1);
    expect(live).toEqual(expected);

    const { db, close } = openDatabase(env);
    try {
      expect(await rollClosedDays(db)).toBeGreaterThanOrEqual(2);
      expect(await rollClosedDays(db)).toBe(0);
    } finally {
      await close();
    }
    const rolled = await query<{ day: string; checkouts: number; orders: number; revenue: number; refunded: number }>(sql`
      SELECT day::text, checkouts, orders, revenue_cents::int AS revenue, refunded_cents::int AS refunded FROM order_days
      WHERE day >= (now() AT TIME ZONE 'UTC')::date - 2 ORDER BY day`);
    expect(rolled).toEqual(expected);
    const after = await figures();
    expect(after.days.slice(-3, -1)).toEqual(expected);
    expect(after.days).toHaveLength(30);
    const week = after.periods[1]!;
    expect(week.orders).toBe(after.days.slice(-7).reduce((n, d) => n + d.orders, 0));
    expect(week.conversion).toBeCloseTo(week.orders / week.checkouts);
  });
});
