import { sql } from "drizzle-orm";
import { afterEach, describe, expect, it } from "vitest";
import { newOrderNumber } from "../src/checkout/place-order";
import { ADDRESS, ownSkus, reservationsOf, stockOf } from "./checkout-helpers";
import { countOf, query } from "./helpers";

// The checkout steps' SQL functions (migration 0031), called as the Worker calls them: each refusal
// changes nothing. This file's SKUs: catalog offset 640 onwards.

interface Item {
  sku: string;
  price: number;
}

type Answer = Record<string, unknown> & { outcome: string };

async function call(statement: ReturnType<typeof sql>): Promise<Answer> {
  const [row] = await query<{ answer: Answer }>(sql`SELECT ${statement} AS answer`);
  return row!.answer;
}

/** A checkouts row as start_checkout takes it, for these lines at these unit prices. */
async function newCheckout(lines: Array<[Item, number, number?]>, change: Record<string, unknown> = {}) {
  const [{ currency }] = (await query<{ currency: string }>(sql`SELECT currency FROM variants WHERE sku = ${lines[0]![0].sku}`)) as [{ currency: string }];
  const id = crypto.randomUUID();
  const paymentIntentId = `pi_steps_${id.replaceAll("-", "").slice(0, 16)}`;
  const priced = lines.map(([item, quantity, unit = item.price]) => ({
    sku: item.sku,
    name: `Item ${item.sku}`,
    options: { size: "M" },
    image: null,
    quantity,
    unitPrice: { amount: unit, currency },
    lineTotal: { amount: unit * quantity, currency },
  }));
  const subtotal = priced.reduce((sum, l) => sum + l.lineTotal.amount, 0);
  return {
    id,
    cart_id: `steps-cart-${id}`,
    user_id: null,
    visitor_id: null,
    email: "steps@example.com",
    shipping_address: ADDRESS,
    shipping_method: "standard",
    lines: priced,
    coupon_code: null,
    coupon_description: null,
    currency,
    subtotal_cents: subtotal,
    discount_cents: 0,
    shipping_cents: 0,
    tax_cents: 0,
    total_cents: subtotal,
    payment_intent_id: paymentIntentId,
    client_secret: `${paymentIntentId}_secret_steps`,
    ...change,
  };
}

type NewCheckout = Awaited<ReturnType<typeof newCheckout>>;

const start = (checkout: NewCheckout) => call(sql`start_checkout(${JSON.stringify(checkout)}::jsonb, 15)`);
const place = (checkout: NewCheckout, number: string, options: { amount?: number; event?: string } = {}) =>
  call(
    sql`place_order(${checkout.payment_intent_id}, ${options.amount ?? checkout.total_cents}, ${checkout.currency.toLowerCase()}, 'webhook', ${number},
      ${`/orders/${number}`}, ${options.event ?? null}, ${options.event ? "payment_intent.succeeded" : null})`,
  );
const release = (checkoutId: string, message: string | null = null) =>
  query<{ released: boolean }>(sql`SELECT release_checkout(${checkoutId}, 'expired', ${message}) AS released`).then(([r]) => r!.released);
const checkoutRows = (cartId: string) => countOf(sql`SELECT count(*) FROM checkouts WHERE cart_id = ${cartId}`);

