import http from "node:http";
import type { AddressInfo } from "node:net";
import Stripe from "stripe";
import { afterAll, beforeAll, beforeEach, describe, expect, it } from "vitest";
import { type StripeEmulator, startStripeEmulator } from "../src/platform/stripe-emulator/server";

// The emulator is judged through the official SDK, as the shop uses it.
const SECRET = "whsec_test_emulator";
let emulator: StripeEmulator;
let stripe: Stripe;

/** A webhook endpoint that verifies every delivery and answers what the test wants. */
const received: Array<{ event: Stripe.Event; timestamp: number }> = [];
let answer = () => 200;
let receiver: http.Server;

beforeAll(async () => {
  receiver = http.createServer(async (request, response) => {
    let raw = "";
    for await (const chunk of request) raw += chunk;
    const header = request.headers["stripe-signature"] as string;
    const event = stripe.webhooks.constructEvent(raw, header, SECRET);
    received.push({ event, timestamp: Number(/t=(\d+)/.exec(header)![1]) });
    response.writeHead(answer()).end();
  });
  await new Promise<void>((resolve) => receiver.listen(0, "127.0.0.1", resolve));
  const endpoint = `http://127.0.0.1:${(receiver.address() as AddressInfo).port}/`;
  emulator = await startStripeEmulator({ secret: SECRET, endpoint, retryBaseMs: 20, maxAttempts: 4, processingMs: 200 });
  stripe = new Stripe("sk_test_shop", { host: "127.0.0.1", port: emulator.port, protocol: "http", maxNetworkRetries: 0 });
});

afterAll(async () => {
  await emulator.close();
  await new Promise((resolve) => receiver.close(resolve));
});

beforeEach(async () => {
  received.length = 0;
  answer = () => 200;
  await fetch(`${emulator.url}/_emulator/reset`, { method: "POST" });
});

const control = (path: string, body: unknown) =>
  fetch(`${emulator.url}/_emulator/${path}`, { method: "POST", body: JSON.stringify(body) }).then((r) => r.json());
const eventsOf = (type: string) => received.filter((r) => r.event.type === type);
async function until(check: () => boolean) {
  for (let i = 0; i < 200 && !check(); i++) await new Promise((r) => setTimeout(r, 10));
  expect(check()).toBe(true);
}

