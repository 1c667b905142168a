import { and, eq } from "drizzle-orm";
import type Stripe from "stripe";
import type { Database } from "../db/client";
import type { Env } from "../env";
import { queueMessage } from "../notifications/outbox";
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
      await placeOrder(db, env, event.data.object, "webhook", event);
      return;
    case "payment_intent.payment_failed":
      await paymentFailed(db, event.id, event.data.object);
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
      await recordRefundedTotal(db, env, paymentIntentId, charge.amount_refunded);
      return;
    }
  }
}

/**
 * A declined payment is said on the page; one that failed after the shopper was told it is still
 * processing (a bank debit) is emailed too, as the shopper may have left. Once per event.
 */
async function paymentFailed(db: Database, eventId: string, intent: Stripe.PaymentIntent) {
  const reason = declineMessage(intent.last_payment_error);
  await db.transaction(async (tx) => {
    const [checkout] = await tx
      .select({ processingSince: checkouts.processingSince })
      .from(checkouts)
      .where(and(eq(checkouts.paymentIntentId, intent.id), eq(checkouts.status, "open")))
      .for("update");
    if (!checkout) return;
    const [told] = await tx
      .update(checkouts)
      .set({ lastPaymentError: reason, processingSince: null })
      .where(eq(checkouts.paymentIntentId, intent.id))
      .returning({ email: checkouts.email });
    if (checkout.processingSince && told) {
      await queueMessage(tx, { kind: "payment_failed", recipient: told.email, dedupeKey: `payment_failed:${eventId}`, data: { reason, cartPath: "/cart" } });
    }
  });
}
