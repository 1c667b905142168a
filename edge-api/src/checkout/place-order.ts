import { eq } from "drizzle-orm";
import type Stripe from "stripe";
import { existingAccountId } from "../account/accounts";
import { cartStub } from "../cart/cart-id";
import { countCouponUse } from "../cart/coupons";
import type { Database } from "../db/client";
import type { Env } from "../env";
import { attributeOrder } from "../experiments/measurement";
import { queueMessage } from "../notifications/outbox";
import { orderPageUrl } from "./order-access";
import { markCheckout } from "./release";
import { checkouts, orderEvents, orderLines, orders } from "./schema";
import { commitReservation } from "./stock";
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
function newOrderNumber(now = new Date()) {
  const random = crypto.getRandomValues(new Uint8Array(6));
  return `ORD-${now.toISOString().slice(0, 10).replaceAll("-", "")}-${Array.from(random, (b) => BASE32[b & 31]).join("")}`;
}

class CouponUsedUp extends Error {}

/**
 * Turns a succeeded PaymentIntent into its order, exactly once. The checkout row is locked first, so
 * concurrent callers (the pay answer, five copies of a webhook, the sweep) queue; the first creates
 * the order, commits the reservation and counts the coupon in one transaction, and every later one
 * finds the order and answers it. The unique PaymentIntent on `orders` backs the lock.
 */