describe("PaymentIntents", () => {
  it("creates, updates and confirms one with pm_card_visa, and reports it succeeded", async () => {
    const created = await stripe.paymentIntents.create({ amount: 2599, currency: "usd", metadata: { checkout: "c1" } });
    expect(created).toMatchObject({ status: "requires_payment_method", amount: 2599, currency: "usd", metadata: { checkout: "c1" } });
    expect(created.client_secret).toMatch(new RegExp(`^${created.id}_secret_`));
    const updated = await stripe.paymentIntents.update(created.id, { amount: 3099 });
    expect(updated.amount).toBe(3099);
    const paid = await stripe.paymentIntents.confirm(created.id, { payment_method: "pm_card_visa" });
    expect(paid).toMatchObject({ status: "succeeded", amount_received: 3099 });
    expect((await stripe.paymentIntents.retrieve(created.id)).status).toBe("succeeded");
    await until(() => eventsOf("payment_intent.succeeded").length === 1);
    expect(eventsOf("payment_intent.succeeded")[0]!.event.data.object).toMatchObject({ id: created.id, status: "succeeded" });
    await expect(stripe.paymentIntents.cancel(created.id)).rejects.toMatchObject({ code: "payment_intent_unexpected_state" });
  });

  it("declines pm_card_chargeDeclined and the insufficient-funds card with Stripe's card errors, and a good card pays after", async () => {
    const intent = await stripe.paymentIntents.create({ amount: 1000, currency: "usd" });
    const declined = await stripe.paymentIntents.confirm(intent.id, { payment_method: "pm_card_chargeDeclined" }).catch((e: unknown) => e);
    expect(declined).toBeInstanceOf(Stripe.errors.StripeCardError);
    expect(declined).toMatchObject({ code: "card_declined", decline_code: "generic_decline" });
    const poor = await stripe.paymentIntents.confirm(intent.id, { payment_method: "pm_card_chargeDeclinedInsufficientFunds" }).catch((e: unknown) => e);
    expect(poor).toMatchObject({ code: "card_declined", decline_code: "insufficient_funds" });
    expect((await stripe.paymentIntents.retrieve(intent.id)).status).toBe("requires_payment_method");
    expect((await stripe.paymentIntents.confirm(intent.id, { payment_method: "pm_card_visa" })).status).toBe("succeeded");
    await until(() => eventsOf("payment_intent.payment_failed").length === 2 && eventsOf("payment_intent.succeeded").length === 1);
  });

  it("asks for 3-D Secure with a page where the shopper approves or fails", async () => {
    for (const outcome of ["approve", "fail"] as const) {
      const intent = await stripe.paymentIntents.create({ amount: 4200, currency: "usd" });
      const pending = await stripe.paymentIntents.confirm(intent.id, {
        payment_method: "pm_card_threeDSecure2Required",
        return_url: "http://shop.test/checkout/return",
      });
      expect(pending.status).toBe("requires_action");
      const page = pending.next_action!.redirect_to_url!.url!;
      expect(await (await fetch(page)).text()).toContain("$42.00");
      const back = await fetch(page, {
        method: "POST",
        body: new URLSearchParams({ outcome, return_url: "http://shop.test/checkout/return" }),
        redirect: "manual",
      });
      expect(back.status).toBe(303);
      const location = new URL(back.headers.get("location")!);
      expect(location.searchParams.get("payment_intent")).toBe(intent.id);
      expect(location.searchParams.get("redirect_status")).toBe(outcome === "approve" ? "succeeded" : "failed");
      const after = await stripe.paymentIntents.retrieve(intent.id);
      expect(after.status).toBe(outcome === "approve" ? "succeeded" : "requires_payment_method");
      if (outcome === "fail") expect(after.last_payment_error?.code).toBe("payment_intent_authentication_failure");
    }
  });

  it("keeps a delayed payment processing (not cancellable, not updatable), then reports it succeeded", async () => {
    const intent = await stripe.paymentIntents.create({ amount: 1200, currency: "usd" });
    expect((await stripe.paymentIntents.confirm(intent.id, { payment_method: "pm_emulator_processing" })).status).toBe("processing");
    await expect(stripe.paymentIntents.cancel(intent.id)).rejects.toMatchObject({ code: "payment_intent_unexpected_state" });
    await expect(stripe.paymentIntents.update(intent.id, { amount: 1 })).rejects.toMatchObject({ code: "payment_intent_unexpected_state" });
    expect(eventsOf("payment_intent.succeeded")).toHaveLength(0);
    await until(() => eventsOf("payment_intent.succeeded").length === 1);
    expect(await stripe.paymentIntents.retrieve(intent.id)).toMatchObject({ status: "succeeded", amount_received: 1200 });
  });

  it("cancels an unpaid one and says so by webhook", async () => {
    const intent = await stripe.paymentIntents.create({ amount: 500, currency: "usd" });
    expect((await stripe.paymentIntents.cancel(intent.id, { cancellation_reason: "abandoned" })).status).toBe("canceled");
    await expect(stripe.paymentIntents.confirm(intent.id, { payment_method: "pm_card_visa" })).rejects.toMatchObject({
      code: "payment_intent_unexpected_state",
    });
    await until(() => eventsOf("payment_intent.canceled").length === 1);
  });

  it("refuses bad parameters and unknown ids as Stripe does", async () => {
    await expect(stripe.paymentIntents.create({ amount: -5, currency: "usd" })).rejects.toBeInstanceOf(Stripe.errors.StripeInvalidRequestError);
    await expect(stripe.paymentIntents.retrieve("pi_missing")).rejects.toMatchObject({ code: "resource_missing", statusCode: 404 });
    await expect(
      new Stripe("sk_live_nope", { host: "127.0.0.1", port: emulator.port, protocol: "http" }).paymentIntents.create({ amount: 5, currency: "usd" }),
    ).rejects.toBeInstanceOf(Stripe.errors.StripeAuthenticationError);
  });
});

describe("refunds", () => {
  it("refunds in parts, never more than was captured, and reports charge.refunded", async () => {
    const intent = await stripe.paymentIntents.create({ amount: 5000, currency: "usd", payment_method: "pm_card_visa", confirm: true });
    expect((await stripe.refunds.create({ payment_intent: intent.id, amount: 2000 })).amount).toBe(2000);
    await expect(stripe.refunds.create({ payment_intent: intent.id, amount: 3001 })).rejects.toMatchObject({ code: "amount_too_large" });
    expect((await stripe.refunds.create({ payment_intent: intent.id })).amount).toBe(3000);
    await expect(stripe.refunds.create({ payment_intent: intent.id, amount: 1 })).rejects.toMatchObject({ code: "charge_already_refunded" });
    const charge = await stripe.charges.retrieve(intent.latest_charge as string);
    expect(charge).toMatchObject({ amount_refunded: 5000, refunded: true });
    await until(() => eventsOf("charge.refunded").length === 2);
    const unpaid = await stripe.paymentIntents.create({ amount: 100, currency: "usd" });
    await expect(stripe.refunds.create({ payment_intent: unpaid.id })).rejects.toBeInstanceOf(Stripe.errors.StripeInvalidRequestError);
  });
});

