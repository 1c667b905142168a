import pg from "pg";
import { stage } from "../run";
import { benchAccounts, signIn } from "./account-scenarios";
import { CONNECTIONS } from "./config";
import { percentile, tenths } from "./load";
import { inParallel } from "./shoppers";

// Review writes: shoppers each reviewing products delivered to them, ten at once. Each write runs the
// whole path: the session, the two use counters (account and network), the buyer check through
// checkout, the automatic checks, the insert and its rating trigger (the product row locked, the kept
// facet counts moved), and forgetting the product's cached reviews.

const REVIEWERS = 200;
/** Per reviewer: the daily limit per account, so every write is one a shopper could make. */
const REVIEWS_EACH = 10;
const PRODUCTS = 1000;
/** The first writes, measured one at a time. */
const ALONE = 200;
/** Reviewers' rows of an earlier run start with this (their orders' PaymentIntents with `pi_benchreview_`). */
const REVIEWER = "bench-reviewer";

export interface ReviewWrites {
  name: string;
  writesPerSecond: number;
  p50: number;
  p95: number;
  p99: number;
  writes: number;
  errors: number;
  /** Written reviews the automatic checks published (the rest were held; the texts are chosen to pass). */
  published: number;
}

/** The same writes one at a time (what a shopper waits for), then ten at once (what the shop sustains). */
export interface ReviewWritesMeasured {
  alone: ReviewWrites;
  tenAtOnce: ReviewWrites;
}

const TEXTS = [
  "Arrived well packed and works exactly as described. I would buy it again.",
  "Good value for the price, though the colour is a shade darker than the pictures.",
  "Solid and well made. It took a week to get used to, and now I use it every day.",
  "Does the job. Nothing special, but nothing to complain about either.",
];

/**
 * Reviewers of a fresh run (their use counters start empty) with one delivered order each of ten
 * products; an earlier run's reviewers, orders and reviews are deleted first (the trigger takes their
 * stars back out of the products' figures).
 */
async function reviewersWithDeliveries(databaseUrl: string) {
  const client = new pg.Client({ connectionString: databaseUrl });
  await client.connect();
  const name = `${REVIEWER}-${Date.now().toString(36)}`;
  try {
    await client.query("DELETE FROM orders WHERE payment_intent_id LIKE 'pi_benchreview_%'");
    await client.query("DELETE FROM checkouts WHERE payment_intent_id LIKE 'pi_benchreview_%'");
    await client.query(`DELETE FROM users WHERE id LIKE '${REVIEWER}-%'`);
    const products = (
      await client.query<{ slug: string; sku: string; name: string; price: number }>(
        `SELECT p.slug, v.sku, p.name, v.price_cents AS price FROM products p
         JOIN LATERAL (SELECT sku, price_cents FROM variants WHERE product_id = p.id ORDER BY id LIMIT 1) v ON true
         ORDER BY p.id LIMIT $1`,
        [PRODUCTS],
      )
    ).rows;
    const reviewers = await benchAccounts(databaseUrl, name, REVIEWERS);
    const address = JSON.stringify({ name: "Bench Reviewer", line1: "1 Load St", city: "Austin", region: "TX", postalCode: "78701", country: "US" });
    const pairs: Array<{ reviewer: number; slug: string }> = [];
    for (const [i, reviewer] of reviewers.entries()) {
      const bought = Array.from({ length: REVIEWS_EACH }, (_, k) => products[(i * 5 + k * 97) % products.length]!);
      const subtotal = bought.reduce((sum, p) => sum + p.price, 0);
      const key = `benchreview_${name}_${i}`;
      await client.query(
        `INSERT INTO checkouts (id, cart_id, user_id, status, email, shipping_address, shipping_method, lines, currency, subtotal_cents, discount_cents,
           shipping_cents, tax_cents, total_cents, payment_intent_id, client_secret, expires_at, created_at)
         VALUES ($1, $1, $2, 'completed', $3, $4::jsonb, 'standard', '[]', 'USD', $5, 0, 0, 0, $5, $6, 'bench', now() - interval '20 days', now() - interval '21 days')`,
        [`co_${key}`, reviewer.id, reviewer.email, address, subtotal, `pi_${key}`],
      );
      const number = `ORD-BENCH-${name.slice(-6).toUpperCase()}-${i}`;
      await client.query(
        `INSERT INTO orders (number, checkout_id, payment_intent_id, user_id, status, email, shipping_address, shipping_method, currency,
           subtotal_cents, discount_cents, shipping_cents, tax_cents, total_cents, placed_at)
         VALUES ($1, $2, $3, $4, 'delivered', $5, $6::jsonb, 'standard', 'USD', $7, 0, 0, 0, $7, now() - interval '21 days')`,
        [number, `co_${key}`, `pi_${key}`, reviewer.id, reviewer.email, address, subtotal],
      );
      await client.query(
        `INSERT INTO order_lines (order_number, sku, name, options, quantity, unit_price_cents, line_total_cents)
         SELECT $1, b.sku, b.name, '{}'::jsonb, 1, b.price, b.price FROM jsonb_to_recordset($2::jsonb) AS b(sku text, name text, price int)`,
        [number, JSON.stringify(bought)],
      );
      await client.query(
        `INSERT INTO order_events (order_number, at, from_status, to_status, cause) VALUES
           ($1, now() - interval '21 days', 'pending_payment', 'paid', 'bench'), ($1, now() - interval '14 days', 'paid', 'delivered', 'bench')`,
        [number],
      );
      for (const product of bought) pairs.push({ reviewer: i, slug: product.slug });
    }
    return { reviewers, pairs };
  } finally {
    await client.end();
  }
}

