// Generates `count` past orders (and the checkouts behind them, and as many again abandoned) spread
// over the last year, for the back office's benchmarks: guests' orders of 1–3 catalog items, most
// delivered, some refunded or cancelled. Generated rows are marked by their PaymentIntent
// (`pi_generated_…`) and replaced by the next load; real orders are left alone. Then the sales
// roll-up is rebuilt by the database's own roll_closed_days (migration 0025), as the sweep would.
import pg from "pg";
import type { LoadProgress } from "./load-catalog";

const GENERATED = "pi_generated_%";

export async function loadOrders(databaseUrl: string, count: number, progress: LoadProgress = () => {}): Promise<void> {
  const client = new pg.Client({ connectionString: databaseUrl });
  await client.connect();
  const step = async (label: string, text: string, values: unknown[] = []) => {
    const started = performance.now();
    const result = await client.query(text, values);
    progress(`${label}${result.rowCount ? `: ${result.rowCount.toLocaleString("en-US")} rows` : ""} (${((performance.now() - started) / 1000).toFixed(1)} s)`);
  };
  try {
    await client.query("BEGIN");
    await client.query("SET LOCAL work_mem = '256MB'");
    await step(
      "forgot earlier generated orders",
      `WITH gone AS (SELECT number FROM orders WHERE payment_intent_id LIKE $1),
        o AS (DELETE FROM outbox WHERE order_number IN (SELECT number FROM gone)),
        r AS (DELETE FROM refunds WHERE order_number IN (SELECT number FROM gone)),
        x AS (DELETE FROM returns WHERE order_number IN (SELECT number FROM gone))
       DELETE FROM orders WHERE number IN (SELECT number FROM gone)`,
      [GENERATED],
    );
    await step("forgot their checkouts", "DELETE FROM checkouts WHERE payment_intent_id LIKE $1", [GENERATED]);
    await step(
      "picked items to sell",
      `CREATE TEMP TABLE gen_items ON COMMIT DROP AS
       SELECT row_number() OVER () - 1 AS k, v.sku, p.name, v.options, v.price_cents
       FROM variants v JOIN products p ON p.id = v.product_id WHERE NOT v.discontinued ORDER BY v.id LIMIT 2000`,
    );
    // Each order: when, who (about three orders per email), what (1–3 lines), and what became of it.
    await step(
      "drew the orders",
      `CREATE TEMP TABLE gen_orders ON COMMIT DROP AS
       SELECT i,
         now() - interval '365 days' * (abs(hashint4(i)) % 1000000) / 1000000.0 - interval '1 minute' AS at,
         'shopper' || (i % ($1::int / 3 + 1)) || '@example.com' AS email,
         (abs(hashint4(i * 31 + 7)) % 100) AS fate
       FROM generate_series(1, $1::int) i`,
      [count],
    );
    await step(
      "drew their lines",
      `CREATE TEMP TABLE gen_lines ON COMMIT DROP AS
       SELECT o.i, it.sku, it.name, it.options, 1 + (abs(hashint4(o.i * 13 + j)) % 2) AS quantity, it.price_cents
       FROM gen_orders o
       CROSS JOIN LATERAL generate_series(1, 1 + abs(hashint4(o.i * 17)) % 3) j
       JOIN gen_items it ON it.k = abs(hashint4(o.i * 7 + j * 101)) % (SELECT count(*) FROM gen_items)`,
    );
    await client.query("DELETE FROM gen_lines a USING gen_lines b WHERE a.i = b.i AND a.sku = b.sku AND a.ctid > b.ctid");
    await step(
      "priced them",
      `CREATE TEMP TABLE gen_totals ON COMMIT DROP AS
       SELECT o.*, t.subtotal, 500 AS shipping, round(t.subtotal * 0.08)::int AS tax, t.subtotal + 500 + round(t.subtotal * 0.08)::int AS total,
         'ORD-' || to_char(o.at AT TIME ZONE 'UTC', 'YYYYMMDD') || '-' ||
           (SELECT string_agg(substr('0123456789ABCDEFGHJKMNPQRSTVWXYZ', ((o.i >> (5 * (5 - p))) & 31) + 1, 1), '' ORDER BY p) FROM generate_series(0, 5) p) AS number,
         CASE WHEN o.fate < 3 AND o.at < now() - interval '1 day' THEN 'cancelled' WHEN o.fate < 7 AND o.at < now() - interval '1 day' THEN 'refunded'
              WHEN o.at < now() - interval '7 days' THEN 'delivered' WHEN o.fate < 60 THEN 'fulfilled' ELSE 'paid' END AS status
       FROM gen_orders o JOIN (SELECT i, sum(quantity * price_cents)::int AS subtotal FROM gen_lines GROUP BY i) t ON t.i = o.i`,
    );
    const address = JSON.stringify({ name: "Generated Shopper", line1: "1 Load Street", city: "Austin", region: "TX", postalCode: "78701", country: "US" });
    await step(
      "wrote the checkouts",
      `INSERT INTO checkouts (id, cart_id, status, email, shipping_address, shipping_method, lines, currency, subtotal_cents, discount_cents,
         shipping_cents, tax_cents, total_cents, payment_intent_id, client_secret, expires_at, created_at)
       SELECT 'co_generated_' || i, 'cart_generated_' || i, CASE WHEN i > $1 THEN 'expired' ELSE 'completed' END, email, $2::jsonb, 'standard', '[]',
         'USD', subtotal, 0, shipping, tax, total, 'pi_generated_' || i, 'generated', at + interval '15 minutes', at - interval '4 minutes'
       FROM (SELECT * FROM gen_totals UNION ALL SELECT i + $1, at - interval '2 hours', email, fate, subtotal, shipping, tax, total, number, status
             FROM gen_totals WHERE i % 2 = 0) c`,
      [count, address],
    );
    await step(
      "wrote the orders",
      `INSERT INTO orders (number, checkout_id, payment_intent_id, status, email, shipping_address, shipping_method, currency, subtotal_cents,
         discount_cents, shipping_cents, tax_cents, total_cents, refunded_cents, carrier, tracking_number, placed_at)
       SELECT number, 'co_generated_' || i, 'pi_generated_' || i, status, email, $1::jsonb, 'standard', 'USD', subtotal, 0, shipping, tax, total,
         CASE WHEN status IN ('refunded', 'cancelled') THEN total ELSE 0 END,
         CASE WHEN status IN ('fulfilled', 'delivered') THEN 'UPS' END, CASE WHEN status IN ('fulfilled', 'delivered') THEN '1Z' || lpad(i::text, 16, '0') END,
         at
       FROM gen_totals`,
      [address],
    );
    await step(
      "wrote their lines",
      `INSERT INTO order_lines (order_number, sku, name, options, quantity, unit_price_cents, line_total_cents)
       SELECT t.number, l.sku, l.name, l.options, l.quantity, l.price_cents, l.quantity * l.price_cents FROM gen_lines l JOIN gen_totals t ON t.i = l.i`,
    );
    await step(
      "wrote their timelines",
      `INSERT INTO order_events (order_number, at, from_status, to_status, cause)
       SELECT number, at, 'pending_payment', 'paid', 'generated' FROM gen_totals
       UNION ALL SELECT number, at + interval '1 day', 'paid', status, 'generated' FROM gen_totals WHERE status <> 'paid'`,
    );
    await step(
      "wrote the refunds",
      `INSERT INTO refunds (id, order_number, amount_cents, status, stripe_refund_id, reason, created_at)
       SELECT 're_generated_' || i, number, total, 'succeeded', 're_generated_' || i, 'generated', at + interval '1 day' FROM gen_totals
       WHERE status IN ('refunded', 'cancelled')`,
    );
    await step("rebuilt the daily sales roll-up", "DELETE FROM order_days");
    const rolled = await client.query<{ days: number }>("SELECT roll_closed_days(1000) AS days");
    progress(`rolled up ${rolled.rows[0]!.days} closed days`);
    await client.query("COMMIT");
    await step("vacuumed and analysed the tables", "VACUUM ANALYZE orders, order_lines, order_events, checkouts, refunds, order_days");
  } catch (err) {
    await client.query("ROLLBACK").catch(() => {});
    throw err;
  } finally {
    await client.end();
  }
}
