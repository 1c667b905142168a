import type { Database } from "../db/client";
import type { Env } from "../env";
import { type Placement, placeOrder } from "./place-order";
import { markCheckout } from "./release";
import { isUnexpectedState, stripeFor } from "./stripe";

export type Ending = { outcome: "ended" } | { outcome: "still_processing" } | Placement;

/**
 * Ends an open checkout (it lapsed, or the shopper started again): its PaymentIntent is cancelled
 * first, and only then is the stock given back. A PaymentIntent that was paid meanwhile cannot be
 * cancelled; it gets its order instead, so no payment is ever left without one.
 */
export async function endCheckout(db: Database, env: Env, checkout: { id: string; paymentIntentId: string }, status: "expired" | "replaced"): Promise<Ending> {
  const stripe = stripeFor(env);
  try {
    await stripe.paymentIntents.cancel(checkout.paymentIntentId, { cancellation_reason: "abandoned" });
  } catch (err) {
    if (!isUnexpectedState(err)) throw err;
    const intent = await stripe.paymentIntents.retrieve(checkout.paymentIntentId);
    if (intent.status === "succeeded") return placeOrder(db, env, intent, "reconciliation");
    if (intent.status !== "canceled") return { outcome: "still_processing" };
  }
  await markCheckout(db, checkout.id, status);
  return { outcome: "ended" };
}
