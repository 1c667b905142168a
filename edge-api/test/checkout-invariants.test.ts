import { createExecutionContext, createScheduledController, waitOnExecutionContext } from "cloudflare:test";
import { env } from "cloudflare:workers";
import { Checkout, PayResult } from "@shop/contracts";
import { sql } from "drizzle-orm";
import { afterEach, describe, expect, it, vi } from "vitest";
import type { Env } from "../src/env";
import worker from "../src/index";
import { cartWith } from "./cart-helpers";
import {
  CHECKOUT,
  checkoutWith,
  deliver,
  EMULATOR,
  eventsFor,
  ordersFor,
  ownSkus,
  pay,
  paymentIntentOf,
  reservationsOf,
  startCheckout,
  stockOf,
  stripe,
} from "./checkout-helpers";
import { call, countOf, errorOf, json, query } from "./helpers";

// This file's SKUs: catalog offset 400 onwards.

/** Runs the Worker's Cron Trigger handler, as Cloudflare does every minute. */
async function runScheduled() {
  const ctx = createExecutionContext();
  await worker.scheduled(createScheduledController({ cron: "* * * * *" }), env as unknown as Env, ctx);
  await waitOnExecutionContext(ctx);
}

async function inBatches<T>(count: number, size: number, make: (i: number) => Promise<T>): Promise<T[]> {
  const out: T[] = [];
  for (let start = 0; start < count; start += size)
    out.push(...(await Promise.all(Array.from({ length: Math.min(size, count - start) }, (_, i) => make(start + i)))));
  return out;
}

describe("no oversell", () => {
  it("200 shoppers racing for a SKU with 50 in stock: exactly 50 checkouts hold it, 50 orders, stock 0, no reservation left", async () => {
    const [hot] = await ownSkus(400, 1, 50);
    const carts = await inBatches(200, 25, () => cartWith([[hot!.sku, 1]]));
    const started = await Promise.all(carts.map(({ cookie }) => startCheckout(cookie)));
    const statuses = started.map((r) => r.status);
    expect(statuses.filter((s) => s === 201)).toHaveLength(50);
    expect(statuses.filter((s) => s === 409)).toHaveLength(150);
    for (const refused of started.filter((r) => r.status === 409)) expect((await errorOf(refused)).code).toMatch(/^(out_of_stock|lines_unavailable)$/);
    expect(await stockOf(hot!.sku)).toBe(0);

    const winners = await Promise.all(
      started.map(async (r, i) => (r.status === 201 ? { cookie: carts[i]!.cookie, checkout: Checkout.parse(await r.json()) } : undefined)),
    );
    const paid = await Promise.all(winners.filter((w) => w !== undefined).map((w) => pay(w.cookie, w.checkout.id, "pm_card_visa")));
    expect(paid.every((p) => p.status === "succeeded")).toBe(true);
    expect(new Set(paid.map((p) => p.order!.number)).size).toBe(50);
    expect(await countOf(sql`SELECT sum(quantity) AS count FROM order_lines WHERE sku = ${hot!.sku}`)).toBe(50);
    expect(await stockOf(hot!.sku)).toBe(0);
    expect(await countOf(sql`SELECT count(*) FROM reservations WHERE sku = ${hot!.sku}`)).toBe(0);
  });

  it("the same across 20 SKUs with random baskets: what was ordered plus what is left is the stock we had", async () => {
    const stock = 12;
    const pool = await ownSkus(401, 20, stock);
    let seed = 7;
    const random = (n: number) => {
      seed = (seed * 1103515245 + 12345) % 2 ** 31;
      return seed % n;
    };
    const baskets = Array.from({ length: 120 }, () => {
      const lines = new Map<string, number>();
      for (let k = 0, n = 1 + random(4); k < n; k++) lines.set(pool[random(pool.length)]!.sku, 1 + random(3));
      return [...lines];
    });
    const carts = await inBatches(baskets.length, 20, (i) => cartWith(baskets[i]!));
    const started = await Promise.all(carts.map(({ cookie }) => startCheckout(cookie)));
    expect(started.every((r) => r.status === 201 || r.status === 409)).toBe(true);
    const winners = await Promise.all(
      started.map(async (r, i) => (r.status === 201 ? { cookie: carts[i]!.cookie, checkout: Checkout.parse(await r.json()) } : undefined)),
    );
    for (const w of winners.filter((w) => w !== undefined)) expect((await pay(w.cookie, w.checkout.id, "pm_card_visa")).status).toBe("succeeded");
    for (const { sku } of pool) {
      const ordered = await countOf(sql`SELECT coalesce(sum(quantity), 0) AS count FROM order_lines WHERE sku = ${sku}`);
      const left = await stockOf(sku);
      expect(left).toBeGreaterThanOrEqual(0);
      expect(ordered + left).toBe(stock);
    }
    expect(await countOf(sql`SELECT count(*) FROM reservations WHERE sku IN ${pool.map((p) => p.sku)}`)).toBe(0);
  });
});

