-- Each checkout step is one call into Postgres: one round trip from the Worker (docs/checkout.md,
-- "One round trip per step"). Stripe is called outside them, before or after, never inside.
-- Every function takes its stock locks in SKU order, as every other stock change does, so
-- overlapping baskets wait for each other but never deadlock.

-- Experiments: an order counts for the variants its browser saw in the last 30 days, once per
-- experiment, in the latest phase it was exposed to.
CREATE FUNCTION attribute_order(buyer_visitor text, placed_order text, revenue integer) RETURNS void LANGUAGE sql AS $$
  INSERT INTO experiment_conversions (experiment_id, phase, order_number, visitor_id, variant, revenue_cents)
  SELECT DISTINCT ON (experiment_id) experiment_id, phase, placed_order, visitor_id, variant, revenue
  FROM experiment_exposures
  WHERE visitor_id = buyer_visitor AND exposed_at > now() - interval '30 days'
  ORDER BY experiment_id, phase DESC
  ON CONFLICT DO NOTHING
$$;
--> statement-breakpoint

-- A checkout's lines (CheckoutLine[] as the Worker priced them) as rows.
CREATE FUNCTION checkout_items(lines jsonb) RETURNS TABLE (sku text, quantity integer, unit_price integer) LANGUAGE sql IMMUTABLE AS $$
  SELECT l->>'sku', (l->>'quantity')::integer, (l->'unitPrice'->>'amount')::integer FROM jsonb_array_elements(lines) l
$$;
--> statement-breakpoint

-- Start: checks the Worker's quote against the database and holds the stock, or holds nothing and
-- says why. `checkout` is the new checkouts row (its columns as keys; status, created_at and
-- expires_at are set here). Answers {outcome} with:
--   started             createdAt, expiresAt
--   previous_open       id, paymentIntentId: the cart's open checkout, to be ended first (its
--                       PaymentIntent cancelled at Stripe), then this called again
--   price_changed       lines [{sku, unitPrice}]: the price now (null: no longer sold)
--   coupon_unavailable  coupon: switched off, out of its dates or used up since it was read
--   out_of_stock        lines [{sku, available}]
--   checkout_in_progress  another start for this cart won the race
CREATE FUNCTION start_checkout(checkout jsonb, hold_minutes integer) RETURNS jsonb LANGUAGE plpgsql AS $$
DECLARE
  c checkouts := jsonb_populate_record(NULL::checkouts, checkout);
  previous checkouts;
  terms coupons;
  refused jsonb;
BEGIN
  SELECT * INTO previous FROM checkouts WHERE cart_id = c.cart_id AND status = 'open';
  IF FOUND THEN
    RETURN jsonb_build_object('outcome', 'previous_open', 'id', previous.id, 'paymentIntentId', previous.payment_intent_id);
  END IF;

  -- The catalog's price now, as the Worker's quote (read through the edge cache) charged it.
  SELECT jsonb_agg(jsonb_build_object('sku', w.sku, 'unitPrice', v.price_cents) ORDER BY w.sku) INTO refused
    FROM checkout_items(c.lines) w LEFT JOIN variants v ON v.sku = w.sku AND NOT v.discontinued
    WHERE v.price_cents IS DISTINCT FROM w.unit_price OR v.currency IS DISTINCT FROM c.currency;
  IF refused IS NOT NULL THEN
    RETURN jsonb_build_object('outcome', 'price_changed', 'lines', refused);
  END IF;

  IF c.coupon_code IS NOT NULL AND c.discount_cents > 0 THEN
    SELECT * INTO terms FROM coupons WHERE code = c.coupon_code;
    IF NOT FOUND OR terms.disabled_at IS NOT NULL OR now() < terms.starts_at OR now() >= terms.ends_at
       OR terms.times_used >= terms.max_uses THEN
      RETURN jsonb_build_object('outcome', 'coupon_unavailable', 'coupon', c.coupon_code);
    END IF;
  END IF;

  PERFORM 1 FROM inventory WHERE sku IN (SELECT w.sku FROM checkout_items(c.lines) w) ORDER BY sku FOR UPDATE;
  SELECT jsonb_agg(jsonb_build_object('sku', w.sku, 'available', coalesce(i.available, 0)) ORDER BY w.sku) INTO refused
    FROM checkout_items(c.lines) w LEFT JOIN inventory i ON i.sku = w.sku
    WHERE coalesce(i.available, 0) < w.quantity;
  IF refused IS NOT NULL THEN
    RETURN jsonb_build_object('outcome', 'out_of_stock', 'lines', refused);
  END IF;

  BEGIN
    INSERT INTO checkouts (id, cart_id, user_id, visitor_id, status, email, shipping_address, shipping_method, lines,
        coupon_code, coupon_description, currency, subtotal_cents, discount_cents, shipping_cents, tax_cents, total_cents,
        payment_intent_id, client_secret, expires_at)
      VALUES (c.id, c.cart_id, c.user_id, c.visitor_id, 'open', c.email, c.shipping_address, c.shipping_method, c.lines,
        c.coupon_code, c.coupon_description, c.currency, c.subtotal_cents, c.discount_cents, c.shipping_cents, c.tax_cents, c.total_cents,
        c.payment_intent_id, c.client_secret, now() + make_interval(mins => hold_minutes))
      RETURNING created_at, expires_at INTO c.created_at, c.expires_at;
  EXCEPTION WHEN unique_violation THEN
    RETURN jsonb_build_object('outcome', 'checkout_in_progress');
  END;
  -- The inventory CHECK (available >= 0) backs the locked check above.
  UPDATE inventory i SET available = i.available - w.quantity FROM checkout_items(c.lines) w WHERE i.sku = w.sku;
  INSERT INTO reservations (checkout_id, sku, quantity) SELECT c.id, w.sku, w.quantity FROM checkout_items(c.lines) w;
  RETURN jsonb_build_object('outcome', 'started', 'createdAt', c.created_at, 'expiresAt', c.expires_at);
