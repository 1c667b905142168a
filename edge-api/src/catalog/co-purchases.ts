import { sql } from "drizzle-orm";
import { type OrderMark, orderLinesPlaced } from "../checkout/customer-orders";
import type { Database } from "../db/client";
import { coPurchaseProgress, coPurchases, variants } from "./schema";

// "Frequently bought together", kept by the Cron handler: each run counts the orders placed since
// the last one, a bounded batch at a time, pair by pair of the products each holds, into
// co_purchases. A pair is shown once this many orders hold it: never from one order.

export const MINIMUM_SUPPORT = 2;
/** Orders counted per statement, and statements per run: however far behind, a run's cost is bounded. */
export const ORDERS_PER_BATCH = 5000;
export const BATCHES_PER_RUN = 10;
/** Orders this recent may still be committing (an earlier placed_at can commit later): the next run counts them. */
const SETTLED_MS = 60_000;

export interface CountReport {
  orders: number;
  batches: number;
}

/** Counts the next batches of orders into the pairs; `orders: 0` means it had caught up. */
export async function countCoPurchases(db: Database, batches = BATCHES_PER_RUN, now = new Date()): Promise<CountReport> {
  const until = new Date(now.getTime() - SETTLED_MS);
  const report: CountReport = { orders: 0, batches: 0 };
  while (report.batches < batches) {
    const counted = await countBatch(db, until);
    if (counted === null) break; // another run holds the mark
    report.orders += counted;
    report.batches++;
    if (counted < ORDERS_PER_BATCH) break;
  }
  return report;
}

/** One batch in one transaction, under the mark's lock: two runs never count an order twice. */
async function countBatch(db: Database, until: Date): Promise<number | null> {
  return db.transaction(async (tx) => {
    const { rows: marks } = await tx.execute<{ placed_at: string | null; number: string | null }>(
      sql`SELECT placed_at::text, number FROM ${coPurchaseProgress} FOR UPDATE SKIP LOCKED`,
    );
    const [mark] = marks;
    if (!mark) return null;
    const after: OrderMark | null = mark.placed_at && mark.number ? { placedAt: mark.placed_at, number: mark.number } : null;
    const { rows } = await tx.execute<{ orders: number }>(sql`
      WITH batch AS (${orderLinesPlaced(after, until, ORDERS_PER_BATCH)}),
      bought AS (SELECT DISTINCT b.number, v.product_id FROM batch b JOIN ${variants} v ON v.sku = b.sku),
      pairs AS (
        SELECT x.product_id, y.product_id AS other_id, count(*)::int AS orders
        FROM bought x JOIN bought y ON y.number = x.number AND y.product_id <> x.product_id
        GROUP BY 1, 2),
      counted AS (
        INSERT INTO ${coPurchases} (product_id, other_id, orders) SELECT product_id, other_id, orders FROM pairs ORDER BY 1, 2
        ON CONFLICT (product_id, other_id) DO UPDATE SET orders = ${coPurchases}.orders + excluded.orders),
      last AS (SELECT placed_at, number FROM batch ORDER BY placed_at DESC, number DESC LIMIT 1),
      moved AS (UPDATE ${coPurchaseProgress} SET placed_at = last.placed_at, number = last.number FROM last RETURNING 1)
      SELECT count(DISTINCT number)::int AS orders FROM batch`);
    return rows[0]?.orders ?? 0;
  });
}
