import { Checkout, PayResult } from "@shop/contracts";
import { sql } from "drizzle-orm";
import Stripe from "stripe";
import { expect } from "vitest";
import { cartWith } from "./cart-helpers";
import { TEST_DATABASE } from "./database";
import { adminHeaders, call, json, query } from "./helpers";

export const EMULATOR = `http://127.0.0.1:${TEST_DATABASE.stripePort}`;

/** The SDK as a test uses it: to confirm a payment the way the browser's Payment Element would, or to look. */
export const stripe = new Stripe(TEST_DATABASE.stripeSecretKey, {
  httpClient: Stripe.createFetchHttpClient(),
  host: "127.0.0.1",
  port: TEST_DATABASE.stripePort,
  protocol: "http",
  maxNetworkRetries: 0,
  telemetry: false,
});

export const ADDRESS = { name: "Ada Lovelace", line1: "1 Market St", city: "San Francisco", region: "CA", postalCode: "94105", country: "US" };
export const CHECKOUT = { email: "ada@example.com", shippingAddress: ADDRESS, shippingMethod: "standard" };

/**
 * SKUs only this test uses: each test file takes its own slice of the catalog (by offset), so stock
 * it sets and reserves never meets another file's carts.
 */
export async function ownSkus(offset: number, count: number, stock: number) {
  const rows = await query<{ sku: string; price: number }>(sql`SELECT v.sku, v.price_cents AS price FROM variants v JOIN inventory i ON i.sku = v.sku
    WHERE NOT v.discontinued ORDER BY v.id OFFSET ${offset} LIMIT ${count}`);
  for (const { sku } of rows) await setStock(sku, stock);
  return rows;
}

export async function setStock(sku: string, available: number) {
  const response = await json("PUT", `/api/admin/inventory/${sku}`, { available }, adminHeaders);
  expect(response.status).toBe(200);
}

export async function stockOf(sku: string): Promise<number> {
  const [row] = await query<{ available: number }>(sql`SELECT available FROM inventory WHERE sku = ${sku}`);
  return Number(row!.available);
}

export function startCheckout(cookie: string, body: unknown = CHECKOUT) {
  return json("POST", "/api/checkout", body, { Cookie: cookie });
}

/** A cart with these lines and a started checkout for it. */
export async function checkoutWith(lines: Array<[string, number]>, body: unknown = CHECKOUT) {
  const { cookie, cart } = await cartWith(lines);
  const response = await startCheckout(cookie, body);
  expect(response.status, await response.clone().text()).toBe(201);
  return { cookie, cart, checkout: Checkout.parse(await response.json()) };
}

export async function pay(cookie: string, checkoutId: string, paymentMethod: string) {
  const response = await json("POST", `/api/checkout/${checkoutId}/pay`, { paymentMethod }, { Cookie: cookie });
  expect(response.status, await response.clone().text()).toBe(200);
  return PayResult.parse(await response.json());
}

export const paymentIntentOf = (checkout: Checkout) => checkout.payment.clientSecret.split("_secret_")[0]!;

interface Delivery {
  event: { id: string; type: string; data: { object: { id: string } } };
  state: string;
}

/** The emulator's events for one PaymentIntent, oldest first. */
export async function eventsFor(paymentIntentId: string): Promise<Delivery[]> {
  const { deliveries } = (await (await fetch(`${EMULATOR}/_emulator/events`)).json()) as { deliveries: Delivery[] };
  return deliveries.filter(
    (d) => d.event.data.object.id === paymentIntentId || (d.event.data.object as { payment_intent?: string }).payment_intent === paymentIntentId,
  );
}

/** Sends one of the emulator's events to the Worker, signed as Stripe signs it (optionally late). */
export async function deliver(eventId: string, lateBySeconds = 0): Promise<Response> {
  const signed = (await (
    await fetch(`${EMULATOR}/_emulator/events/${eventId}/signed`, { method: "POST", body: JSON.stringify({ lateBySeconds }) })
  ).json()) as { payload: string; signature: string };
  return call("/api/webhooks/stripe", {
    method: "POST",
    headers: { "Content-Type": "application/json", "Stripe-Signature": signed.signature },
    body: signed.payload,
  });
}

export async function ordersFor(paymentIntentId: string) {
  return query<{ number: string; status: string; refunded_cents: number; total_cents: number }>(
    sql`SELECT number, status, refunded_cents, total_cents FROM orders WHERE payment_intent_id = ${paymentIntentId}`,
  );
}

export async function reservationsOf(checkoutId: string) {
  return query<{ sku: string; quantity: number }>(sql`SELECT sku, quantity FROM reservations WHERE checkout_id = ${checkoutId}`);
}
