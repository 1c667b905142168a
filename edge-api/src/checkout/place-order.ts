import { sql } from "drizzle-orm";
import type Stripe from "stripe";
import { cartStub } from "../cart/cart-id";
import type { Database } from "../db/client";
import type { Env } from "../env";
import { dispatchAfterResponse } from "../notifications/outbox";
import { orderPageUrl } from "./order-access";
import { markCheckout } from "./release";
import { stripeFor } from "./stripe";

/** How an order came to be placed: the pay answer, Stripe's webhook, or the sweep's reconciliation. */
export type PlacedBy = "payment_confirmed" | "webhook" | "reconciliation";

export type Placement =
  | { outcome: "placed" | "already_placed"; orderNumber: string }
  /** The checkout ended without an order (the coupon's last use went to a racing order): the payment was refunded. */
  | { outcome: "not_placed"; message: string }
  | { outcome: "not_ours" };

const BASE32 = "0123456789ABCDEFGHJKMNPQRSTVWXYZ"; // Crockford: no I, L, O, U
/** ORD-20261201-7Q4K2M: the day it was placed and 30 random bits. */
export function newOrderNumber(now = new Date()) {
  const random = crypto.getRandomValues(new Uint8Array(6));
  return `ORD-${now.toISOString().slice(0, 10).replaceAll("-", "")}-${Array.from(random, (b) => BASE32[b & 31]).join("")}`;
}

/** What place_order() (migration 0031) answers. */
type PlaceOrderAnswer =
  | { outcome: "placed"; orderNumber: string; cartId: string; lines: Array<{ sku: string; quantity: number }>; coupon: string | null; outboxId: number | null }
  | { outcome: "already_placed"; orderNumber: string }
  | { outcome: "not_placed"; message: string }
  | { outcome: "coupon_used_up"; checkoutId: string; coupon: string }
  | { outcome: "not_ours" };

/** The Stripe event being handled, recorded as handled in the order's own transaction. */
export interface HandledEvent {
  id: string;
  type: string;
}

/**
 * Turns a succeeded PaymentIntent into its order, exactly once, in one call into Postgres
 * (place_order: the checkout locked first, so the pay answer, five copies of a webhook and the sweep
 * queue, and every caller after the first finds the order). Then, outside the transaction: the
 * confirmation goes on the mail queue and what was bought leaves the cart; or, when the coupon's last
 * use went to another order meanwhile, the payment is refunded.
 */
export async function placeOrder(
  db: Database,
  env: Env,
  intent: Pick<Stripe.PaymentIntent, "id" | "status" | "amount_received" | "currency">,
  placedBy: PlacedBy,
  event?: HandledEvent,
): Promise<Placement> {
  if (intent.status !== "succeeded") throw new Error(`placeOrder: PaymentIntent ${intent.id} is ${intent.status}, not succeeded`);
  const number = newOrderNumber();
  const {
    rows: [answer],
  } = await db.execute<{ placement: PlaceOrderAnswer }>(
    sql`SELECT place_order(${intent.id}, ${intent.amount_received}, ${intent.currency}, ${placedBy}, ${number}, ${orderPageUrl(env, number)},
      ${event?.id ?? null}, ${event?.type ?? null}) AS placement`,
  );
  const placement = answer!.placement;
  switch (placement.outcome) {
    case "coupon_used_up":
      return refundForLostCoupon(db, env, intent.id, placement);
    case "placed": {
      const { orderNumber, cartId, lines, coupon, outboxId } = placement;
      if (outboxId !== null) dispatchAfterResponse([outboxId]);
      // What was bought leaves the cart (what the shopper added meanwhile stays). If that fails, the
      // order stands: the cart re-prices and the shopper sees the lines still there.
      await cartStub(env, cartId)
        .removeOrdered(orderNumber, lines, coupon)
        .catch((err: Error) => console.error("could not take the ordered lines out of the cart", err.message));
      return { outcome: "placed", orderNumber };
    }
    default:
      return placement;
  }
}

/** The payment was priced with a coupon another order used up meanwhile: no order, the money back, the stock back. */
async function refundForLostCoupon(db: Database, env: Env, paymentIntentId: string, lost: { checkoutId: string; coupon: string }): Promise<Placement> {
  await stripeFor(env).refunds.create(
    { payment_intent: paymentIntentId, metadata: { reason: "coupon_used_up" } },
    { idempotencyKey: `coupon-used-up-${paymentIntentId}` },
  );
  const message = `The coupon ${lost.coupon} was used up by another order just before yours, so we refunded your payment in full. Please check out again.`;
  await markCheckout(db, lost.checkoutId, "expired", message);
  return { outcome: "not_placed", message };
}
