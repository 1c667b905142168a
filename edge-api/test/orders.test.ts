import { Order } from "@shop/contracts";
import { sql } from "drizzle-orm";
import { describe, expect, it } from "vitest";
import { checkoutWith, ownSkus, pay, paymentIntentOf, stockOf, stripe } from "./checkout-helpers";
import { adminHeaders, call, countOf, errorOf, json } from "./helpers";

// This file's SKUs: catalog offset 500 onwards.

async function paidOrder(offset: number, quantity = 2) {
  const [a] = await ownSkus(offset, 1, 10);
  const { cookie, checkout } = await checkoutWith([[a!.sku, quantity]]);
  const { order } = await pay(cookie, checkout.id, "pm_card_visa");
  return { sku: a!.sku, number: order!.number, total: checkout.totals.total.amount, intentId: paymentIntentOf(checkout) };
}

const admin = (number: string, action: string, body?: unknown) =>
  body === undefined
    ? call(`/api/admin/orders/${number}/${action}`, { method: "POST", headers: adminHeaders })
    : json("POST", `/api/admin/orders/${number}/${action}`, body, adminHeaders);

describe("order lifecycle", () => {
  it("paid → fulfilled → delivered, each step in the history; an illegal step is 409 and changes nothing", async () => {
    const { number } = await paidOrder(500);
    expect((await admin(number, "deliver")).status).toBe(409);
    expect((await admin(number, "fulfil")).status).toBe(200);
    const illegal = await admin(number, "cancel", { reason: "changed mind" });
    expect(illegal.status).toBe(409);
    expect((await errorOf(illegal)).code).toBe("illegal_transition");
    const delivered = Order.parse(await (await admin(number, "deliver")).json());
    expect(delivered.status).toBe("delivered");
    expect(delivered.history.map((h) => h.status)).toEqual(["pending_payment", "paid", "fulfilled", "delivered"]);
    expect(delivered.history.every((h) => h.cause.length > 0 && !Number.isNaN(Date.parse(h.at)))).toBe(true);
    expect((await call(`/api/admin/orders/${number}/fulfil`, { method: "POST" })).status).toBe(401);
    expect((await admin("ORD-20260101-AAAAAA", "fulfil")).status).toBe(404);
  });

  it("cancelling a paid order refunds it in full through Stripe and puts its units back on sale", async () => {
    const { number, sku, total, intentId } = await paidOrder(501, 3);
    expect(await stockOf(sku)).toBe(7);
    const cancelled = Order.parse(await (await admin(number, "cancel", { reason: "out of our hands" })).json());
    expect(cancelled).toMatchObject({ status: "cancelled", refunded: { amount: total } });
    expect(await stockOf(sku)).toBe(10);
    const charge = await stripe.charges.retrieve((await stripe.paymentIntents.retrieve(intentId)).latest_charge as string);
    expect(charge.amount_refunded).toBe(total);
    expect(await countOf(sql`SELECT count(*) FROM outbox WHERE order_number = ${number} AND kind = 'order_cancelled'`)).toBe(1);
    expect((await admin(number, "refund", { reason: "again" })).status).toBe(409);
  });
});

describe("refunds", () => {
  it("refunds in parts, never more than was captured, even when two refunds race", async () => {
    const { number, total, intentId } = await paidOrder(502);
    const part = Order.parse(await (await admin(number, "refund", { amount: 100, reason: "scratched box" })).json());
    expect(part).toMatchObject({ status: "refunded", refunded: { amount: 100 } });
    const tooMuch = await admin(number, "refund", { amount: total, reason: "all of it" });
    expect(tooMuch.status).toBe(422);
    expect((await errorOf(tooMuch)).code).toBe("refund_too_large");
    // Two refunds of 60% of what is left, at once: one goes through.
    const share = Math.ceil(((total - 100) * 6) / 10);
    const racing = await Promise.all([0, 1].map(() => admin(number, "refund", { amount: share, reason: "race" })));
    expect(racing.map((r) => r.status).sort()).toEqual([200, 422]);
    const rest = Order.parse(await (await admin(number, "refund", { reason: "the rest" })).json());
    expect(rest.refunded.amount).toBe(total);
    const charge = await stripe.charges.retrieve((await stripe.paymentIntents.retrieve(intentId)).latest_charge as string);
    expect(charge.amount_refunded).toBe(total);
    expect((await errorOf(await admin(number, "refund", { amount: 1, reason: "more" }))).code).toBe("nothing_to_refund");
    expect((await admin(number, "refund", { amount: -5, reason: "x" })).status).toBe(400);
    expect((await admin(number, "refund", { amount: 1.5, reason: "x" })).status).toBe(400);
    expect(await countOf(sql`SELECT count(*) FROM outbox WHERE order_number = ${number} AND kind = 'refund'`)).toBe(3);
  });
});
