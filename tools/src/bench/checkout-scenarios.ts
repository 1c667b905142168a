import pg from "pg";
import type { ConnectionTrips } from "../platform/neon-relay";
import { stage } from "../run";
import { CONNECTIONS } from "./config";
import { measure, percentile, tenths } from "./load";
import { CORES, type CpuMs, countCpu, ROLES } from "./process-cpu";
import { ROUND_SECONDS, ROUNDS } from "./rounds";
import { type RuntimeControl, runtimeControl } from "./runtime-control";
import { cartHeaders, cartRequest, inParallel, mintCartCookie } from "./shoppers";

/** Shoppers checking out at once. */
const SHOPPERS = 50;
const SPREAD_SKUS = 1000;
/** Carts made per round: more than a round sells on this machine (it says so if it runs out). */
const CARTS_PER_ROUND = 400;
/** The hot SKU's stock: far more than a run sells, so every checkout of it can succeed. */
const HOT_STOCK = 1_000_000;
const ADDRESS = { name: "Bench Shopper", line1: "1 Load St", city: "Austin", region: "TX", postalCode: "78701", country: "US" };

export interface CheckoutMeasured {
  name: string;
  ordersPerSecond: number;
  /** Of the whole checkout: start (price, reserve, PaymentIntent) and pay (confirm, order). */
  p50: number;
  p95: number;
  orders: number;
  errors: number;
  /** The median round's orders per second over the bare route's requests per second just before it. */
  ratioToBare: number;
  ratioRounds: number[];
  bareRequestsPerSecond: number;
  /** CPU per order in the median round, by the part of the stack that spent it (ms; Linux only). */
  cpuMsPerOrder?: CpuMs;
  /** The same for one bare request in the round's bare run. */
  bareCpuMsPerRequest?: CpuMs;
  /**
   * Orders per second the machine's cores would give if the Worker's runtime were the only cost, as
   * on Cloudflare: Postgres on Neon, Stripe on Stripe, and no dev proxy, relay or load generator.
   */
  workerOnlyOrdersPerSecond?: number;
  /** Orders per second the rest of the local stack alone allows: a Worker that cost nothing could not go faster here. */
  boundByRestOfStack?: number;
  /**
   * Checked after the run in the database, per SKU bought: SKUs whose units taken from stock differ
   * from the units ordered or held, or whose stock went below zero. Zero: nothing oversold or lost.
   */
  stockMismatches: number;
  /** From each order placed under this load to its confirmation handed to the mail sender (the queue, the consumer, the emulator). */
  mailHandover?: MailHandover;
  /** Postgres round trips of whole checkouts made one at a time, counted at the relay. */
  roundTrips?: RoundTrips;
  /** The Worker's CPU per checkout, step by step. */
  cpuBySteps?: CpuBySteps;
  /** What the runtime itself costs under wrangler dev and in workerd alone: how to read the Worker CPU figures. */
  runtimeControl?: RuntimeControl;
}

/**
 * Where a whole checkout's Worker CPU goes: each step run for the same carts by 50 shoppers at once,
 * one step after the other, in ms of the Worker's runtime per checkout and in bare requests of the
 * bare run just before (Linux only).
 */
export interface CpuBySteps {
  checkouts: number;
  /** One bare request's Worker CPU (ms), measured just before. */
  bareMs: number;
  /** Price the cart, create the PaymentIntent, hold the stock. */
  start: StepCpu;
  /** Confirm the PaymentIntent, place the order, empty the cart, and send the confirmation (the mail consumer runs meanwhile). */
  payAndMail: StepCpu;
  /** Stripe's payment_intent.succeeded, held back while the pay step ran and then released: it finds the order placed. */
  webhook: StepCpu;
}

export interface StepCpu {
  ms: number;
  bareRequests: number;
}

export interface RoundTrips {
  checkouts: number;
  /** Round trips from the Worker to Postgres per whole checkout (start, pay, the webhook), connection set-up apart. */
  perCheckout: number;
  /** What they were: each statement's opening (100 characters) and how many per checkout. */
  statements: Array<{ statement: string; perCheckout: number }>;
  /** WebSocket connections opened per whole checkout: each a set-up (here Postgres's start-up; on Neon also TCP, TLS and the upgrade). A query over HTTP needs none. */
  connectionsPerCheckout: number;
  /** The confirmations' sending in the same moments (the mail consumer's own requests): not part of a checkout, shown apart. */
  mail: { roundTrips: number; statements: string[] };
}

