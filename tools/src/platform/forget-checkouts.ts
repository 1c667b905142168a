import pg from "pg";

/**
 * Empties checkouts, orders and what hangs off them, giving reserved stock back first. For a local
 * database whose payments lived in a Stripe emulator that has since stopped (tests, `npm run seed`).
 */
export async function forgetCheckouts(databaseUrl: string) {
  const client = new pg.Client({ connectionString: databaseUrl });
  await client.connect();
  try {
    await client.query("BEGIN");
    await client.query(
      "UPDATE inventory i SET available = i.available + r.quantity FROM (SELECT sku, sum(quantity) AS quantity FROM reservations GROUP BY sku) r WHERE i.sku = r.sku",
    );
    await client.query(
      "TRUNCATE reservations, order_events, order_lines, refund_lines, refunds, outbox, return_events, return_lines, returns, orders, checkouts, stripe_events, order_days, co_purchases",
    );
    // What was bought together is counted again from the first order there will be.
    await client.query("UPDATE co_purchase_progress SET placed_at = NULL, number = NULL");
    await client.query("COMMIT");
  } catch (err) {
    await client.query("ROLLBACK");
    throw err;
  } finally {
    await client.end();
  }
}
