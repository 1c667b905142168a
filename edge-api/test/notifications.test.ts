// Emails through the real pipeline: outbox rows written with their change, ids on the queue, the
// Worker's own queue() consumer sending through the mail emulator (a Resend-compatible API with
// Idempotency-Key), the Cron sweep. Faults come from the emulator, never from our code.
import { createExecutionContext, createMessageBatch, createScheduledController, getQueueResult, waitOnExecutionContext } from "cloudflare:test";
import { env as workerEnv } from "cloudflare:workers";
import { type SQL, sql } from "drizzle-orm";
import { describe, expect, it } from "vitest";
import type { Mail } from "../../tools/src/platform/mail-emulator/server";
import { openDatabase } from "../src/db/client";
import type { Env } from "../src/env";
import worker from "../src/index";
import { deliver as sendOne } from "../src/notifications/delivery";
import { newEmail, signedInShopper } from "./account-helpers";
import { CHECKOUT, checkoutWith, deliver, eventsFor, ownSkus, pay, paymentIntentOf, setStock } from "./checkout-helpers";
import { TEST_DATABASE } from "./database";
import { adminHeaders, BASE, call, countOf, json, query } from "./helpers";

const env = workerEnv as unknown as Env;
const MAILBOX = `http://127.0.0.1:${TEST_DATABASE.mailPort}`;

/** What the emulator received for one address, newest first. */
async function mailTo(recipient: string): Promise<Mail[]> {
  return ((await (await fetch(`${MAILBOX}/_emulator/messages?to=${encodeURIComponent(recipient)}`)).json()) as { data: Mail[] }).data;
}

async function fault(to: string, rule: { times: number; status?: number; acceptThenHang?: boolean }) {
  await fetch(`${MAILBOX}/_emulator/faults`, { method: "POST", body: JSON.stringify({ to, ...rule }) });
}

interface OutboxRow extends Record<string, unknown> {
  id: number;
  kind: string;
  status: string;
  attempts: number;
  last_error: string | null;
}
const rowsTo = (recipient: string) =>
  query<OutboxRow>(sql`SELECT id, kind, status, attempts, last_error FROM outbox WHERE recipient = ${recipient} ORDER BY id`);

/** Hands ids to the Worker's queue() handler as the queue would (a redelivery is the same id again). */
async function consume(ids: number[]) {
  const batch = createMessageBatch(
    "mail",
    ids.map((id, i) => ({ id: `test-${Date.now()}-${i}`, timestamp: new Date(), attempts: 1, body: { id } })),
  );
  const ctx = createExecutionContext();
  await worker.queue(batch, env, ctx);
  return getQueueResult(batch, ctx);
}

/** Waits until a row leaves pending/sending (the real queue may be sending it too), consuming it meanwhile. */
async function settled(id: number): Promise<OutboxRow> {
  for (let i = 0; i < 40; i++) {
    const [row] = await query<OutboxRow>(sql`SELECT id, kind, status, attempts, last_error FROM outbox WHERE id = ${id}`);
    if (row && row.status !== "pending" && row.status !== "sending") return row;
    if (row?.status === "pending") await consume([id]);
    else await new Promise((r) => setTimeout(r, 250));
  }
  throw new Error(`message ${id} never settled`);
}

async function runScheduled() {
  const ctx = createExecutionContext();
  await worker.scheduled(createScheduledController({ cron: "* * * * *" }), env, ctx);
  await waitOnExecutionContext(ctx);
}

/** A guest's paid order, its confirmation queued for `email`. */
async function paidOrder(offset: number, email: string, name = "Ada Lovelace") {
  const [a] = await ownSkus(offset, 1, 20);
  const { cookie, checkout } = await checkoutWith([[a!.sku, 1]], { ...CHECKOUT, email, shippingAddress: { ...CHECKOUT.shippingAddress, name } });
  const result = await pay(cookie, checkout.id, "pm_card_visa");
  return { number: result.order!.number, paymentIntent: paymentIntentOf(checkout), sku: a!.sku };
}