END $$;
--> statement-breakpoint

-- Release: ends an open checkout and gives its stock back, once (a second caller finds it ended and
-- changes nothing). Callers cancel its PaymentIntent first, so it cannot be paid once its stock is gone.
CREATE FUNCTION release_checkout(checkout_id text, new_status text, message text DEFAULT NULL) RETURNS boolean LANGUAGE plpgsql AS $$
BEGIN
  UPDATE checkouts SET status = new_status, last_payment_error = coalesce(message, last_payment_error)
    WHERE id = checkout_id AND status = 'open';
  IF NOT FOUND THEN
    RETURN false;
  END IF;
  PERFORM 1 FROM inventory WHERE sku IN (SELECT r.sku FROM reservations r WHERE r.checkout_id = release_checkout.checkout_id)
    ORDER BY sku FOR UPDATE;
  UPDATE inventory i SET available = i.available + r.quantity
    FROM reservations r WHERE r.checkout_id = release_checkout.checkout_id AND i.sku = r.sku;
  DELETE FROM reservations r WHERE r.checkout_id = release_checkout.checkout_id;
  RETURN true;
END $$;
--> statement-breakpoint

-- Place: turns a succeeded PaymentIntent into its order, exactly once. The checkout row is locked
-- first, so callers racing (the pay answer, five copies of a webhook, the sweep) queue; the first
-- makes the order — lines, history, the hold become the sale, the coupon's use counted, the
-- confirmation in the outbox, the experiments' conversions — and the rest find it. `event_id` is the
-- webhook's Stripe event, recorded as handled in the same transaction. Answers {outcome} with:
--   placed            orderNumber, cartId, lines [{sku, quantity}], coupon, outboxId
--   already_placed    orderNumber
--   not_placed        message: the checkout ended without an order
--   coupon_used_up    checkoutId, coupon: its last use went to another order (nothing written;
--                     the Worker refunds the payment, then releases the checkout)
--   not_ours          no checkout has this PaymentIntent
-- A payment whose amount differs from the checkout's total is an error, never an order.
CREATE FUNCTION place_order(payment_intent_id text, amount_received integer, currency text, placed_by text,
    order_number text, order_path text, event_id text DEFAULT NULL, event_type text DEFAULT NULL) RETURNS jsonb LANGUAGE plpgsql AS $$
DECLARE
  c checkouts;
  placed text;
  message_id integer;
