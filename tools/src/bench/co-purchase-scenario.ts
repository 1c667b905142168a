import pg from "pg";
import { stage } from "../run";
import type { Goal } from "./goals";
import { percentile } from "./load";

// What "frequently bought together" costs at a large order history: from nothing counted, the Cron
// handler's runs (each at most 10 batches of 5,000 orders) are fired one after another through the
// local Worker's /__scheduled until a run finds nothing new. A run's work happens after its answer
// (waitUntil), so it is timed by the counting mark: from the trigger to the mark's last move.

const STILL_MS = 3000;
/** A run's work is bounded by its batches; this is what one is allowed to take here. */
const RUN_GOAL_MS = 30_000;

const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

export async function coPurchaseScenario(base: string, databaseUrl: string) {
  const client = new pg.Client({ connectionString: databaseUrl });
  await client.connect();
  try {
    const mark = async () => JSON.stringify((await client.query("SELECT placed_at::text, number FROM co_purchase_progress")).rows[0]);
    const orders = Number((await client.query("SELECT count(*) FROM orders WHERE status <> 'cancelled'")).rows[0].count);
    await client.query("TRUNCATE co_purchases");
    await client.query("UPDATE co_purchase_progress SET placed_at = NULL, number = NULL");
    const runMs: number[] = [];
    const started = performance.now();
    await stage(`co-purchases of ${orders.toLocaleString("en-US")} orders, counted from nothing by the Cron handler's runs`, async () => {
      for (;;) {
        const before = await mark();
        const fired = performance.now();
        await (await fetch(`${base}/__scheduled?cron=*+*+*+*+*`)).arrayBuffer();
        let last = before;
        let moved = fired;
        while (performance.now() - moved < STILL_MS) {
          await sleep(200);
          const now = await mark();
          if (now !== last) [last, moved] = [now, performance.now()];
        }
        if (last === before) return; // caught up
        runMs.push(Math.round(moved - fired));
        if (runMs.length % 5 === 0) console.log(`  ${runMs.length} runs, ${Math.round((performance.now() - started) / 1000)} s`);
      }
    });
    const pairs = Number((await client.query("SELECT count(*) FROM co_purchases")).rows[0].count);
    const shown = Number((await client.query("SELECT count(*) FROM co_purchases WHERE orders >= 2")).rows[0].count);
    runMs.sort((a, b) => a - b);
    const result = {
      orders,
      runs: runMs.length,
      countingSeconds: Math.round(runMs.reduce((a, b) => a + b, 0) / 100) / 10,
      runMsP50: percentile(runMs, 50),
      runMsP95: percentile(runMs, 95),
      pairs,
      pairsShown: shown,
    };
    const goal: Goal = {
      goal: `each Cron run (≤ 10 batches of 5,000 orders) ≤ ${RUN_GOAL_MS / 1000} s, with ${orders.toLocaleString("en-US")} orders to catch up on`,
      measured: `${result.runs} runs, p50 ${result.runMsP50} ms, p95 ${result.runMsP95} ms (${result.countingSeconds} s of counting in all); ${pairs.toLocaleString("en-US")} pairs, ${shown.toLocaleString("en-US")} shown (2+ orders)`,
      met: result.runs > 0 && result.runMsP95 <= RUN_GOAL_MS,
    };
    return { coPurchases: result, goal };
  } finally {
    await client.end();
  }
}