async function relayEntries(relay: string, after: number): Promise<{ last: number; connections: ConnectionTrips[] }> {
  const response = await fetch(`http://${relay}/round-trips?after=${after}`);
  if (!response.ok) throw new Error(`the relay's round-trip count (http://${relay}/round-trips): HTTP ${response.status}`);
  return (await response.json()) as { last: number; connections: ConnectionTrips[] };
}

/** The mail consumer's statements (it sends the confirmations the orders queued). */
const isMail = (statement: string) => statement.includes('"outbox"') && !statement.includes("place_order(");

/**
 * Whole checkouts one at a time (start, pay, and the webhook Stripe sends), their Postgres round trips
 * counted at the relay: every Query, every Parse … Sync exchange and every HTTP query is one.
 */
async function roundTripsPerCheckout(base: string, relay: string, skus: string[]): Promise<RoundTrips> {
  const COUNTED = 20;
  const carts = await cartsFor(base, COUNTED, (i) => skus[i % skus.length]!);
  const { last } = await relayEntries(relay, 0);
  await checkoutLoad(base, carts, 600, 1);
  // Stripe's webhooks arrive after the pay answer: wait for all of them (each places, or finds, its order).
  let seen: ConnectionTrips[] = [];
  for (let waited = 0; waited < 20; waited++) {
    seen = (await relayEntries(relay, last)).connections;
    if (seen.flatMap((c) => c.statements).filter((s) => s.includes("place_order(")).length >= 2 * COUNTED) break;
    await new Promise((resolve) => setTimeout(resolve, 500));
  }
  const statements = seen.flatMap((c) => c.statements);
  const ours = statements.filter((s) => !isMail(s));
  const counts = new Map<string, number>();
  for (const statement of ours) counts.set(statement, (counts.get(statement) ?? 0) + 1);
  const perCheckout = (n: number) => Number((n / COUNTED).toFixed(2));
  return {
    checkouts: COUNTED,
    perCheckout: perCheckout(ours.length),
    statements: [...counts].sort((a, b) => b[1] - a[1]).map(([statement, n]) => ({ statement, perCheckout: perCheckout(n) })),
    connectionsPerCheckout: perCheckout(seen.filter((c) => !c.http && !c.statements.every(isMail)).length),
    mail: { roundTrips: statements.length - ours.length, statements: [...new Set(statements.filter(isMail))] },
  };
}

export interface MailHandover {
  messages: number;
  p50Ms: number;
  p95Ms: number;
  /** Confirmations not yet sent a minute after the load ended. */
  unsent: number;
}

/**
 * How long the confirmations of the orders placed since `since` took to reach the sender, read from
 * the outbox once they are all sent (or a minute has passed).
 */
async function mailHandover(databaseUrl: string, since: Date, until: Date): Promise<MailHandover> {
  const client = new pg.Client({ connectionString: databaseUrl });
  await client.connect();
  try {
    const read = () =>
      client.query<{ ms: number | null }>(
        `SELECT extract(epoch FROM (m.sent_at - o.placed_at)) * 1000 AS ms FROM outbox m JOIN orders o ON o.number = m.order_number
         WHERE m.kind = 'order_confirmation' AND o.placed_at BETWEEN $1 AND $2`,
        [since, until],
      );
    let rows = (await read()).rows;
    for (let waited = 0; waited < 60 && rows.some((r) => r.ms === null); waited++) {
      await new Promise((resolve) => setTimeout(resolve, 1000));
      rows = (await read()).rows;
    }
    const sent = rows
      .filter((r) => r.ms !== null)
      .map((r) => Number(r.ms))
      .sort((a, b) => a - b);
    return {
      messages: sent.length,
      p50Ms: Math.round(percentile(sent, 50)),
      p95Ms: Math.round(percentile(sent, 95)),
      unsent: rows.length - sent.length,
    };
  } finally {
    await client.end();
  }
}

interface Admin {
  base: string;
  token: string;
  databaseUrl: string;
  relay: string;
  /** The Stripe emulator's base URL. */
  stripe: string;
}

async function setStock({ base, token }: Admin, sku: string, available: number) {
  const response = await fetch(`${base}/api/admin/inventory/${sku}`, {
    method: "PUT",
    headers: { "Content-Type": "application/json", Authorization: `Bearer ${token}` },
    body: JSON.stringify({ available }),
  });
  if (!response.ok) throw new Error(`setting stock of ${sku}: HTTP ${response.status}`);
  await response.arrayBuffer();
}

interface Ledger {
  available: number;
  ordered: number;
  held: number;
}