describe("the mail pipeline", () => {
  it("an order whose webhook arrives five times is confirmed by one email, whatever the queue redelivers", async () => {
    const email = newEmail("five-webhooks");
    const { number, paymentIntent } = await paidOrder(900, email);
    const [succeeded] = (await eventsFor(paymentIntent)).filter((d) => d.event.type === "payment_intent.succeeded");
    for (let i = 0; i < 5; i++) expect((await deliver(succeeded!.event.id)).status).toBe(200);
    const rows = await rowsTo(email);
    expect(rows.map((r) => r.kind)).toEqual(["order_confirmation"]);
    // The same id delivered again and again (the queue is at-least-once), at once and after sending.
    await consume([rows[0]!.id, rows[0]!.id, rows[0]!.id]);
    const row = await settled(rows[0]!.id);
    await consume([row.id]);
    expect(row).toMatchObject({ status: "sent", attempts: 1 });
    const mails = await mailTo(email);
    expect(mails).toHaveLength(1);
    expect(mails[0]!.subject).toBe(`Your Edge Shop order ${number}`);
    expect(mails[0]!.text).toContain(`${BASE}/orders/${number}?token=`);
    expect(mails[0]!.html).toContain(`href="${BASE}/orders/${number}?token=`);
  });

  it("a confirmation reaches the sender through the real queue and consumer, with no help from the test", async () => {
    const email = newEmail("unaided");
    await paidOrder(908, email);
    const [row] = await rowsTo(email);
    let status = row!.status;
    for (let i = 0; i < 60 && status !== "sent"; i++) {
      await new Promise((r) => setTimeout(r, 250));
      status = (await rowsTo(email))[0]!.status;
    }
    expect(status).toBe("sent");
    expect(await mailTo(email)).toHaveLength(1);
  });

  it("a send whose answer never came (the consumer failed after handing it over) is not sent twice", async () => {
    const email = newEmail("lost-answer");
    await fault(email, { times: 1, acceptThenHang: true });
    await paidOrder(901, email);
    const [queued] = await rowsTo(email);
    const first = await consume([queued!.id]);
    // The provider took it, the consumer heard nothing: the row waits for a retry, the queue retries the id.
    expect(first.retryMessages).toHaveLength(1);
    expect((await mailTo(email)).length).toBe(1);
    const row = await settled(queued!.id);
    expect(row).toMatchObject({ status: "sent", attempts: 2 });
    // Asked again with the row's Idempotency-Key, the provider answered with the first send.
    expect(await mailTo(email)).toHaveLength(1);
  });

  it("a provider that fails twice then takes the message sends it once, the attempts recorded", async () => {
    const email = newEmail("flaky");
    await fault(email, { times: 2, status: 503 });
    await paidOrder(902, email);
    const [queued] = await rowsTo(email);
    const row = await settled(queued!.id);
    expect(row).toMatchObject({ status: "sent", attempts: 3, last_error: null });
    expect(await mailTo(email)).toHaveLength(1);
  });

  it("a permanent refusal is a dead letter: recorded, shown to operators, never retried", async () => {
    const email = newEmail("refused");
    await fault(email, { times: 1, status: 422 });
    await paidOrder(903, email);
    const [queued] = await rowsTo(email);
    const row = await settled(queued!.id);
    expect(row).toMatchObject({ status: "failed", attempts: 1 });
    expect(row.last_error).toContain("422");
    expect((await consume([row.id])).explicitAcks).toHaveLength(1);
    expect(await mailTo(email)).toHaveLength(0);
    expect((await rowsTo(email))[0]).toMatchObject({ status: "failed", attempts: 1 });

    const { browser: operator, email: operatorEmail } = await signedInShopper("mail-operator");
    await query(sql`UPDATE users SET role = 'admin' WHERE email = ${operatorEmail.toLowerCase()}`);
    const page = await operator.get("/admin/messages");
    expect(page.status).toBe(200);
    expect(await page.text()).toContain(email);
    expect((await call("/admin/messages")).status).toBe(401);
  });

  it("a message still pending after five transient failures is given up on", async () => {
    const email = newEmail("down");
    await fault(email, { times: 5, status: 500 });
    await paidOrder(904, email);
    const [queued] = await rowsTo(email);
    expect(await settled(queued!.id)).toMatchObject({ status: "failed", attempts: 5 });
    expect(await mailTo(email)).toHaveLength(0);
  });

  it("the sweep queues what was never queued and settles a claim whose consumer stopped", async () => {
    const lost = newEmail("never-queued");
    const stuck = newEmail("stopped-mid-send");
    const { number } = await paidOrder(905, newEmail("sweep-source"));
    // Rows no queue holds (a test queue's late redelivery could otherwise claim them first), as a
    // lost enqueue leaves one (minutes old, never on the queue), and as a consumer that died after
    // claiming leaves one (sending, its lease run out).
    const copy = (recipient: string, state: SQL) =>
      query<{ id: number }>(sql`INSERT INTO outbox (kind, recipient, data, status, attempts, created_at, send_after, queued_at, lease_until)
        SELECT kind, ${recipient}, data, ${state} FROM outbox WHERE order_number = ${number} AND kind = 'order_confirmation' RETURNING id`);
    const [neverQueued] = await copy(lost, sql`'pending', 0, now() - interval '10 minutes', now() - interval '10 minutes', NULL, NULL`);
    const [claimed] = await copy(
      stuck,
      sql`'sending', 1, now() - interval '10 minutes', now() - interval '10 minutes', now() - interval '10 minutes', now() - interval '1 second'`,
    );
    await runScheduled();
    const [requeued] = await query<{ queued_at: Date | null }>(sql`SELECT queued_at FROM outbox WHERE id = ${neverQueued!.id}`);
    expect(requeued!.queued_at).not.toBeNull();
    expect(await settled(neverQueued!.id)).toMatchObject({ status: "sent" });
    expect(await settled(claimed!.id)).toMatchObject({ status: "sent", attempts: 2 });
    expect(await mailTo(lost)).toHaveLength(1);
    expect(await mailTo(stuck)).toHaveLength(1);
  });

  it("through Cloudflare Email Service (the send_email binding) a message is sent once; a second claim finds it sent", async () => {
    const email = newEmail("email-service");
    await paidOrder(907, email);
    const [original] = await rowsTo(email);
    await settled(original!.id);
    // A copy no queue holds (queued just now, so the sweep leaves it too): only the two calls below
    // can claim it, whatever the test's queue still redelivers of the original.
    const [queued] = await query<{ id: number }>(
      sql`INSERT INTO outbox (kind, recipient, data, queued_at) SELECT kind, recipient, data, now() FROM outbox WHERE id = ${original!.id} RETURNING id`,
    );
    const { db, close } = openDatabase(env);
    try {
      const viaEmailService = { ...env, MAIL_PROVIDER: "email-service" as const };
      const first = await sendOne(db, viaEmailService, queued!.id);
      const second = await sendOne(db, viaEmailService, queued!.id);
      expect([first.outcome, second.outcome].sort()).toEqual(["not_claimed", "sent"].sort());
    } finally {
      await close();
    }
    const [row] = await query<{ status: string; provider_message_id: string }>(sql`SELECT status, provider_message_id FROM outbox WHERE id = ${queued!.id}`);
    expect(row!.status).toBe("sent");
    expect(row!.provider_message_id).toBeTruthy();
  });
});

