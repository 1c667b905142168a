import { Order, OrderReturn } from "@shop/contracts";
import { sql } from "drizzle-orm";
import { describe, expect, it } from "vitest";
import { newEmail, signedInShopper } from "./account-helpers";
import { CHECKOUT, checkoutWith, ownSkus, pay, stockOf } from "./checkout-helpers";
import { adminHeaders, call, countOf, errorOf, json, query } from "./helpers";

// Returns: a shopper asks within 30 days of delivery for what they bought; operators approve,
// receive and refund the paid share, once, however many of them press the button at the same time.

async function deliveredOrder(offset: number, quantity = 2, body = CHECKOUT) {
  const [a] = await ownSkus(offset, 1, 20);
  const { cookie, checkout } = await checkoutWith([[a!.sku, quantity]], body);
  const { order } = await pay(cookie, checkout.id, "pm_card_visa");
  const number = order!.number;
  const token = new URL(order!.url, "http://x").searchParams.get("token")!;
  expect((await json("POST", `/api/admin/orders/${number}/fulfil`, {}, adminHeaders)).status).toBe(200);
  expect((await json("POST", `/api/admin/orders/${number}/deliver`, {}, adminHeaders)).status).toBe(200);
  return { number, token, sku: a!.sku };
}

const ask = (number: string, token: string | null, body: unknown, headers: Record<string, string> = {}) =>
  json("POST", `/api/orders/${number}/returns${token ? `?token=${encodeURIComponent(token)}` : ""}`, body, headers);
const admin = (path: string, body: unknown = {}) => json("POST", `/api/admin/returns/${path}`, body, adminHeaders);
const orderOf = async (number: string, token: string) => Order.parse(await (await call(`/api/orders/${number}?token=${encodeURIComponent(token)}`)).json());

describe("a shopper asks to return items", () => {
  it("gets a return number and an email, for no more than was bought, within 30 days of delivery", async () => {
    const { number, token, sku } = await deliveredOrder(1300);
    expect((await orderOf(number, token)).returnable).toMatchObject({ lines: { [sku]: 2 } });

    const asked = await ask(number, token, { lines: [{ sku, quantity: 1 }], reason: "Too small" });
    expect(asked.status, await asked.clone().text()).toBe(201);
    const requested = OrderReturn.parse(await asked.json());
    expect(requested).toMatchObject({ orderNumber: number, status: "requested", lines: [{ sku, quantity: 1, received: 0 }] });
    expect(requested.number).toMatch(/^RMA-[0-9A-F]{10}$/);
    expect(await countOf(sql`SELECT count(*) FROM outbox WHERE kind = 'return_requested' AND dedupe_key = ${`return_requested:${requested.number}`}`)).toBe(1);

    const order = await orderOf(number, token);
    expect(order.returns.map((r) => r.number)).toEqual([requested.number]);
    expect(order.returnable?.lines).toEqual({ [sku]: 1 });
    const tooMany = await ask(number, token, { lines: [{ sku, quantity: 2 }], reason: "All of them" });
    expect(tooMany.status).toBe(422);
    expect((await errorOf(tooMany)).message).toContain("At most 1");
    expect((await ask(number, token, { lines: [{ sku: "SKU-0000000-9", quantity: 1 }], reason: "?" })).status).toBe(422);
    expect((await ask(number, token, { lines: [{ sku, quantity: 1 }], reason: "The other one" })).status).toBe(201);
    expect((await ask(number, token, { lines: [{ sku, quantity: 1 }], reason: "A third?" })).status).toBe(422);

    const late = await deliveredOrder(1301);
    await query(sql`UPDATE order_events SET at = now() - interval '31 days' WHERE order_number = ${late.number} AND to_status = 'delivered'`);
    const tooLate = await ask(late.number, late.token, { lines: [{ sku: late.sku, quantity: 1 }], reason: "Late" });
    expect(tooLate.status).toBe(409);
    expect((await errorOf(tooLate)).code).toBe("return_window_closed");
    expect((await orderOf(late.number, late.token)).returnable).toBeNull();
  });

  it("refuses an order not delivered yet, another visitor's order, and bad input, storing nothing", async () => {
    const [a] = await ownSkus(1302, 1, 20);
    const { cookie, checkout } = await checkoutWith([[a!.sku, 1]]);
    const { order } = await pay(cookie, checkout.id, "pm_card_visa");
    const token = new URL(order!.url, "http://x").searchParams.get("token")!;
    const notYet = await ask(order!.number, token, { lines: [{ sku: a!.sku, quantity: 1 }], reason: "Changed my mind" });
    expect(notYet.status).toBe(409);
    expect((await errorOf(notYet)).code).toBe("not_delivered");

    const { number, sku } = await deliveredOrder(1303);
    const before = await countOf(sql`SELECT count(*) FROM returns WHERE order_number = ${number}`);
    expect((await ask(number, null, { lines: [{ sku, quantity: 1 }], reason: "No token" })).status).toBe(404);
    expect((await ask(number, "forged", { lines: [{ sku, quantity: 1 }], reason: "Forged token" })).status).toBe(404);
    const stranger = await signedInShopper("stranger");
    expect((await stranger.browser.post(`/api/orders/${number}/returns`, { lines: [{ sku, quantity: 1 }], reason: "Not mine" })).status).toBe(404);
    const { token: good } = { token: (await deliveredOrder(1304)).token };
    for (const body of [
      { lines: [], reason: "Nothing" },
      { lines: [{ sku, quantity: 0 }], reason: "Zero" },
      {
        lines: [
          { sku, quantity: 1 },
          { sku, quantity: 1 },
        ],
        reason: "Twice",
      },
      { lines: [{ sku, quantity: 1 }], reason: "" },
      { lines: [{ sku, quantity: 1 }], reason: "x".repeat(100_000) },
      { lines: [{ sku, quantity: 1 }], reason: "<script>alert(1)</script>", extra: true },
    ]) {
      const response = await ask(number, good, body);
      expect(response.status, JSON.stringify(body).slice(0, 80)).toBeGreaterThanOrEqual(400);
      expect(response.status).toBeLessThan(500);
    }
    expect(await countOf(sql`SELECT count(*) FROM returns WHERE order_number = ${number}`)).toBe(before);
  });

  it("a signed-in shopper returns from their own order without its link", async () => {
    const { number, sku } = await deliveredOrder(1305);
    const owner = await signedInShopper("owner");
    await query(sql`UPDATE orders SET user_id = (SELECT id FROM users WHERE email = ${owner.email}) WHERE number = ${number}`);
    const asked = await owner.browser.post(`/api/orders/${number}/returns`, { lines: [{ sku, quantity: 1 }], reason: "Wrong colour" });
    expect(asked.status).toBe(201);
    expect(OrderReturn.parse(await asked.json()).history[0]).toMatchObject({ status: "requested", actor: `shopper:${owner.email}` });
  });
});