async function withDatabase<T>(databaseUrl: string, work: (client: pg.Client) => Promise<T>): Promise<T> {
  const client = new pg.Client({ connectionString: databaseUrl });
  await client.connect();
  try {
    return await work(client);
  } finally {
    await client.end();
  }
}

/** Units left, held and in placed orders, per SKU: read from the database itself, not the cached catalog. */
async function stockLedger(databaseUrl: string, skus: string[]): Promise<Map<string, Ledger>> {
  const { rows } = await withDatabase(databaseUrl, (client) =>
    client.query<{ sku: string; available: number; ordered: string; held: string }>(
      // One pass over order_lines for all the SKUs (it has no index by SKU; a look-up per SKU scanned it a thousand times).
      `SELECT i.sku, i.available, coalesce(l.ordered, 0) AS ordered, coalesce(r.held, 0) AS held
       FROM inventory i
       LEFT JOIN (SELECT sku, sum(quantity) AS ordered FROM order_lines WHERE sku = ANY($1) GROUP BY sku) l ON l.sku = i.sku
       LEFT JOIN (SELECT sku, sum(quantity) AS held FROM reservations WHERE sku = ANY($1) GROUP BY sku) r ON r.sku = i.sku
       WHERE i.sku = ANY($1)`,
      [skus],
    ),
  );
  return new Map(rows.map((r) => [r.sku, { available: r.available, ordered: Number(r.ordered), held: Number(r.held) }]));
}

/** SKUs the catalog sells with at least `minimum` units. */
async function sellableSkus(databaseUrl: string, count: number, minimum: number): Promise<string[]> {
  const { rows } = await withDatabase(databaseUrl, (client) =>
    client.query<{ sku: string }>(
      "SELECT v.sku FROM variants v JOIN inventory i ON i.sku = v.sku WHERE NOT v.discontinued AND i.available >= $1 ORDER BY v.id LIMIT $2",
      [minimum, count],
    ),
  );
  if (rows.length < count) throw new Error(`fewer than ${count} SKUs with ${minimum}+ units for the checkout bench; reseed (npm run bench -- --products N)`);
  return rows.map((r) => r.sku);
}

/**
 * Every unit that left a SKU's stock during the run is in an order or still held, and none went
 * below zero: the SKUs for which that fails (0 = nothing oversold, nothing lost).
 */
function mismatches(before: Map<string, Ledger>, after: Map<string, Ledger>): number {
  let wrong = 0;
  for (const [sku, was] of before) {
    const now = after.get(sku)!;
    const taken = was.available - now.available;
    if (now.available < 0 || taken !== now.ordered - was.ordered + (now.held - was.held)) wrong++;
  }
  return wrong;
}

/** `count` carts of one line each, the SKU chosen per cart. */
async function cartsFor(base: string, count: number, skuOf: (i: number) => string): Promise<string[]> {
  const carts: string[] = Array.from({ length: count });
  await inParallel(carts, CONNECTIONS, async (_, i) => {
    const cookie = await mintCartCookie(base);
    await cartRequest(base, cookie, "POST", "/api/cart/items", { sku: skuOf(i), quantity: 1 });
    carts[i] = cookie;
  });
  return carts;
}

/** Starts the cart's checkout: its id. */
async function start(base: string, cookie: string): Promise<string> {
  const response = await fetch(`${base}/api/checkout`, {
    method: "POST",
    headers: cartHeaders(base, cookie),
    body: JSON.stringify({ email: "bench@example.com", shippingAddress: ADDRESS, shippingMethod: "standard" }),
  });
  if (response.status !== 201) throw new Error(`start ${response.status}: ${await response.text()}`);
  return ((await response.json()) as { id: string }).id;
}

/** Pays a started checkout with a card that succeeds. */
async function pay(base: string, cookie: string, id: string) {
  const response = await fetch(`${base}/api/checkout/${id}/pay`, {
    method: "POST",
    headers: cartHeaders(base, cookie),
    body: JSON.stringify({ paymentMethod: "pm_card_visa" }),
  });
  const result = (await response.json()) as { status?: string };
  if (response.status !== 200 || result.status !== "succeeded") throw new Error(`pay ${response.status}: ${JSON.stringify(result)}`);
}

/** Asks the Stripe emulator something through its control routes. */
async function emulator(stripe: string, path: string, body: object) {
  const response = await fetch(`${stripe}/_emulator/${path}`, { method: "POST", headers: { "Content-Type": "application/json" }, body: JSON.stringify(body) });
  if (!response.ok) throw new Error(`the Stripe emulator's ${path}: HTTP ${response.status}`);
  await response.arrayBuffer();
}

