import pg from "pg";
import { loadOrders } from "../platform/load-orders";
import { stage } from "../run";
import { SECONDS } from "./config";
import type { Goal } from "./goals";
import { type LoadResult, measure } from "./load";

// `--only back-office`: the back office's reads with a large order history (`--orders`, default
// 1,000,000 generated over a year), one request at a time, each a different query, so no answer is
// served from a cache: order search by number, by email, by status within a date range, the newest
// page, and the dashboard's figures. Goal: p95 ≤ 100 ms each.

const P95_GOAL_MS = 100;

async function generatedOrders(databaseUrl: string, wanted: number) {
  const client = new pg.Client({ connectionString: databaseUrl });
  await client.connect();
  try {
    const count = async () => Number((await client.query("SELECT count(*) FROM orders WHERE payment_intent_id LIKE 'pi_generated_%'")).rows[0].count);
    if ((await count()) !== wanted) {
      await stage(`generate ${wanted.toLocaleString("en-US")} orders`, () => loadOrders(databaseUrl, wanted, (message) => console.log(`  ${message}`)));
    }
    const sample = await client.query<{ number: string; email: string }>(
      "SELECT number, email FROM orders WHERE payment_intent_id LIKE 'pi_generated_%' ORDER BY random() LIMIT 500",
    );
    return { total: Number((await client.query("SELECT count(*) FROM orders")).rows[0].count), sample: sample.rows };
  } finally {
    await client.end();
  }
}

const STATUSES = ["paid", "fulfilled", "delivered", "refunded", "cancelled"];
const day = (daysAgo: number) => new Date(Date.now() - daysAgo * 86_400_000).toISOString().slice(0, 10);

export async function backOfficeScenarios(base: string, adminToken: string, databaseUrl: string, orders: number) {
  const { total, sample } = await generatedOrders(databaseUrl, orders);
  const headers = { Authorization: `Bearer ${adminToken}` };
  let n = 0;
  const pick = () => sample[n++ % sample.length]!;
  const scenarios: Array<{ name: string; path: () => string }> = [
    { name: "order search by number", path: () => `/api/admin/orders?q=${pick().number}` },
    { name: "order search by email", path: () => `/api/admin/orders?q=${encodeURIComponent(pick().email)}` },
    {
      name: "orders by status in a date range",
      path: () => {
        const from = 1 + (n++ % 300);
        return `/api/admin/orders?status=${STATUSES[n % STATUSES.length]}&from=${day(from + 30)}&to=${day(from)}`;
      },
    },
    { name: "newest orders (first page)", path: () => `/api/admin/orders?limit=${20 + (n++ % 30)}` },
    { name: "dashboard figures", path: () => `/api/admin/dashboard?n=${n++}` },
  ];
  const results: LoadResult[] = [];
  for (const scenario of scenarios) {
    results.push(
      await stage(`load: ${scenario.name}, ${SECONDS} s × 1 connection`, () =>
        measure({
          name: scenario.name,
          url: `${base}/api/admin/orders`,
          request: () => ({ path: scenario.path(), headers }),
          seconds: SECONDS,
          connections: 1,
        }),
      ),
    );
  }
  const goals: Record<string, Goal> = Object.fromEntries(
    results.map((r) => [
      `${r.name} p95`,
      {
        goal: `≤ ${P95_GOAL_MS} ms with ${total.toLocaleString("en-US")} orders`,
        measured: `${r.p95} ms (p50 ${r.p50} ms, ${r.requests} requests, ${r.errors} errors)`,
        met: r.p95 <= P95_GOAL_MS && r.errors === 0,
      },
    ]),
  );
  return { orders: total, http: results, goals };
}
