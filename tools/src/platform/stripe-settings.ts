import type { LocalConfig } from "./local-config";
import { localSecret } from "./local-config";
import { startStripeEmulator } from "./stripe-emulator/server";

export interface StripeSettings {
  /** What the Worker is given: keys, and the emulator's address when it is the one answering. */
  workerEnv: Record<string, string>;
  description: string;
  stop: () => Promise<void>;
}

/**
 * Real Stripe test keys in the environment (STRIPE_SECRET_KEY, STRIPE_WEBHOOK_SECRET,
 * STRIPE_PUBLISHABLE_KEY) make the shop take payments with Stripe itself; otherwise the local
 * emulator answers and sends its webhooks to this shop.
 */
export async function stripeSettings(config: LocalConfig, env: NodeJS.ProcessEnv = process.env): Promise<StripeSettings> {
  if (env.STRIPE_SECRET_KEY) {
    if (!env.STRIPE_WEBHOOK_SECRET)
      throw new Error(
        "STRIPE_SECRET_KEY is set but STRIPE_WEBHOOK_SECRET is not: run `stripe listen --forward-to localhost:8787/api/webhooks/stripe` and set the whsec_ it prints",
      );
    return {
      workerEnv: {
        STRIPE_SECRET_KEY: env.STRIPE_SECRET_KEY,
        STRIPE_WEBHOOK_SECRET: env.STRIPE_WEBHOOK_SECRET,
        ...(env.STRIPE_PUBLISHABLE_KEY && { STRIPE_PUBLISHABLE_KEY: env.STRIPE_PUBLISHABLE_KEY }),
      },
      description: "using Stripe itself with the keys in STRIPE_SECRET_KEY / STRIPE_WEBHOOK_SECRET",
      stop: async () => {},
    };
  }
  const secret = `whsec_${localSecret(config.stateDir, "stripe-webhook-secret")}`;
  const emulator = await startStripeEmulator({ port: config.stripePort, secret, endpoint: `http://127.0.0.1:${config.port}/api/webhooks/stripe` });
  return {
    workerEnv: { STRIPE_SECRET_KEY: "sk_test_local_emulator", STRIPE_WEBHOOK_SECRET: secret, STRIPE_API_URL: emulator.url },
    description: `Stripe emulator on ${emulator.url} (test cards: pm_card_visa, pm_card_chargeDeclined, pm_card_threeDSecure2Required; docs/checkout.md, "Payments locally")`,
    stop: emulator.close,
  };
}