describe("exactly one order per payment", () => {
  it("a PaymentIntent confirmed while its webhook arrives 5 times at once, the pay answer and a reload: one order, every answer names it", async () => {
    const [a] = await ownSkus(430, 1, 10);
    const { cookie, checkout } = await checkoutWith([[a!.sku, 2]]);
    const intentId = paymentIntentOf(checkout);
    // The browser confirms (as the Payment Element does); the Worker hears of it every way at once.
    await stripe.paymentIntents.confirm(intentId, { payment_method: "pm_card_visa" });
    const [succeeded] = (await eventsFor(intentId)).filter((d) => d.event.type === "payment_intent.succeeded");
    const answers = await Promise.all([
      ...Array.from({ length: 5 }, () => deliver(succeeded!.event.id)),
      json("POST", `/api/checkout/${checkout.id}/pay`, { paymentMethod: "pm_card_visa" }, { Cookie: cookie }),
      call(`/api/checkout/${checkout.id}`, { headers: { Cookie: cookie } }),
    ]);
    expect(answers.map((r) => r.status)).toEqual([200, 200, 200, 200, 200, 200, 200]);
    const orders = await ordersFor(intentId);
    expect(orders).toHaveLength(1);
    expect(PayResult.parse(await answers[5]!.json()).order!.number).toBe(orders[0]!.number);
    expect(await stockOf(a!.sku)).toBe(8);
    expect(await countOf(sql`SELECT count(*) FROM outbox WHERE order_number = ${orders[0]!.number}`)).toBe(1);
  });

  it("webhooks reordered, duplicated and late make one order; forged, altered and stale ones change nothing", async () => {
    const [a] = await ownSkus(431, 1, 10);
    const { checkout } = await checkoutWith([[a!.sku, 1]]);
    const intentId = paymentIntentOf(checkout);
    await stripe.paymentIntents.confirm(intentId, { payment_method: "pm_card_visa" });
    await stripe.refunds.create({ payment_intent: intentId, amount: 100 });
    const events = await eventsFor(intentId);
    const refunded = events.find((d) => d.event.type === "charge.refunded")!;
    const succeeded = events.find((d) => d.event.type === "payment_intent.succeeded")!;

    const stale = await deliver(succeeded.event.id, 400);
    expect(stale.status).toBe(400);
    expect((await errorOf(stale)).code).toBe("invalid_signature");
    const signed = (await (await fetch(`${EMULATOR}/_emulator/events/${succeeded.event.id}/signed`, { method: "POST", body: "{}" })).json()) as {
      payload: string;
      signature: string;
    };
    const altered = signed.payload.replace(/"amount":(\d+)/, '"amount":1');
    for (const [body, signature] of [
      [altered, signed.signature],
      [signed.payload, "t=1,v1=deadbeef"],
      [signed.payload, ""],
    ] as const) {
      const forged = await call("/api/webhooks/stripe", {
        method: "POST",
        headers: { "Content-Type": "application/json", "Stripe-Signature": signature },
        body,
      });
      expect(forged.status).toBe(400);
    }
    expect(await ordersFor(intentId)).toEqual([]);

    // The refund is reported first, late: the order is placed from Stripe's state, and the refund recorded.
    expect((await deliver(refunded.event.id, 290)).status).toBe(200);
    expect(await ordersFor(intentId)).toMatchObject([{ status: "refunded", refunded_cents: 100 }]);
    for (const id of [succeeded.event.id, succeeded.event.id, refunded.event.id]) expect((await deliver(id)).status).toBe(200);
    const orders = await ordersFor(intentId);
    expect(orders).toMatchObject([{ status: "refunded", refunded_cents: 100 }]);
    expect(await countOf(sql`SELECT count(*) FROM order_events WHERE order_number = ${orders[0]!.number}`)).toBe(3);
  });

  it("a Worker that died between payment and order: the webhook's retry, or else the sweep, creates it", async () => {
    const [a] = await ownSkus(432, 1, 10);
    const { checkout: viaWebhook } = await checkoutWith([[a!.sku, 1]]);
    // The pay request reached Stripe and died before writing the order.
    await query(sql`UPDATE checkouts SET payment_attempted_at = now() WHERE id = ${viaWebhook.id}`);
    await stripe.paymentIntents.confirm(paymentIntentOf(viaWebhook), { payment_method: "pm_card_visa" });
    expect(await ordersFor(paymentIntentOf(viaWebhook))).toEqual([]);
    const [event] = (await eventsFor(paymentIntentOf(viaWebhook))).filter((d) => d.event.type === "payment_intent.succeeded");
    expect((await deliver(event!.event.id)).status).toBe(200);
    expect(await ordersFor(paymentIntentOf(viaWebhook))).toHaveLength(1);

    const { checkout: viaSweep } = await checkoutWith([[a!.sku, 1]]);
    await query(sql`UPDATE checkouts SET payment_attempted_at = now() - interval '2 minutes' WHERE id = ${viaSweep.id}`);
    await stripe.paymentIntents.confirm(paymentIntentOf(viaSweep), { payment_method: "pm_card_visa" });
    await runScheduled();
    expect(await ordersFor(paymentIntentOf(viaSweep))).toMatchObject([{ status: "paid" }]);
    expect(await reservationsOf(viaSweep.id)).toEqual([]);
    expect(await stockOf(a!.sku)).toBe(8);
  });
});