describe("what the emails say", () => {
  it("a shopper's name with <script> arrives as text; every link is absolute from the public origin; the footer has the shop's address", async () => {
    const email = newEmail("escaping");
    await paidOrder(910, email, "<script>alert(1)</script> & Co");
    const [queued] = await rowsTo(email);
    await settled(queued!.id);
    const [mail] = await mailTo(email);
    expect(mail!.html).not.toContain("<script>");
    expect(mail!.html).toContain("&lt;script&gt;alert(1)&lt;/script&gt; &amp; Co");
    expect(mail!.text).toContain("<script>alert(1)</script> & Co");
    const links = [...mail!.html.matchAll(/href="([^"]+)"/g)].map((m) => m[1]!);
    expect(links.length).toBeGreaterThan(0);
    for (const link of links) expect(link.startsWith(`${BASE}/`)).toBe(true);
    expect(mail!.html).toContain(env.STORE_ADDRESS);
    expect(mail!.text).toContain(env.STORE_ADDRESS);
    expect(mail!.html).toMatch(/<html lang="en">/);
    expect(mail!.html).toContain('name="viewport"');
    // Transactional: no unsubscribe header.
    expect(mail!.headers["List-Unsubscribe"]).toBeUndefined();
  });

  it("shipped carries the carrier, tracking number and link; delivered follows; a review request is scheduled days later, sent when due", async () => {
    const email = newEmail("shipped");
    const { number } = await paidOrder(911, email);
    const bad = await json("POST", `/api/admin/orders/${number}/fulfil`, { carrier: "Pigeon", trackingNumber: "1Z<x>" }, adminHeaders);
    expect(bad.status).toBe(400);
    const shipped = await json("POST", `/api/admin/orders/${number}/fulfil`, { carrier: "UPS", trackingNumber: "1Z999AA10123456784" }, adminHeaders);
    expect(shipped.status).toBe(200);
    expect((await json("POST", `/api/admin/orders/${number}/deliver`, {}, adminHeaders)).status).toBe(200);
    const rows = await rowsTo(email);
    expect(rows.map((r) => r.kind)).toEqual(["order_confirmation", "order_shipped", "order_delivered", "review_request"]);
    for (const row of rows.slice(0, 3)) await settled(row.id);
    const shippedMail = (await mailTo(email)).find((m) => m.subject === `Order ${number} has shipped`)!;
    expect(shippedMail.text).toContain("UPS tracking number: 1Z999AA10123456784");
    expect(shippedMail.html).toContain('href="https://www.ups.com/track?tracknum=1Z999AA10123456784"');
    expect((await mailTo(email)).some((m) => m.subject === `Order ${number} was delivered`)).toBe(true);

    // The review request waits (a week by default): not sent now, not even by the sweep.
    const review = rows[3]!;
    const [due] = await query<{ days: number }>(sql`SELECT round(extract(epoch FROM send_after - now()) / 86400) AS days FROM outbox WHERE id = ${review.id}`);
    expect(Number(due!.days)).toBe(7);
    expect((await consume([review.id])).explicitAcks).toHaveLength(1);
    await runScheduled();
    expect((await rowsTo(email))[3]).toMatchObject({ status: "pending", attempts: 0 });
    // A week later the sweep queues it; it is marketing, so it carries a one-click unsubscribe.
    await query(sql`UPDATE outbox SET send_after = now() - interval '1 minute' WHERE id = ${review.id}`);
    await runScheduled();
    expect(await settled(review.id)).toMatchObject({ status: "sent" });
    const request = (await mailTo(email)).find((m) => m.subject === `How is your order ${number}?`)!;
    expect(request.headers["List-Unsubscribe-Post"]).toBe("List-Unsubscribe=One-Click");
    expect(request.html).toContain("#write-review");
  });

  it("a payment that fails after processing is emailed once, however often its webhook comes", async () => {
    const email = newEmail("processing-fails");
    const [a] = await ownSkus(912, 1, 20);
    const { cookie, checkout } = await checkoutWith([[a!.sku, 1]], { ...CHECKOUT, email });
    const paying = await json("POST", `/api/checkout/${checkout.id}/pay`, { paymentMethod: "pm_emulator_processing_fails" }, { Cookie: cookie });
    expect(paying.status).toBe(409);
    let failed: Awaited<ReturnType<typeof eventsFor>>[number] | undefined;
    for (let i = 0; i < 40 && !failed; i++) {
      await new Promise((r) => setTimeout(r, 100));
      failed = (await eventsFor(paymentIntentOf(checkout))).find((d) => d.event.type === "payment_intent.payment_failed");
    }
    for (let i = 0; i < 5; i++) expect((await deliver(failed!.event.id)).status).toBe(200);
    const rows = await rowsTo(email);
    expect(rows.map((r) => r.kind)).toEqual(["payment_failed"]);
    await settled(rows[0]!.id);
    const [mail] = await mailTo(email);
    expect(mail!.text).toContain("The payment that was still processing has failed");
    expect(mail!.text).toContain(`${BASE}/cart`);
  });

  it("a card declined while the shopper watches is said on the page, not emailed", async () => {
    const email = newEmail("declined");
    const [a] = await ownSkus(913, 1, 20);
    const { cookie, checkout } = await checkoutWith([[a!.sku, 1]], { ...CHECKOUT, email });
    expect((await pay(cookie, checkout.id, "pm_card_chargeDeclined")).status).toBe("declined");
    const [failed] = (await eventsFor(paymentIntentOf(checkout))).filter((d) => d.event.type === "payment_intent.payment_failed");
    await deliver(failed!.event.id);
    expect(await rowsTo(email)).toHaveLength(0);
  });
});

