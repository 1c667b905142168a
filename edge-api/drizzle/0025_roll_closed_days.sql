-- Rolls every closed day (UTC) not rolled yet into order_days, from the first checkout on, at most
-- `batch` days a call; answers how many. A day closes 10 minutes after its end: an order's placed_at
-- is its transaction's start, so one placed a moment before midnight may commit just after it. The
-- sweep calls it every minute (checkout/order-days.ts); the orders generator after a load.
CREATE OR REPLACE FUNCTION roll_closed_days(batch integer) RETURNS integer LANGUAGE sql AS $$
  WITH rolled AS (
    INSERT INTO order_days (day, checkouts, orders, revenue_cents, refunded_cents)
    SELECT d::date,
      (SELECT count(*) FROM checkouts WHERE created_at >= span.start AND created_at < span.start + interval '1 day'),
      o.orders, o.revenue,
      (SELECT coalesce(sum(amount_cents), 0) FROM refunds
        WHERE created_at >= span.start AND created_at < span.start + interval '1 day' AND status <> 'failed')
    FROM generate_series(
      coalesce((SELECT max(day) + 1 FROM order_days), (SELECT (min(created_at) AT TIME ZONE 'UTC')::date FROM checkouts))::timestamp,
      (((now() - interval '10 minutes') AT TIME ZONE 'UTC')::date - 1)::timestamp,
      interval '1 day') d
    CROSS JOIN LATERAL (SELECT d AT TIME ZONE 'UTC' AS start) span
    CROSS JOIN LATERAL (
      SELECT count(*) AS orders, coalesce(sum(total_cents), 0) AS revenue FROM orders
      WHERE placed_at >= span.start AND placed_at < span.start + interval '1 day'
    ) o
    ORDER BY d
    LIMIT batch
    ON CONFLICT (day) DO NOTHING
    RETURNING day
  )
  SELECT count(*)::integer FROM rolled
$$;