describe("expiry", () => {
  it("an abandoned checkout's stock is on sale again after the sweep, its payment cancelled, and it can no longer be paid", async () => {
    const [a] = await ownSkus(440, 1, 6);
    const { cookie, checkout } = await checkoutWith([[a!.sku, 4]]);
    expect(await stockOf(a!.sku)).toBe(2);
    await runScheduled();
    expect(await stockOf(a!.sku)).toBe(2); // not lapsed yet
    await query(sql`UPDATE checkouts SET expires_at = now() - interval '1 second' WHERE id = ${checkout.id}`);
    const lapsed = await json("POST", `/api/checkout/${checkout.id}/pay`, { paymentMethod: "pm_card_visa" }, { Cookie: cookie });
    expect(lapsed.status).toBe(409);
    expect((await errorOf(lapsed)).code).toBe("checkout_expired");
    await runScheduled();
    expect(await stockOf(a!.sku)).toBe(6);
    expect(await reservationsOf(checkout.id)).toEqual([]);
    expect((await stripe.paymentIntents.retrieve(paymentIntentOf(checkout))).status).toBe("canceled");
    const ended = await json("POST", `/api/checkout/${checkout.id}/pay`, { paymentMethod: "pm_card_visa" }, { Cookie: cookie });
    expect((await errorOf(ended)).code).toBe("checkout_ended");
    const reread = Checkout.parse(await (await call(`/api/checkout/${checkout.id}`, { headers: { Cookie: cookie } })).json());
    expect(reread.status).toBe("expired");
  });

  it("a payment still processing when the hold lapses keeps the stock until it clears, then the sweep places its order", async () => {
    const [a] = await ownSkus(470, 1, 10);
    const { cookie, checkout } = await checkoutWith([[a!.sku, 3]]);
    const paying = await json("POST", `/api/checkout/${checkout.id}/pay`, { paymentMethod: "pm_emulator_processing" }, { Cookie: cookie });
    expect((await errorOf(paying)).code).toBe("payment_processing");
    await query(sql`UPDATE checkouts SET expires_at = now() - interval '1 second' WHERE id = ${checkout.id}`);
    await runScheduled();
    expect(await reservationsOf(checkout.id)).toEqual([{ sku: a!.sku, quantity: 3 }]);
    expect(await stockOf(a!.sku)).toBe(7);
    await vi.waitFor(async () => expect((await stripe.paymentIntents.retrieve(paymentIntentOf(checkout))).status).toBe("succeeded"), {
      timeout: 5000,
      interval: 100,
    });
    await runScheduled();
    expect(await ordersFor(paymentIntentOf(checkout))).toMatchObject([{ status: "paid" }]);
    expect(await reservationsOf(checkout.id)).toEqual([]);
    expect(await stockOf(a!.sku)).toBe(7);
  });
});