export async function placeOrder(
  db: Database,
  env: Env,
  intent: Pick<Stripe.PaymentIntent, "id" | "status" | "amount_received" | "currency">,
  placedBy: PlacedBy,
): Promise<Placement> {
  if (intent.status !== "succeeded") throw new Error(`placeOrder: PaymentIntent ${intent.id} is ${intent.status}, not succeeded`);
  // The pay answer usually places the order; its webhook and the sweep then find it without a
  // transaction. The locked read below still decides when they race.
  if (placedBy !== "payment_confirmed") {
    const [placed] = await db.select({ number: orders.number }).from(orders).where(eq(orders.paymentIntentId, intent.id));
    if (placed) return { outcome: "already_placed", orderNumber: placed.number };
  }
  let ordered: { cartId: string; orderNumber: string; lines: Array<{ sku: string; quantity: number }>; coupon: string | null } | undefined;
  let placement: Placement;
  try {
    placement = await db.transaction(async (tx) => {
      const [checkout] = await tx.select().from(checkouts).where(eq(checkouts.paymentIntentId, intent.id)).for("update");
      if (!checkout) return { outcome: "not_ours" as const };
      const [existing] = await tx.select({ number: orders.number }).from(orders).where(eq(orders.paymentIntentId, intent.id));
      if (existing) return { outcome: "already_placed" as const, orderNumber: existing.number };
      if (intent.amount_received !== checkout.totalCents || intent.currency.toUpperCase() !== checkout.currency) {
        throw new Error(
          `PaymentIntent ${intent.id} received ${intent.amount_received} ${intent.currency}, checkout ${checkout.id} totals ${checkout.totalCents} ${checkout.currency}`,
        );
      }
      // Every path that gives a reservation back cancels its PaymentIntent first, so a paid one still
      // holds its stock; the one exception is a refund for a coupon lost in a race, already done.
      if (checkout.status !== "open") return { outcome: "not_placed" as const, message: checkout.lastPaymentError ?? `This checkout is ${checkout.status}.` };
      if (checkout.couponCode && checkout.discountCents > 0 && !(await countCouponUse(tx, checkout.couponCode))) throw new CouponUsedUp();
      const number = newOrderNumber();
      // The order, its lines and history, the stock's hold ended, the checkout completed and the
      // confirmation queued: one statement, so one round trip (each part is a CTE of the outbox insert).
      const order = tx.$with("placed_order").as(
        tx
          .insert(orders)
          .values({
            // The buyer's account, unless it was deleted since the checkout started (then a guest order).
            userId: existingAccountId(checkout.userId),
            number,
            checkoutId: checkout.id,
            paymentIntentId: intent.id,
            status: "paid",
            email: checkout.email,
            shippingAddress: checkout.shippingAddress,
            shippingMethod: checkout.shippingMethod,
            couponCode: checkout.discountCents > 0 ? checkout.couponCode : null,
            currency: checkout.currency,
            subtotalCents: checkout.subtotalCents,
            discountCents: checkout.discountCents,
            shippingCents: checkout.shippingCents,
            taxCents: checkout.taxCents,
            totalCents: checkout.totalCents,
          })
          .returning({ number: orders.number }),
      );
      const lines = tx.$with("placed_lines").as(
        tx
          .insert(orderLines)
          .values(
            checkout.lines.map((l) => ({
              orderNumber: number,
              sku: l.sku,
              name: l.name,
              options: l.options,
              quantity: l.quantity,
              unitPriceCents: l.unitPrice.amount,
              lineTotalCents: l.lineTotal.amount,
            })),
          )
          .returning({ sku: orderLines.sku }),
      );
      const history = tx.$with("placed_history").as(
        tx
          .insert(orderEvents)
          .values([
            { orderNumber: number, fromStatus: null, toStatus: "pending_payment", cause: "checkout started", at: checkout.createdAt },
            { orderNumber: number, fromStatus: "pending_payment", toStatus: "paid", cause: `payment ${intent.id} succeeded (${placedBy.replace("_", " ")})` },
          ])
          .returning({ id: orderEvents.id }),
      );
      const sold = tx.$with("sold").as(commitReservation(tx, checkout.id));
      const completed = tx
        .$with("completed")
        .as(tx.update(checkouts).set({ status: "completed" }).where(eq(checkouts.id, checkout.id)).returning({ id: checkouts.id }));
      await queueMessage(tx.with(order, lines, history, sold, completed), {
        kind: "order_confirmation",
        recipient: checkout.email,
        orderNumber: number,
        dedupeKey: `order_confirmation:${number}`,
        data: {
          orderNumber: number,
          orderPath: orderPageUrl(env, number),
          currency: checkout.currency,
          lines: checkout.lines.map((l) => ({ name: l.name, options: l.options, quantity: l.quantity, lineTotal: l.lineTotal.amount })),
          totals: {
            subtotal: checkout.subtotalCents,
            discount: checkout.discountCents,
            shipping: checkout.shippingCents,
            tax: checkout.taxCents,
            total: checkout.totalCents,
          },
          shippingAddress: checkout.shippingAddress,
          shippingMethod: checkout.shippingMethod,
        },
      });
      // The experiments this buyer's browser was in count the order, in the same transaction.
      await attributeOrder(tx, checkout.visitorId, number, checkout.totalCents);
      ordered = {
        cartId: checkout.cartId,
        orderNumber: number,
        lines: checkout.lines.map(({ sku, quantity }) => ({ sku, quantity })),
        coupon: checkout.discountCents > 0 ? checkout.couponCode : null,
      };
      return { outcome: "placed" as const, orderNumber: number };
    });
  } catch (err) {
    if (!(err instanceof CouponUsedUp)) throw err;
    return refundForLostCoupon(db, env, intent.id);
  }
  // What was bought leaves the cart (what the shopper added meanwhile stays). If that fails, the
  // order stands: the cart re-prices and the shopper sees the lines still there.
  if (ordered) {
    const { cartId, orderNumber, lines, coupon } = ordered;
    await cartStub(env, cartId)
      .removeOrdered(orderNumber, lines, coupon)
      .catch((err: Error) => console.error("could not take the ordered lines out of the cart", err.message));
  }
  return placement;
}

/** The payment was priced with a coupon another order used up meanwhile: no order, the money back, the stock back. */
async function refundForLostCoupon(db: Database, env: Env, paymentIntentId: string): Promise<Placement> {
  const [checkout] = await db.select().from(checkouts).where(eq(checkouts.paymentIntentId, paymentIntentId));
  await stripeFor(env).refunds.create(
    { payment_intent: paymentIntentId, metadata: { reason: "coupon_used_up" } },
    { idempotencyKey: `coupon-used-up-${paymentIntentId}` },
  );
  const message = `The coupon ${checkout?.couponCode} was used up by another order just before yours, so we refunded your payment in full. Please check out again.`;
  if (checkout) await markCheckout(db, checkout.id, "expired", message);
  return { outcome: "not_placed", message };
}
