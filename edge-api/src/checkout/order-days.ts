import type { SalesDay } from "@shop/contracts";
import { sql } from "drizzle-orm";
import type { Database } from "../db/client";

// The shop's sales by day (UTC) for the dashboard. Closed days are rolled up once into order_days by
// the sweep, so 30 days read as 30 rows whatever the shop sells; the days since (today, and
// yesterday in its first minutes) are counted from the rows themselves, through their placed/created
// indexes. Refunds count on the day they were made, against the money taken that day.

/** Days rolled per sweep at most, so a long-idle shop catches up over a few minutes. */
const ROLL_BATCH = 400;

const utcStart = (day: ReturnType<typeof sql>) => sql`(${day}::timestamp AT TIME ZONE 'UTC')`;

/**
 * Rolls every closed day not rolled yet into order_days; answers how many. The roll-up is the
 * database's own function (migration 0024), so the orders generator rolls up exactly as the sweep does.
 */
export async function rollClosedDays(db: Pick<Database, "execute">): Promise<number> {
  const { rows } = await db.execute<{ rolled: number }>(sql`SELECT roll_closed_days(${ROLL_BATCH}) AS rolled`);
  return rows[0]!.rolled;
}

/** The last `days` days to today (UTC), oldest first, each with its figures (zero when nothing happened). */
export async function salesByDay(db: Database, days: number): Promise<SalesDay[]> {
  const since = sql`((now() AT TIME ZONE 'UTC')::date - ${days - 1}::int)`;
  // Where counting the rows themselves starts: after the last rolled day. Read first, so the counts
  // below are planned with the moment itself (a range of today: the time indexes), not a guess.
  const { rows: bounds } = await db.execute<{ live_from: string }>(
    sql`SELECT ${utcStart(sql`greatest(coalesce(max(day) + 1, ${since}), ${since})`)} AS live_from FROM order_days`,
  );
  const liveFrom = new Date(bounds[0]!.live_from).toISOString();
  const { rows } = await db.execute<{ day: string; checkouts: string; orders: string; revenue: string; refunded: string }>(sql`
    WITH live AS (
      SELECT (created_at AT TIME ZONE 'UTC')::date AS day, count(*) AS checkouts, 0 AS orders, 0 AS revenue, 0 AS refunded
        FROM checkouts WHERE created_at >= ${liveFrom}::timestamptz GROUP BY 1
      UNION ALL
      SELECT (placed_at AT TIME ZONE 'UTC')::date, 0, count(*), sum(total_cents), 0
        FROM orders WHERE placed_at >= ${liveFrom}::timestamptz GROUP BY 1
      UNION ALL
      SELECT (created_at AT TIME ZONE 'UTC')::date, 0, 0, 0, sum(amount_cents)
        FROM refunds WHERE created_at >= ${liveFrom}::timestamptz AND status <> 'failed' GROUP BY 1
    )
    SELECT day::text, checkouts, orders, revenue_cents AS revenue, refunded_cents AS refunded FROM order_days WHERE day >= ${since}
    UNION ALL
    SELECT day::text, sum(checkouts), sum(orders), sum(revenue), sum(refunded) FROM live GROUP BY day`);
  const byDay = new Map(rows.map((r) => [r.day, r]));
  const today = new Date();
  return Array.from({ length: days }, (_, i) => {
    const day = new Date(Date.UTC(today.getUTCFullYear(), today.getUTCMonth(), today.getUTCDate() - (days - 1 - i))).toISOString().slice(0, 10);
    const row = byDay.get(day);
    return {
      day,
      checkouts: Number(row?.checkouts ?? 0),
      orders: Number(row?.orders ?? 0),
      revenue: Number(row?.revenue ?? 0),
      refunded: Number(row?.refunded ?? 0),
    };
  });
}