describe("back in stock", () => {
  const subscribe = (body: unknown, ip = "198.51.100.7") =>
    json("POST", "/api/notifications/stock-alerts", body, { Origin: BASE, "Sec-Fetch-Site": "same-origin", "CF-Connecting-IP": ip });

  it("fires once when stock returns through the admin endpoint, never for a variant still sold out, and the subscription ends", async () => {
    const [back, still] = await ownSkus(920, 2, 0);
    const email = newEmail("waiting");
    for (const sku of [back!.sku, still!.sku, back!.sku]) {
      const answer = await subscribe({ sku, email }, "198.51.100.20");
      expect(answer.status).toBe(202);
      expect(((await answer.json()) as { message: string }).message).toContain(email);
    }
    expect(await countOf(sql`SELECT count(*) FROM stock_alerts WHERE email = ${email}`)).toBe(2);
    await setStock(still!.sku, 0);
    await setStock(back!.sku, 4);
    await setStock(back!.sku, 9);
    await runScheduled();
    const rows = await rowsTo(email);
    expect(rows.map((r) => r.kind)).toEqual(["back_in_stock"]);
    await settled(rows[0]!.id);
    const [mail] = await mailTo(email);
    expect(mail!.subject).toMatch(/is back in stock$/);
    expect(mail!.html).toContain(`${BASE}/p/`);
    expect(mail!.html).toContain(`sku=${back!.sku}`);
    expect(mail!.headers["List-Unsubscribe-Post"]).toBe("List-Unsubscribe=One-Click");
    expect(await countOf(sql`SELECT count(*) FROM stock_alerts WHERE email = ${email} AND notified_at IS NULL`)).toBe(1);
  });

  it("refuses a malformed email, an unknown variant, a variant in stock, and floods (429 with Retry-After), storing nothing twice", async () => {
    const [out, inStock] = await ownSkus(925, 2, 0);
    await setStock(inStock!.sku, 3);
    const email = newEmail("bad-input");
    expect((await subscribe({ sku: out!.sku, email: "not-an-email" }, "198.51.100.30")).status).toBe(400);
    expect((await subscribe({ sku: "NO-SUCH-SKU-1", email }, "198.51.100.30")).status).toBe(404);
    expect((await subscribe({ sku: inStock!.sku, email }, "198.51.100.30")).status).toBe(409);
    expect((await subscribe({ sku: out!.sku, email, extra: 1 }, "198.51.100.30")).status).toBeLessThan(500);
    // One email address, asked about from many networks: ten an hour.
    const answers: number[] = [];
    for (let i = 0; i < 12; i++) answers.push((await subscribe({ sku: out!.sku, email }, `203.0.113.${i + 1}`)).status);
    expect(answers.slice(0, 7)).toEqual(Array(7).fill(202));
    const refused = await subscribe({ sku: out!.sku, email }, "203.0.113.99");
    expect(refused.status).toBe(429);
    expect(Number(refused.headers.get("Retry-After"))).toBeGreaterThan(0);
    expect(await countOf(sql`SELECT count(*) FROM stock_alerts WHERE email = ${email}`)).toBe(1);
    // One network, many addresses: thirty an hour.
    const statuses: number[] = [];
    for (let i = 0; i < 32; i++) statuses.push((await subscribe({ sku: out!.sku, email: newEmail("flood") }, "198.51.100.99")).status);
    expect(statuses.filter((s) => s === 429).length).toBeGreaterThan(0);
  });

  it("without JavaScript the product page's form asks, and the page it returns to says what happened", async () => {
    const [out] = await ownSkus(928, 1, 0);
    const email = newEmail("no-js");
    const post = (body: string, headers: Record<string, string> = {}) =>
      call("/notify/restock", {
        method: "POST",
        redirect: "manual",
        headers: { "Content-Type": "application/x-www-form-urlencoded", Origin: BASE, "CF-Connecting-IP": "198.51.100.60", ...headers },
        body,
      });
    const page = `/p/some-product?sku=${out!.sku}`;
    const asked = await post(new URLSearchParams({ sku: out!.sku, email, return: page }).toString());
    expect(asked.status).toBe(303);
    const back = new URL(asked.headers.get("Location")!, BASE);
    expect(back.pathname).toBe("/p/some-product");
    expect(back.searchParams.get("restock")).toBe(out!.sku);
    expect(back.searchParams.get("restock_message")).toContain(email);
    expect(await countOf(sql`SELECT count(*) FROM stock_alerts WHERE email = ${email}`)).toBe(1);

    const malformed = await post(new URLSearchParams({ sku: out!.sku, email: "nobody", return: page }).toString());
    expect(new URL(malformed.headers.get("Location")!, BASE).searchParams.get("restock_reason")).toMatch(/email/);
    expect((await post(new URLSearchParams({ sku: out!.sku, email, return: "//evil.example/x" }).toString())).status).toBe(400);
    expect((await post(new URLSearchParams({ sku: out!.sku, email }).toString(), { Origin: "https://evil.example" })).status).toBe(403);
    expect(await countOf(sql`SELECT count(*) FROM stock_alerts WHERE email = ${email}`)).toBe(1);
  });

  it("answers the same whether or not the email has an account", async () => {
    const [out] = await ownSkus(927, 1, 0);
    const stranger = await subscribe({ sku: out!.sku, email: newEmail("nobody") }, "198.51.100.40");
    const member = await subscribe({ sku: out!.sku, email: "ada@example.com" }, "198.51.100.41");
    expect(stranger.status).toBe(member.status);
    const text = (r: { message: string }) => r.message.replace(/\S+@\S+/, "EMAIL");
    expect(text(await stranger.json())).toBe(text(await member.json()));
  });
});