describe("idempotency", () => {
  it("answers a repeated key with the first response and refuses it for other parameters", async () => {
    const before = emulator.payments.intents.size;
    const first = await stripe.paymentIntents.create({ amount: 700, currency: "usd" }, { idempotencyKey: "checkout-1" });
    const again = await stripe.paymentIntents.create({ amount: 700, currency: "usd" }, { idempotencyKey: "checkout-1" });
    expect(again.id).toBe(first.id);
    expect(emulator.payments.intents.size).toBe(before + 1);
    await expect(stripe.paymentIntents.create({ amount: 800, currency: "usd" }, { idempotencyKey: "checkout-1" })).rejects.toBeInstanceOf(
      Stripe.errors.StripeIdempotencyError,
    );
    // A stored failure is replayed too, as Stripe stores even an error.
    const refused = () =>
      stripe.paymentIntents.create({ amount: 0, currency: "usd" }, { idempotencyKey: "bad-1" }).catch((e: Stripe.errors.StripeError) => e.requestId);
    expect(await refused()).toBe(await refused());
  });
});

describe("webhooks", () => {
  it("retries with back-off while the endpoint answers non-2xx", async () => {
    let calls = 0;
    answer = () => (++calls < 3 ? 500 : 200);
    await stripe.paymentIntents.create({ amount: 900, currency: "usd", payment_method: "pm_card_visa", confirm: true });
    await until(() => calls === 3);
    const { deliveries } = await fetch(`${emulator.url}/_emulator/events`).then((r) => r.json());
    expect(deliveries[0]).toMatchObject({ state: "delivered", attempts: 3 });
    expect(new Set(eventsOf("payment_intent.succeeded").map((r) => r.event.id)).size).toBe(1);
  });

  it("gives up after the last attempt", async () => {
    answer = () => 503;
    await stripe.paymentIntents.create({ amount: 900, currency: "usd", payment_method: "pm_card_visa", confirm: true });
    await until(() => received.length === 4);
    const { deliveries } = await fetch(`${emulator.url}/_emulator/events`).then((r) => r.json());
    expect(deliveries[0]).toMatchObject({ state: "gave_up", attempts: 4, lastStatus: 503 });
  });

  it("delivers an event N times at once, late, or held back and then out of order", async () => {
    const intent = await stripe.paymentIntents.create({ amount: 1200, currency: "usd" });
    await control("faults", { paymentIntent: intent.id, type: "payment_intent.succeeded", copies: 5, lateBySeconds: 290 });
    await stripe.paymentIntents.confirm(intent.id, { payment_method: "pm_card_visa" });
    await until(() => eventsOf("payment_intent.succeeded").length === 5);
    expect(new Set(eventsOf("payment_intent.succeeded").map((r) => r.event.id)).size).toBe(1);
    for (const { timestamp } of received) expect(Date.now() / 1000 - timestamp).toBeGreaterThanOrEqual(289);

    received.length = 0;
    const held = await stripe.paymentIntents.create({ amount: 3000, currency: "usd" });
    await control("faults", { paymentIntent: held.id, hold: true });
    await stripe.paymentIntents.confirm(held.id, { payment_method: "pm_card_visa" });
    await stripe.refunds.create({ payment_intent: held.id, amount: 1000 });
    await new Promise((r) => setTimeout(r, 50));
    expect(received).toHaveLength(0);
    const { released } = await control("events/release", { paymentIntent: held.id, order: "reverse" });
    expect(released).toHaveLength(2);
    await until(() => received.length === 2);
    expect(received.map((r) => r.event.type)).toEqual(["charge.refunded", "payment_intent.succeeded"]);
  });

  it("hands a test a signed delivery to send itself", async () => {
    await control("webhook-endpoint", { endpoint: "" });
    try {
      await stripe.paymentIntents.create({ amount: 100, currency: "usd", payment_method: "pm_card_visa", confirm: true });
      const { deliveries } = await fetch(`${emulator.url}/_emulator/events`).then((r) => r.json());
      expect(deliveries[0].state).toBe("no_endpoint");
      const { payload, signature } = await control(`events/${deliveries[0].event.id}/signed`, { lateBySeconds: 400 });
      expect(() => stripe.webhooks.constructEvent(payload, signature, SECRET)).toThrow(/tolerance/);
      expect(stripe.webhooks.constructEvent(payload, signature, SECRET, 1000).id).toBe(deliveries[0].event.id);
    } finally {
      await control("webhook-endpoint", { endpoint: `http://127.0.0.1:${(receiver.address() as AddressInfo).port}/` });
    }
  });
});
