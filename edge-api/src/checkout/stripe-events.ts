import { and, eq } from "drizzle-orm";
import type Stripe from "stripe";
import type { Database } from "../db/client";
import type { Env } from "../env";
import { recordRefundedTotal } from "./lifecycle";
import { declineMessage } from "./pay";
import { placeOrder } from "./place-order";
import { markCheckout } from "./release";
import { checkouts, orders } from "./schema";
import { stripeFor } from "./stripe";

/**
 * Acts on one verified Stripe event. Each handler is idempotent and reads the state it needs, so
 * events may arrive in any order, any number of times: a refund reported before the payment places
 * the order first, and a payment reported after the order changes nothing.
 */
export async function handleStripeEvent(db: Database, env: Env, event: Stripe.Event): Promise<void> {
  switch (event.type) {
    case "payment_intent.succeeded":
      await placeOrder(db, env, event.data.object, "webhook");
      return;
    case "payment_intent.payment_failed":
      await db
        .update(checkouts)
        .set({ lastPaymentError: declineMessage(event.data.object.last_payment_error) })
        .where(and(eq(checkouts.paymentIntentId, event.data.object.id), eq(checkouts.status, "open")));
      return;
    case "payment_intent.canceled": {
      // A cancelled PaymentIntent can never be paid, so its stock can go back at once.
      const [checkout] = await db.select({ id: checkouts.id }).from(checkouts).where(eq(checkouts.paymentIntentId, event.data.object.id));
      if (checkout) await markCheckout(db, checkout.id, "expired");
      return;
    }
    case "charge.refunded": {
      const charge = event.data.object;
      const paymentIntentId = typeof charge.payment_intent === "string" ? charge.payment_intent : charge.payment_intent?.id;
      if (!paymentIntentId) return;
      const [order] = await db.select({ number: orders.number }).from(orders).where(eq(orders.paymentIntentId, paymentIntentId));
      if (!order) {
        const intent = await stripeFor(env).paymentIntents.retrieve(paymentIntentId);
        if (intent.status === "succeeded") await placeOrder(db, env, intent, "webhook");
      }
      await recordRefundedTotal(db, paymentIntentId, charge.amount_refunded);
      return;
    }
  }
}