describe("start_checkout", () => {
  it("holds every line's stock and records the checkout; called again for the same cart it names the open checkout and changes nothing", async () => {
    const [a, b] = await ownSkus(640, 2, 10);
    const checkout = await newCheckout([
      [a!, 2],
      [b!, 3],
    ]);
    const answer = await start(checkout);
    expect(answer).toMatchObject({ outcome: "started", createdAt: expect.any(String), expiresAt: expect.any(String) });
    expect(new Date(answer.expiresAt as string).getTime() - new Date(answer.createdAt as string).getTime()).toBe(15 * 60_000);
    expect([await stockOf(a!.sku), await stockOf(b!.sku)]).toEqual([8, 7]);
    expect(await reservationsOf(checkout.id)).toHaveLength(2);

    const again = await newCheckout([[a!, 1]], { cart_id: checkout.cart_id });
    expect(await start(again)).toEqual({ outcome: "previous_open", id: checkout.id, paymentIntentId: checkout.payment_intent_id });
    expect([await stockOf(a!.sku), await stockOf(b!.sku)]).toEqual([8, 7]);
    expect(await checkoutRows(checkout.cart_id)).toBe(1);
  });

  it("refuses a price that is not the catalog's now, and a SKU it no longer sells, holding nothing", async () => {
    const [a, b] = await ownSkus(643, 2, 10);
    const dearer = await newCheckout([
      [a!, 1, a!.price - 1],
      [b!, 1],
    ]);
    expect(await start(dearer)).toEqual({ outcome: "price_changed", lines: [{ sku: a!.sku, unitPrice: a!.price }] });
    await query(sql`UPDATE variants SET discontinued = true WHERE sku = ${b!.sku}`);
    try {
      const gone = await newCheckout([[b!, 1]]);
      expect(await start(gone)).toEqual({ outcome: "price_changed", lines: [{ sku: b!.sku, unitPrice: null }] });
    } finally {
      await query(sql`UPDATE variants SET discontinued = false WHERE sku = ${b!.sku}`);
    }
    expect([await stockOf(a!.sku), await stockOf(b!.sku)]).toEqual([10, 10]);
    expect(await checkoutRows(dearer.cart_id)).toBe(0);
  });

  it("refuses a basket with any line short, naming what is left, and takes nothing from the other lines", async () => {
    const [a, b] = await ownSkus(646, 2, 4);
    await query(sql`UPDATE inventory SET available = 0 WHERE sku = ${b!.sku}`);
    const checkout = await newCheckout([
      [a!, 3],
      [b!, 1],
    ]);
    expect(await start(checkout)).toEqual({ outcome: "out_of_stock", lines: [{ sku: b!.sku, available: 0 }] });
    const tooMany = await newCheckout([[a!, 5]]);
    expect(await start(tooMany)).toEqual({ outcome: "out_of_stock", lines: [{ sku: a!.sku, available: 4 }] });
    expect([await stockOf(a!.sku), await stockOf(b!.sku)]).toEqual([4, 0]);
    expect(await reservationsOf(checkout.id)).toEqual([]);
  });

  describe("coupons", () => {
    const code = "STEPS-LAST-USE";
    afterEach(() => query(sql`DELETE FROM coupons WHERE code = ${code}`));

    it("refuses a coupon used up or switched off since the quote read it", async () => {
      await query(sql`INSERT INTO coupons (code, description, kind, value, max_uses, times_used) VALUES (${code}, 'Last one', 'fixed', 100, 1, 1)`);
      const [a] = await ownSkus(648, 1, 5);
      const withCoupon = await newCheckout([[a!, 1]], { coupon_code: code, coupon_description: "Last one", discount_cents: 100 });
      expect(await start(withCoupon)).toEqual({ outcome: "coupon_unavailable", coupon: code });
      await query(sql`UPDATE coupons SET times_used = 0, disabled_at = now() WHERE code = ${code}`);
      expect(await start(withCoupon)).toEqual({ outcome: "coupon_unavailable", coupon: code });
      await query(sql`UPDATE coupons SET disabled_at = NULL WHERE code = ${code}`);
      expect(await start(withCoupon)).toMatchObject({ outcome: "started" });
      expect(await stockOf(a!.sku)).toBe(4);
    });

    it("place_order: the coupon's last use taken by another order refuses the order and writes nothing", async () => {
      await query(sql`INSERT INTO coupons (code, description, kind, value, max_uses) VALUES (${code}, 'Last one', 'fixed', 100, 1)`);
      const [a] = await ownSkus(649, 1, 5);
      const [first, second] = [
        await newCheckout([[a!, 1]], { coupon_code: code, discount_cents: 100 }),
        await newCheckout([[a!, 1]], { coupon_code: code, discount_cents: 100 }),
      ];
      for (const checkout of [first!, second!]) {
        checkout.total_cents -= 100;
        expect(await start(checkout)).toMatchObject({ outcome: "started" });
      }
      expect(await place(first!, newOrderNumber())).toMatchObject({ outcome: "placed", coupon: code });
      expect(await place(second!, newOrderNumber())).toEqual({ outcome: "coupon_used_up", checkoutId: second!.id, coupon: code });
      expect(await countOf(sql`SELECT count(*) FROM orders WHERE payment_intent_id = ${second!.payment_intent_id}`)).toBe(0);
      expect(await reservationsOf(second!.id)).toHaveLength(1);
      expect(await countOf(sql`SELECT times_used AS count FROM coupons WHERE code = ${code}`)).toBe(1);
    });
  });

  it("two starts for one cart at once: one holds the stock, the other is refused", async () => {
    const [a] = await ownSkus(650, 1, 10);
    const one = await newCheckout([[a!, 2]]);
    const other = await newCheckout([[a!, 2]], { cart_id: one.cart_id });
    const answers = await Promise.all([start(one), start(other)]);
    expect(answers.filter((a) => a.outcome === "started")).toHaveLength(1);
    expect(["checkout_in_progress", "previous_open"]).toContain(answers.find((a) => a.outcome !== "started")!.outcome);
    expect(await stockOf(a!.sku)).toBe(8);
    expect(await checkoutRows(one.cart_id)).toBe(1);
  });
});