/** The Worker's CPU per checkout for each step (see CpuBySteps); undefined off Linux. */
async function cpuBySteps(base: string, stripe: string, bareUrl: string, skus: string[]): Promise<CpuBySteps | undefined> {
  const COUNT = 200;
  const carts = await cartsFor(base, COUNT, (i) => skus[(i * 7) % skus.length]!);
  const bareCpu = countCpu();
  const bare = await measure({ name: "bare", url: bareUrl, seconds: 5, connections: CONNECTIONS });
  const bareMs = bareCpu(bare.requests)?.workerRuntime;
  if (bareMs === undefined) return undefined;
  const step = async (work: () => Promise<unknown>): Promise<StepCpu> => {
    const cpu = countCpu();
    await work();
    const ms = cpu(COUNT)!.workerRuntime;
    return { ms, bareRequests: Number((ms / bareMs).toFixed(2)) };
  };
  const ids: string[] = [];
  const started = await step(() =>
    inParallel(carts, SHOPPERS, async (cookie, i) => {
      ids[i] = await start(base, cookie);
    }),
  );
  await emulator(stripe, "faults", { type: "payment_intent.succeeded", hold: true, times: COUNT });
  try {
    const paid = await step(async () => {
      await inParallel(carts, SHOPPERS, (cookie, i) => pay(base, cookie, ids[i]!));
      await new Promise((resolve) => setTimeout(resolve, 3000)); // the mail queue's batches (one second at most) and their sending
    });
    // The emulator answers once every held event has been delivered.
    const webhook = await step(() => emulator(stripe, "events/release", {}));
    return { checkouts: COUNT, bareMs, start: started, payAndMail: paid, webhook };
  } finally {
    await emulator(stripe, "reset", {});
  }
}

/** `shoppers` (50) each checking out one prepared cart after another for `seconds`: start, then pay. */
async function checkoutLoad(base: string, carts: string[], seconds: number, shoppers = SHOPPERS) {
  const latencies: number[] = [];
  let errors = 0;
  let next = 0;
  const started = performance.now();
  const deadline = started + seconds * 1000;
  await Promise.all(
    Array.from({ length: shoppers }, async () => {
      while (performance.now() < deadline && next < carts.length) {
        const cookie = carts[next++]!;
        const t0 = performance.now();
        try {
          await pay(base, cookie, await start(base, cookie));
          latencies.push(performance.now() - t0);
        } catch (err) {
          if (errors++ === 0) console.error(`  first checkout error: ${(err as Error).message}`);
        }
      }
    }),
  );
  const elapsed = (performance.now() - started) / 1000;
  if (next >= carts.length && shoppers === SHOPPERS) console.error("  ran out of prepared carts before the round ended: prepare more");
  latencies.sort((a, b) => a - b);
  return { orders: latencies.length, errors, ordersPerSecond: Number((latencies.length / elapsed).toFixed(1)), latencies };
}

/** Rounds of the bare route then checkouts, as every ratio in the bench is taken; the median round is kept. */
async function checkoutsAgainstBare(name: string, base: string, bareUrl: string, skuOf: (i: number) => string) {
  const rounds: Array<{ ratio: number; bare: number; run: Awaited<ReturnType<typeof checkoutLoad>>; cpu?: CpuMs; bareCpu?: CpuMs }> = [];
  for (let round = 0; round < ROUNDS; round++) {
    const carts = await stage(`  round ${round + 1}: ${CARTS_PER_ROUND} carts for ${name}`, () =>
      cartsFor(base, CARTS_PER_ROUND, (i) => skuOf(round * CARTS_PER_ROUND + i)),
    );
    const bareCpu = countCpu();
    const bare = await measure({ name: "bare", url: bareUrl, seconds: ROUND_SECONDS, connections: CONNECTIONS });
    const bareSpent = bareCpu(bare.requests);
    const cpu = countCpu();
    const run = await checkoutLoad(base, carts, ROUND_SECONDS);
    rounds.push({ ratio: run.ordersPerSecond / bare.requestsPerSecond, bare: bare.requestsPerSecond, run, cpu: cpu(run.orders), bareCpu: bareSpent });
  }
  rounds.sort((a, b) => a.ratio - b.ratio);
  const median = rounds[1]!;
  return {
    name,
    ordersPerSecond: median.run.ordersPerSecond,
    p50: tenths(percentile(median.run.latencies, 50)),
    p95: tenths(percentile(median.run.latencies, 95)),
    orders: rounds.reduce((sum, r) => sum + r.run.orders, 0),
    errors: rounds.reduce((sum, r) => sum + r.run.errors, 0),
    ratioToBare: Number(median.ratio.toFixed(3)),
    ratioRounds: rounds.map((r) => Number(r.ratio.toFixed(3))),
    bareRequestsPerSecond: median.bare,
    ...(median.cpu && median.bareCpu && { cpuMsPerOrder: median.cpu, bareCpuMsPerRequest: median.bareCpu, ...bounds(median.cpu) }),
  };
}