describe("unsubscribing", () => {
  it("the signed one-click link works (once is enough), a changed link does not, and the next marketing email is skipped", async () => {
    const [sku] = await ownSkus(930, 1, 0);
    const email = newEmail("unsubscribe");
    expect((await json("POST", "/api/notifications/stock-alerts", { sku: sku!.sku, email }, { "CF-Connecting-IP": "198.51.100.50" })).status).toBe(202);
    await setStock(sku!.sku, 2);
    const [row] = await rowsTo(email);
    await settled(row!.id);
    const [mail] = await mailTo(email);
    const link = mail!.headers["List-Unsubscribe"]!.slice(1, -1);
    expect(link.startsWith(`${BASE}/mail/unsubscribe?token=`)).toBe(true);
    const path = link.slice(BASE.length);

    // Opening the link changes nothing (mail scanners follow links); its button or the mail client's one-click POST does.
    const page = await call(path);
    expect(page.status).toBe(200);
    expect(await page.text()).toContain(email);
    expect(await countOf(sql`SELECT count(*) FROM mail_opt_outs WHERE email = ${email}`)).toBe(0);
    const oneClick = () => call(path, { method: "POST", headers: { "Content-Type": "application/x-www-form-urlencoded" }, body: "List-Unsubscribe=One-Click" });
    expect((await oneClick()).status).toBe(200);
    expect((await oneClick()).status).toBe(200);
    expect(await countOf(sql`SELECT count(*) FROM mail_opt_outs WHERE email = ${email}`)).toBe(1);

    const forged = path.replace(encodeURIComponent(email), encodeURIComponent(newEmail("victim")));
    expect(forged).not.toBe(path);
    expect(
      (await call(forged, { method: "POST", headers: { "Content-Type": "application/x-www-form-urlencoded" }, body: "List-Unsubscribe=One-Click" })).status,
    ).toBe(400);
    expect((await call("/mail/unsubscribe?token=nonsense")).status).toBe(400);

    // Asked again and back in stock again: no email now.
    await setStock(sku!.sku, 0);
    expect((await json("POST", "/api/notifications/stock-alerts", { sku: sku!.sku, email }, { "CF-Connecting-IP": "198.51.100.51" })).status).toBe(202);
    await setStock(sku!.sku, 5);
    const rows = await rowsTo(email);
    expect(rows).toHaveLength(2);
    expect(await settled(rows[1]!.id)).toMatchObject({ status: "skipped" });
    expect(await mailTo(email)).toHaveLength(1);
  });

  it("a signed-in shopper turns optional emails off and on; order emails have no switch", async () => {
    const { browser } = await signedInShopper("preferences");
    expect(await (await browser.send("GET", "/api/notifications/preferences")).json()).toEqual({ backInStock: true, reviewRequests: true });
    const changed = await browser.send("PATCH", "/api/notifications/preferences", { reviewRequests: false });
    expect(await changed.json()).toEqual({ backInStock: true, reviewRequests: false });
    expect((await browser.send("PATCH", "/api/notifications/preferences", { orderEmails: false })).status).toBe(400);
    expect((await call("/api/notifications/preferences")).status).toBe(401);
  });
});