export async function reviewWrites(base: string, databaseUrl: string): Promise<ReviewWritesMeasured> {
  const { reviewers, pairs } = await stage(`${REVIEWERS} reviewers, each with ${REVIEWS_EACH} products delivered`, () => reviewersWithDeliveries(databaseUrl));
  const sessions: string[] = [];
  await stage(`${REVIEWERS} reviewers' sessions`, () =>
    inParallel(reviewers, CONNECTIONS, async (r, i) => {
      sessions[i] = await signIn(base, r.email);
    }),
  );
  let written = 0;
  let failed = 0;
  const write = async ({ reviewer, slug }: { reviewer: number; slug: string }) => {
    const n = written++;
    const response = await fetch(`${base}/api/catalog/products/${slug}/reviews`, {
      method: "POST",
      headers: {
        "Content-Type": "application/json",
        Origin: base,
        Cookie: sessions[reviewer]!,
        // Each reviewer from a network of their own, as shoppers are (locally the Worker takes it as sent).
        "CF-Connecting-IP": `198.18.${reviewer >> 8}.${reviewer & 255}`,
      },
      body: JSON.stringify({ stars: 1 + (n % 5), title: `Review ${n + 1}`, text: TEXTS[n % TEXTS.length] }),
    });
    const answer = (await response.json()) as { review?: { status: string } };
    if (response.status !== 201 && failed++ === 0) console.log(`  the first failed write: HTTP ${response.status} ${JSON.stringify(answer)}`);
    return { ok: response.status === 201, published: answer.review?.status === "published" };
  };
  const alone = pairs.slice(0, ALONE);
  return {
    alone: await stage(`load: ${alone.length} review writes, one at a time`, () => timed("review write, one at a time", alone, 1, write)),
    tenAtOnce: await stage(`load: ${pairs.length - alone.length} review writes, ${CONNECTIONS} at once`, () =>
      timed(`review write, ${CONNECTIONS} at once`, pairs.slice(ALONE), CONNECTIONS, write),
    ),
  };
}

async function timed<T>(name: string, items: T[], width: number, write: (item: T) => Promise<{ ok: boolean; published: boolean }>): Promise<ReviewWrites> {
  const latencies: number[] = [];
  let errors = 0;
  let published = 0;
  const started = performance.now();
  await inParallel(items, width, async (item) => {
    const sent = performance.now();
    const result = await write(item);
    latencies.push(performance.now() - sent);
    if (!result.ok) errors++;
    else if (result.published) published++;
  });
  const seconds = (performance.now() - started) / 1000;
  latencies.sort((a, b) => a - b);
  return {
    name,
    writesPerSecond: Math.round(latencies.length / seconds),
    p50: tenths(percentile(latencies, 50)),
    p95: tenths(percentile(latencies, 95)),
    p99: tenths(percentile(latencies, 99)),
    writes: latencies.length,
    errors,
    published,
  };
}