describe("place_order", () => {
  it("makes the order once: lines, history, the hold become the sale, the checkout completed, the confirmation queued, the event recorded", async () => {
    const [a, b] = await ownSkus(652, 2, 10);
    const checkout = await newCheckout([
      [a!, 2],
      [b!, 1],
    ]);
    await start(checkout);
    const number = newOrderNumber();
    const event = `evt_steps_${checkout.id.slice(0, 8)}`;
    const placed = await place(checkout, number, { event });
    expect(placed).toMatchObject({
      outcome: "placed",
      orderNumber: number,
      cartId: checkout.cart_id,
      coupon: null,
      outboxId: expect.any(Number),
      lines: [
        { sku: a!.sku, quantity: 2 },
        { sku: b!.sku, quantity: 1 },
      ],
    });
    const [order] = await query<{ status: string; total_cents: number; user_id: string | null }>(
      sql`SELECT status, total_cents, user_id FROM orders WHERE number = ${number}`,
    );
    expect(order).toEqual({ status: "paid", total_cents: checkout.total_cents, user_id: null });
    expect(await countOf(sql`SELECT sum(quantity) AS count FROM order_lines WHERE order_number = ${number}`)).toBe(3);
    expect(await query(sql`SELECT from_status, to_status FROM order_events WHERE order_number = ${number} ORDER BY id`)).toEqual([
      { from_status: null, to_status: "pending_payment" },
      { from_status: "pending_payment", to_status: "paid" },
    ]);
    expect(await reservationsOf(checkout.id)).toEqual([]);
    expect([await stockOf(a!.sku), await stockOf(b!.sku)]).toEqual([8, 9]);
    const [message] = await query<{ kind: string; data: { orderPath: string; totals: { total: number }; lines: unknown[] } }>(
      sql`SELECT kind, data FROM outbox WHERE id = ${placed.outboxId as number}`,
    );
    expect(message).toMatchObject({ kind: "order_confirmation", data: { orderPath: `/orders/${number}`, totals: { total: checkout.total_cents } } });
    expect(message!.data.lines).toHaveLength(2);
    expect(await countOf(sql`SELECT count(*) FROM stripe_events WHERE id = ${event}`)).toBe(1);

    // Already placed: the same answer's number for every later caller, nothing written twice.
    expect(await place(checkout, newOrderNumber(), { event })).toEqual({ outcome: "already_placed", orderNumber: number });
    expect(await countOf(sql`SELECT count(*) FROM orders WHERE checkout_id = ${checkout.id}`)).toBe(1);
    expect(await countOf(sql`SELECT count(*) FROM outbox WHERE order_number = ${number}`)).toBe(1);
  });

  it("refuses a payment for a PaymentIntent it does not know, for an ended checkout, and (as an error, writing nothing) for a different amount", async () => {
    const [a] = await ownSkus(655, 1, 10);
    const checkout = await newCheckout([[a!, 1]]);
    expect(await place(checkout, newOrderNumber())).toEqual({ outcome: "not_ours" });
    await start(checkout);
    await expect(place(checkout, newOrderNumber(), { amount: checkout.total_cents - 1 })).rejects.toMatchObject({
      cause: { message: expect.stringMatching(/received \d+ usd, checkout .* totals/) },
    });
    expect(await countOf(sql`SELECT count(*) FROM orders WHERE checkout_id = ${checkout.id}`)).toBe(0);
    expect(await reservationsOf(checkout.id)).toHaveLength(1);

    expect(await release(checkout.id, "Your card was declined.")).toBe(true);
    expect(await place(checkout, newOrderNumber())).toEqual({ outcome: "not_placed", message: "Your card was declined." });
    expect(await countOf(sql`SELECT count(*) FROM orders WHERE checkout_id = ${checkout.id}`)).toBe(0);
  });
});

describe("release_checkout", () => {
  it("gives the stock back and ends the checkout once; a second call, or one for a placed checkout, changes nothing", async () => {
    const [a, b] = await ownSkus(657, 2, 6);
    const checkout = await newCheckout([
      [a!, 2],
      [b!, 6],
    ]);
    await start(checkout);
    expect([await stockOf(a!.sku), await stockOf(b!.sku)]).toEqual([4, 0]);
    expect(await release(checkout.id)).toBe(true);
    expect(await release(checkout.id)).toBe(false);
    expect([await stockOf(a!.sku), await stockOf(b!.sku)]).toEqual([6, 6]);
    expect(await query(sql`SELECT status FROM checkouts WHERE id = ${checkout.id}`)).toEqual([{ status: "expired" }]);

    const paid = await newCheckout([[a!, 1]]);
    await start(paid);
    await place(paid, newOrderNumber());
    expect(await release(paid.id)).toBe(false);
    expect(await stockOf(a!.sku)).toBe(5);
  });
});