BEGIN
  IF event_id IS NOT NULL THEN
    INSERT INTO stripe_events (id, type) VALUES (event_id, event_type) ON CONFLICT DO NOTHING;
  END IF;
  SELECT * INTO c FROM checkouts ch WHERE ch.payment_intent_id = place_order.payment_intent_id FOR UPDATE;
  IF NOT FOUND THEN
    RETURN jsonb_build_object('outcome', 'not_ours');
  END IF;
  SELECT o.number INTO placed FROM orders o WHERE o.payment_intent_id = place_order.payment_intent_id;
  IF FOUND THEN
    RETURN jsonb_build_object('outcome', 'already_placed', 'orderNumber', placed);
  END IF;
  IF amount_received <> c.total_cents OR upper(place_order.currency) <> c.currency THEN
    RAISE EXCEPTION 'PaymentIntent % received % %, checkout % totals % %',
      payment_intent_id, amount_received, place_order.currency, c.id, c.total_cents, c.currency;
  END IF;
  -- Every path that gives a reservation back cancels its PaymentIntent first, so a paid one still
  -- holds its stock; the one exception is a refund for a coupon lost in a race, already done.
  IF c.status <> 'open' THEN
    RETURN jsonb_build_object('outcome', 'not_placed', 'message', coalesce(c.last_payment_error, format('This checkout is %s.', c.status)));
  END IF;
  IF c.coupon_code IS NOT NULL AND c.discount_cents > 0 THEN
    UPDATE coupons SET times_used = times_used + 1 WHERE code = c.coupon_code AND (max_uses IS NULL OR times_used < max_uses);
    IF NOT FOUND THEN
      RETURN jsonb_build_object('outcome', 'coupon_used_up', 'checkoutId', c.id, 'coupon', c.coupon_code);
    END IF;
  END IF;

  INSERT INTO orders (number, checkout_id, payment_intent_id, user_id, status, email, shipping_address, shipping_method,
      coupon_code, currency, subtotal_cents, discount_cents, shipping_cents, tax_cents, total_cents)
    -- The buyer's account, unless it was deleted since the checkout started (then a guest order).
    VALUES (order_number, c.id, c.payment_intent_id, (SELECT u.id FROM users u WHERE u.id = c.user_id), 'paid', c.email,
      c.shipping_address, c.shipping_method, CASE WHEN c.discount_cents > 0 THEN c.coupon_code END,
      c.currency, c.subtotal_cents, c.discount_cents, c.shipping_cents, c.tax_cents, c.total_cents);
  INSERT INTO order_lines (order_number, sku, name, options, quantity, unit_price_cents, line_total_cents)
    SELECT order_number, l->>'sku', l->>'name', l->'options', (l->>'quantity')::integer,
      (l->'unitPrice'->>'amount')::integer, (l->'lineTotal'->>'amount')::integer
    FROM jsonb_array_elements(c.lines) l;
  INSERT INTO order_events (order_number, from_status, to_status, cause, at) VALUES
    (order_number, NULL, 'pending_payment', 'checkout started', c.created_at),
    (order_number, 'pending_payment', 'paid', format('payment %s succeeded (%s)', payment_intent_id, replace(placed_by, '_', ' ')), now());
  -- The units left stock when the checkout started: only the hold goes.
  DELETE FROM reservations r WHERE r.checkout_id = c.id;
  UPDATE checkouts SET status = 'completed' WHERE id = c.id;
  -- The confirmation, as notifications/outbox.ts queues every message (data: MessageFacts).
  INSERT INTO outbox (kind, recipient, order_number, dedupe_key, data)
    VALUES ('order_confirmation', c.email, order_number, 'order_confirmation:' || order_number, jsonb_build_object(
      'orderNumber', order_number,
      'orderPath', order_path,
      'currency', c.currency,
      'lines', (SELECT jsonb_agg(jsonb_build_object('name', l->'name', 'options', l->'options', 'quantity', l->'quantity',
                  'lineTotal', l->'lineTotal'->'amount')) FROM jsonb_array_elements(c.lines) l),
      'totals', jsonb_build_object('subtotal', c.subtotal_cents, 'discount', c.discount_cents, 'shipping', c.shipping_cents,
                  'tax', c.tax_cents, 'total', c.total_cents),
      'shippingAddress', c.shipping_address,
      'shippingMethod', c.shipping_method))
    ON CONFLICT (dedupe_key) DO NOTHING
    RETURNING id INTO message_id;
  PERFORM attribute_order(c.visitor_id, order_number, c.total_cents);
  RETURN jsonb_build_object(
    'outcome', 'placed',
    'orderNumber', order_number,
    'cartId', c.cart_id,
    'lines', (SELECT jsonb_agg(jsonb_build_object('sku', l->'sku', 'quantity', l->'quantity')) FROM jsonb_array_elements(c.lines) l),
    'coupon', CASE WHEN c.discount_cents > 0 THEN c.coupon_code END,
    'outboxId', message_id);
END $$;
