import Stripe from "stripe";
import type { Env } from "../env";

let cached: { key: string; api: string | undefined; client: Stripe } | undefined;

/**
 * The Stripe client: the official SDK over fetch (Workers have no Node http). Locally and in tests
 * `STRIPE_API_URL` points it at the emulator in tools/; unset, it talks to Stripe with the same code.
 */
export function stripeFor(env: Env): Stripe {
  if (cached?.key === env.STRIPE_SECRET_KEY && cached.api === env.STRIPE_API_URL) return cached.client;
  if (!env.STRIPE_SECRET_KEY) throw new Error("STRIPE_SECRET_KEY is not configured (wrangler secret put STRIPE_SECRET_KEY)");
  const api = env.STRIPE_API_URL ? new URL(env.STRIPE_API_URL) : undefined;
  const client = new Stripe(env.STRIPE_SECRET_KEY, {
    httpClient: Stripe.createFetchHttpClient(),
    maxNetworkRetries: 2,
    timeout: 20_000,
    // The SDK's request-latency telemetry fills its buffer under load and logs about it; we measure our own.
    telemetry: false,
    ...(api && { host: api.hostname, port: Number(api.port), protocol: api.protocol === "http:" ? "http" : "https" }),
  });
  cached = { key: env.STRIPE_SECRET_KEY, api: env.STRIPE_API_URL, client };
  return client;
}

const cryptoProvider = Stripe.createSubtleCryptoProvider();

/** A webhook's event, if its signature over the raw body is valid and fresh (Stripe's 300 s tolerance). */
export async function verifiedEvent(env: Env, rawBody: string, signature: string | undefined): Promise<Stripe.Event | undefined> {
  if (!signature || !env.STRIPE_WEBHOOK_SECRET) return undefined;
  try {
    return await stripeFor(env).webhooks.constructEventAsync(rawBody, signature, env.STRIPE_WEBHOOK_SECRET, undefined, cryptoProvider);
  } catch {
    return undefined;
  }
}

/** Whether Stripe refused a state change because the PaymentIntent has moved on (paid or cancelled). */
export const isUnexpectedState = (err: unknown) => err instanceof Stripe.errors.StripeError && err.code === "payment_intent_unexpected_state";
export const isCardError = (err: unknown): err is Stripe.errors.StripeCardError => err instanceof Stripe.errors.StripeCardError;