describe("coupons at order time", () => {
  const code = "LASTONE-CHECKOUT";
  afterEach(async () => {
    await query(sql`DELETE FROM coupons WHERE code = ${code}`);
  });

  it("two orders racing for a coupon's last use: one gets it, the other is refunded in full and told why", async () => {
    await query(sql`INSERT INTO coupons (code, description, kind, value, max_uses) VALUES (${code}, 'Last one', 'percent', 10, 1)`);
    const [a] = await ownSkus(450, 1, 10);
    const shoppers = await Promise.all(
      [0, 1].map(async () => {
        const { cookie } = await cartWith([[a!.sku, 1]]);
        expect((await json("PUT", "/api/cart/coupon", { code }, { Cookie: cookie })).status).toBe(200);
        const started = await startCheckout(cookie);
        return { cookie, checkout: Checkout.parse(await started.json()) };
      }),
    );
    expect(shoppers.every((s) => s.checkout.totals.discount.amount > 0)).toBe(true);
    const results = await Promise.all(shoppers.map((s) => pay(s.cookie, s.checkout.id, "pm_card_visa")));
    expect(results.map((r) => r.status).sort()).toEqual(["declined", "succeeded"]);
    expect(results.find((r) => r.status === "declined")!.message).toMatch(/used up by another order.*refunded/);
    expect(await countOf(sql`SELECT times_used AS count FROM coupons WHERE code = ${code}`)).toBe(1);
    const loser = shoppers[results.findIndex((r) => r.status === "declined")]!;
    const charge = await stripe.charges.retrieve((await stripe.paymentIntents.retrieve(paymentIntentOf(loser.checkout))).latest_charge as string);
    expect(charge.amount_refunded).toBe(charge.amount);
    expect(await ordersFor(paymentIntentOf(loser.checkout))).toEqual([]);
    expect(await stockOf(a!.sku)).toBe(9);
  });
});

describe("a client cannot set a price", () => {
  it("ignores totals, prices and shipping costs sent by the client", async () => {
    const [a] = await ownSkus(460, 1, 10);
    const { cookie } = await cartWith([[a!.sku, 1]]);
    const response = await startCheckout(cookie, {
      ...CHECKOUT,
      shippingMethod: "overnight",
      totals: { total: { amount: 1, currency: "USD" } },
      lines: [{ sku: a!.sku, unitPrice: { amount: 1 } }],
      shipping: 0,
    });
    const checkout = Checkout.parse(await response.json());
    expect(checkout.lines[0]!.unitPrice.amount).toBe(a!.price);
    expect(checkout.totals.shipping.amount).toBe(2999);
    expect((await stripe.paymentIntents.retrieve(paymentIntentOf(checkout))).amount).toBe(checkout.totals.total.amount);
  });
});