describe("operators move a return", () => {
  it("approve, receive and refund each happen once when 20 operators press at once: stock and money move once", async () => {
    const email = newEmail("returner");
    const { number, token, sku } = await deliveredOrder(1310, 3, { ...CHECKOUT, email });
    const requested = OrderReturn.parse(await (await ask(number, token, { lines: [{ sku, quantity: 2 }], reason: "Did not fit" })).json());
    const rma = requested.number;
    const stockBefore = await stockOf(sku);

    const approvals = await Promise.all(Array.from({ length: 20 }, () => admin(`${rma}/approve`)));
    expect(approvals.map((r) => r.status).sort()).toEqual([200, ...Array(19).fill(409)]);
    const receipts = await Promise.all(Array.from({ length: 20 }, () => admin(`${rma}/receive`, { lines: [{ sku, quantity: 2, restock: 1 }] })));
    expect(receipts.map((r) => r.status).sort()).toEqual([200, ...Array(19).fill(409)]);
    expect(await stockOf(sku)).toBe(stockBefore + 1);
    expect(await countOf(sql`SELECT count(*) FROM stock_movements WHERE sku = ${sku} AND kind = 'return' AND reason = ${`return ${rma}`}`)).toBe(1);

    const refunds = await Promise.all(Array.from({ length: 20 }, () => admin(`${rma}/refund`)));
    expect(refunds.map((r) => r.status).sort()).toEqual([200, ...Array(19).fill(409)]);
    const [order] = await query<{ total_cents: number; shipping_cents: number; subtotal_cents: number; refunded_cents: number }>(
      sql`SELECT total_cents, shipping_cents, subtotal_cents, refunded_cents FROM orders WHERE number = ${number}`,
    );
    const [line] = await query<{ line_total_cents: number; quantity: number }>(
      sql`SELECT line_total_cents, quantity FROM order_lines WHERE order_number = ${number}`,
    );
    // Two of three units: their share of what was paid for goods (tax in, shipping out).
    const share = Math.floor((line!.line_total_cents * 2 * (order!.total_cents - order!.shipping_cents)) / (line!.quantity * order!.subtotal_cents));
    expect(await countOf(sql`SELECT count(*) FROM refunds WHERE order_number = ${number}`)).toBe(1);
    expect(order!.refunded_cents).toBe(share);
    const done = OrderReturn.parse(await (await call(`/api/admin/returns/${rma}`, { headers: adminHeaders })).json());
    expect(done).toMatchObject({ status: "refunded", refunded: { amount: share }, lines: [{ sku, quantity: 2, received: 2, restocked: 1 }] });
    expect(done.history.map((h) => h.status)).toEqual(["requested", "approved", "received", "refunded"]);

    const audit = await query<{ action: string }>(sql`SELECT action FROM audit_entries WHERE subject = ${`return:${rma}`} ORDER BY id`);
    expect(audit.map((a) => a.action)).toEqual(["return.approve", "return.receive", "return.refund"]);
    expect((await admin(`${rma}/approve`)).status).toBe(409);
  });

  it("a rejected return says why, and its items can be asked for again; receipts can't exceed what was asked", async () => {
    const { number, token, sku } = await deliveredOrder(1311, 1);
    const first = OrderReturn.parse(await (await ask(number, token, { lines: [{ sku, quantity: 1 }], reason: "Worn once" })).json());
    const rejected = OrderReturn.parse(await (await admin(`${first.number}/reject`, { reason: "Worn items can't be returned" })).json());
    expect(rejected).toMatchObject({ status: "rejected", decision: "Worn items can't be returned" });
    expect(await countOf(sql`SELECT count(*) FROM outbox WHERE dedupe_key = ${`return_rejected:${first.number}`}`)).toBe(1);
    const second = OrderReturn.parse(await (await ask(number, token, { lines: [{ sku, quantity: 1 }], reason: "Unworn, really" })).json());
    expect((await admin(`${second.number}/receive`, { lines: [{ sku, quantity: 1, restock: 1 }] })).status).toBe(409);
    await admin(`${second.number}/approve`);
    expect((await admin(`${second.number}/receive`, { lines: [{ sku, quantity: 2, restock: 0 }] })).status).toBe(422);
    expect((await admin(`${second.number}/receive`, { lines: [{ sku, quantity: 1, restock: 2 }] })).status).toBe(400);
    expect((await admin(`${second.number}/receive`, { lines: [{ sku, quantity: 0, restock: 0 }] })).status).toBe(422);
    expect((await admin(`${second.number}/refund`)).status).toBe(409);
  });
});
