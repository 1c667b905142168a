import type { PayResult } from "@shop/contracts";
import { and, eq, gt, sql } from "drizzle-orm";
import type Stripe from "stripe";
import { type Database, preparedOnce } from "../db/client";
import type { Env } from "../env";
import { ApiFailure } from "../errors";
import { placeOrder } from "./place-order";
import { checkouts, orders } from "./schema";
import { isCardError, isUnexpectedState, stripeFor } from "./stripe";
import { orderLink } from "./view";

type CheckoutRow = typeof checkouts.$inferSelect;

/** What the shopper reads when a payment does not go through, by Stripe's decline code. */
export function declineMessage(error: { code?: string | null; decline_code?: string | null } | null | undefined): string {
  if (error?.code === "payment_intent_authentication_failure") return "Your bank could not confirm this payment. Try again, or use another card.";
  if (error?.decline_code === "insufficient_funds") return "Your card has insufficient funds. Try another card.";
  return "Your card was declined. Try another card or payment method.";
}

/** The order of a checkout, if it has one. */
export async function orderNumberOf(db: Database, checkoutId: string): Promise<string | null> {
  const [order] = await db.select({ number: orders.number }).from(orders).where(eq(orders.checkoutId, checkoutId));
  return order?.number ?? null;
}

/**
 * The visitor's checkout (of cart `cartId`), marked as being paid in the same statement when it can
 * still be paid: from then on the sweep asks Stripe about its payment, should this request die before
 * the order exists. One that cannot is read as it is, for payCheckout to say why.
 */
export async function checkoutToPay(env: Env, id: string, cartId: string): Promise<{ checkout: CheckoutRow; payable: boolean } | undefined> {
  const [marked] = await markPaymentAttempt(env).execute({ id, cartId });
  if (marked) return { checkout: marked, payable: true };
  const [row] = await checkoutOfCart(env).execute({ id, cartId });
  return row && { checkout: row, payable: false };
}

const ours = and(eq(checkouts.id, sql.placeholder("id")), eq(checkouts.cartId, sql.placeholder("cartId")));
const markPaymentAttempt = preparedOnce((db) =>
  db
    .update(checkouts)
    .set({ paymentAttemptedAt: sql`coalesce(${checkouts.paymentAttemptedAt}, now())` })
    .where(and(ours, eq(checkouts.status, "open"), gt(checkouts.expiresAt, sql`now()`)))
    .returning()
    .prepare("mark_payment_attempt"),
);
const checkoutOfCart = preparedOnce((db) => db.select().from(checkouts).where(ours).prepare("checkout_of_cart"));

/**
 * Confirms the checkout's PaymentIntent with the shopper's payment method. A decline keeps the
 * reservation so another method can be tried; a success places the order here unless the webhook
 * already did, and either way the answer names the one order.
 */
export async function payCheckout(
  db: Database,
  env: Env,
  { checkout, payable }: NonNullable<Awaited<ReturnType<typeof checkoutToPay>>>,
  paymentMethod: string,
): Promise<PayResult> {
  if (checkout.status === "completed") return { status: "succeeded", order: orderLink(env, (await orderNumberOf(db, checkout.id))!) };
  if (checkout.status !== "open") throw new ApiFailure(409, "checkout_ended", "This checkout has ended; go back to your cart to start again.");
  if (!payable) throw new ApiFailure(409, "checkout_expired", "The time to pay has run out and the items went back on sale; start the checkout again.");
  const stripe = stripeFor(env);
  let intent: Stripe.PaymentIntent;
  try {
    const method = paymentMethod.startsWith("ctoken_") ? { confirmation_token: paymentMethod } : { payment_method: paymentMethod };
    intent = await stripe.paymentIntents.confirm(checkout.paymentIntentId, {
      ...method,
      return_url: `${env.PUBLIC_ORIGIN}/checkout/return?checkout=${checkout.id}`,
    });
  } catch (err) {
    if (isCardError(err)) {
      const message = declineMessage(err);
      await db.update(checkouts).set({ lastPaymentError: message }).where(eq(checkouts.id, checkout.id));
      return { status: "declined", message };
    }
    if (err instanceof Error && "param" in err && err.param === "payment_method")
      throw new ApiFailure(422, "unknown_payment_method", `Stripe does not know the payment method ${paymentMethod}.`);
    if (!isUnexpectedState(err)) throw err;
    intent = await stripe.paymentIntents.retrieve(checkout.paymentIntentId); // paid by an earlier click, or cancelled
  }
  return settle(db, env, intent);
}

/** What a PaymentIntent's state means for the shopper, placing the order once it has succeeded. */
export async function settle(db: Database, env: Env, intent: Stripe.PaymentIntent): Promise<PayResult> {
  switch (intent.status) {
    case "succeeded": {
      const placement = await placeOrder(db, env, intent, "payment_confirmed");
      if (placement.outcome === "placed" || placement.outcome === "already_placed")
        return { status: "succeeded", order: orderLink(env, placement.orderNumber) };
      if (placement.outcome === "not_placed") return { status: "declined", message: placement.message };
      throw new Error(`PaymentIntent ${intent.id} has no checkout`);
    }
    case "requires_action":
      return { status: "requires_action", nextActionUrl: intent.next_action?.redirect_to_url?.url ?? undefined };
    case "requires_payment_method":
      return { status: "declined", message: declineMessage(intent.last_payment_error) };
    case "canceled":
      throw new ApiFailure(409, "checkout_ended", "This checkout has ended; go back to your cart to start again.");
    default:
      // Told to wait: should it fail later, the shopper is emailed (stripe-events.ts).
      await db
        .update(checkouts)
        .set({ processingSince: sql`coalesce(${checkouts.processingSince}, now())` })
        .where(eq(checkouts.paymentIntentId, intent.id));
      throw new ApiFailure(409, "payment_processing", "Your payment is still processing; we will email you when it completes.");
  }
}