/** What the machine's cores would give with only the Worker's runtime counted, and with only the rest. */
function bounds(cpu: CpuMs) {
  const rest = ROLES.filter((r) => r !== "workerRuntime").reduce((sum, r) => sum + cpu[r], 0);
  const perSecond = (ms: number) => Number(((CORES * 1000) / ms).toFixed(1));
  return { workerOnlyOrdersPerSecond: perSecond(cpu.workerRuntime), boundByRestOfStack: perSecond(rest) };
}

/**
 * Whole checkouts (start + pay with pm_card_visa, the order placed and its webhook handled) by 50
 * shoppers at once: spread over 1,000 SKUs, then all on one hot SKU, whose stock row every checkout
 * locks. Afterwards every SKU bought is checked: ordered + left = stock set, none below zero.
 */
export async function checkoutScenarios(admin: Admin, bareUrl: string): Promise<CheckoutMeasured[]> {
  const { base, databaseUrl } = admin;
  const [hot, ...spreadSkus] = await sellableSkus(databaseUrl, SPREAD_SKUS + 1, 10);
  await setStock(admin, hot!, HOT_STOCK);
  const before = await stockLedger(databaseUrl, [hot!, ...spreadSkus]);
  const spreadStarted = new Date();
  const spread = await stage(`load: checkouts by ${SHOPPERS} shoppers over ${SPREAD_SKUS} SKUs, ${ROUNDS} rounds`, () =>
    checkoutsAgainstBare(`checkout, spread (${SHOPPERS} shoppers, ${SPREAD_SKUS} SKUs)`, base, bareUrl, (i) => spreadSkus[i % SPREAD_SKUS]!),
  );
  const handover = await stage("mail: order placed → confirmation handed to the sender", () => mailHandover(databaseUrl, spreadStarted, new Date()));
  console.log(`  ${handover.messages} confirmations: p50 ${handover.p50Ms} ms, p95 ${handover.p95Ms} ms; ${handover.unsent} unsent`);
  const roundTrips = await stage("round trips: 20 whole checkouts one at a time, counted at the relay", () =>
    roundTripsPerCheckout(base, admin.relay, spreadSkus),
  );
  console.log(`  ${roundTrips.perCheckout} per checkout, ${roundTrips.connectionsPerCheckout} connections:`);
  for (const { statement, perCheckout } of roundTrips.statements) console.log(`    ${perCheckout} × ${statement}`);
  const bySteps = await stage("Worker CPU by step: 200 checkouts, 50 at a time, one step after the other", () =>
    cpuBySteps(base, admin.stripe, bareUrl, spreadSkus),
  );
  if (bySteps) {
    const { start: s, payAndMail: p, webhook: w } = bySteps;
    console.log(`  bare ${bySteps.bareMs} ms; start ${s.bareRequests}, pay and mail ${p.bareRequests}, webhook ${w.bareRequests} bare requests`);
  }
  const control = await stage("runtime control: a Worker that does nothing, or fetches, in workerd alone and in wrangler dev", () => runtimeControl());
  if (control) {
    const { workerdAlone: a, wranglerDev: d } = control;
    console.log(
      `  a bare request ${a.bareMs} ms alone, ${d.bareMs} ms in wrangler dev; each fetch ${a.perFetchMs} ms alone, ${d.perFetchMs} ms in wrangler dev`,
    );
  }
  const hotRun = await stage(`load: checkouts by ${SHOPPERS} shoppers of one hot SKU, ${ROUNDS} rounds`, () =>
    checkoutsAgainstBare(`checkout, one hot SKU (${SHOPPERS} shoppers)`, base, bareUrl, () => hot!),
  );
  const after = await stage("oversell check (database)", () => stockLedger(databaseUrl, [hot!, ...spreadSkus]));
  const only = (skus: string[]) => new Map(skus.map((sku) => [sku, before.get(sku)!]));
  return [
    {
      ...spread,
      stockMismatches: mismatches(only(spreadSkus), after),
      mailHandover: handover,
      roundTrips,
      ...(bySteps && { cpuBySteps: bySteps }),
      ...(control && { runtimeControl: control }),
    },
    { ...hotRun, stockMismatches: mismatches(only([hot!]), after) },
  ];
}
