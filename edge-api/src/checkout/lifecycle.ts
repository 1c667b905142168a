import { formatMoney, type OrderStatus } from "@shop/contracts";
import { and, eq, inArray, sql } from "drizzle-orm";
import { recordAudit } from "../audit/record";
import { currentSkus } from "../catalog/products";
import type { Database } from "../db/client";
import type { Env } from "../env";
import { ApiFailure } from "../errors";
import { type MessageLine, queueMessage } from "../notifications/outbox";
import { orderPageUrl } from "./order-access";
import { orderEvents, orderLines, orders, refunds } from "./schema";
import { returnStock, type Transaction } from "./stock";
import { stripeFor } from "./stripe";

/** Which statuses each change may start from; anything else is a 409. */
const MOVES = {
  fulfil: { from: ["paid"], to: "fulfilled" },
  deliver: { from: ["fulfilled"], to: "delivered" },
  cancel: { from: ["pending_payment", "paid"], to: "cancelled" },
  refund: { from: ["paid", "fulfilled", "delivered", "refunded"], to: "refunded" },
} as const satisfies Record<string, { from: readonly OrderStatus[]; to: OrderStatus }>;
export type OrderMove = keyof typeof MOVES;

async function lockOrder(tx: Transaction, number: string) {
  const [order] = await tx.select().from(orders).where(eq(orders.number, number)).for("update");
  if (!order) throw new ApiFailure(404, "order_not_found", `No order ${number}.`);
  return order;
}

function assertMove(move: OrderMove, status: OrderStatus, number: string) {
  if (!(MOVES[move].from as readonly OrderStatus[]).includes(status)) {
    throw new ApiFailure(
      409,
      "illegal_transition",
      `Order ${number} is ${status}; it can't be ${MOVES[move].to} (only from ${MOVES[move].from.join(" or ")}).`,
    );
  }
}

async function record(tx: Transaction, number: string, from: OrderStatus, to: OrderStatus, cause: string) {
  await tx.update(orders).set({ status: to }).where(eq(orders.number, number));
  await tx.insert(orderEvents).values({ orderNumber: number, fromStatus: from, toStatus: to, cause });
}

/** How the parcel travels, as the operator who shipped it says. */
export interface Shipment {
  carrier?: string;
  trackingNumber?: string;
}

async function linesOf(tx: Transaction, number: string): Promise<MessageLine[]> {
  const rows = await tx.select().from(orderLines).where(eq(orderLines.orderNumber, number));
  return rows.map((l) => ({ name: l.name, options: l.options, quantity: l.quantity, lineTotal: l.lineTotalCents }));
}

/**
 * Fulfilment steps, recorded with their cause, each with its email: shipped (carrier and tracking),
 * delivered, and some days later a request to review what arrived.
 */
export async function moveOrder(db: Database, env: Env, number: string, move: "fulfil" | "deliver", actor: string, shipment: Shipment = {}) {
  await db.transaction(async (tx) => {
    const order = await lockOrder(tx, number);
    assertMove(move, order.status, number);
    await record(tx, number, order.status, MOVES[move].to, move === "fulfil" ? `shipped by ${actor}` : `delivered, as ${actor} said`);
    const shipped = move === "fulfil" ? { carrier: shipment.carrier ?? null, trackingNumber: shipment.trackingNumber ?? null } : {};
    await recordAudit(tx, actor, {
      area: "checkout",
      action: `order.${move}`,
      subject: `order:${number}`,
      before: { status: order.status, ...(move === "fulfil" && { carrier: order.carrier, trackingNumber: order.trackingNumber }) },
      after: { status: MOVES[move].to, ...shipped },
    });
    const facts = { orderNumber: number, orderPath: orderPageUrl(env, number), currency: order.currency };
    const about = { recipient: order.email, orderNumber: number };
    if (move === "fulfil") {
      const carrier = shipment.carrier ?? null;
      const trackingNumber = shipment.trackingNumber ?? null;
      await tx.update(orders).set({ carrier, trackingNumber }).where(eq(orders.number, number));
      const lines = await linesOf(tx, number);
      await queueMessage(tx, { ...about, kind: "order_shipped", dedupeKey: `order_shipped:${number}`, data: { ...facts, carrier, trackingNumber, lines } });
      return;
    }
    await queueMessage(tx, { ...about, kind: "order_delivered", dedupeKey: `order_delivered:${number}`, data: facts });
    const lines = await tx.select({ sku: orderLines.sku }).from(orderLines).where(eq(orderLines.orderNumber, number));
    const products = [
      ...(
        await currentSkus(
          db,
          lines.map((l) => l.sku),
        )
      ).values(),
    ];
    const bySlug = new Map(products.map((p) => [p.slug, { name: p.name, productPath: `/p/${p.slug}` }]));
    if (bySlug.size === 0) return;
    const days = Number(env.REVIEW_REQUEST_DAYS ?? 7);
    await queueMessage(tx, {
      ...about,
      kind: "review_request",
      dedupeKey: `review_request:${number}`,
      sendAfter: new Date(Date.now() + days * 86_400_000),
      data: { ...facts, products: [...bySlug.values()] },
    });
  });
}

/**
 * Refunds part or all of what is left of an order's payment. The refund is written (and counted)
 * under the order's lock before Stripe is asked, so two refunds at once can never add up to more
 * than was captured; Stripe's idempotency key makes asking again safe.
 */
export async function refundOrder(
  db: Database,
  env: Env,
  number: string,
  amount: number | undefined,
  reason: string,
  actor: string,
  move: "refund" | "cancel" = "refund",
  /** A return being refunded: claimed in the refund's transaction, given back if Stripe refuses. */
  claim?: { claim: (tx: Transaction, refundId: string) => Promise<void>; release: () => Promise<void> },
) {
  const { refundId, cents, paymentIntentId, currency, email } = await db.transaction(async (tx) => {
    const order = await lockOrder(tx, number);
    assertMove(move, order.status, number);
    const refundId = crypto.randomUUID();
    // A return's claim comes first: a second refund of it is refused as such (409), not as too large.
    await claim?.claim(tx, refundId);
    const [counted] = await tx
      .select({ held: sql<number>`coalesce(sum(${refunds.amountCents}), 0)`.mapWith(Number) })
      .from(refunds)
      .where(and(eq(refunds.orderNumber, number), inArray(refunds.status, ["pending", "succeeded"])));
    const left = order.totalCents - Math.max(counted?.held ?? 0, order.refundedCents);
    const cents = amount ?? left;
    if (left <= 0) throw new ApiFailure(409, "nothing_to_refund", `Order ${number} has been refunded in full.`);
    if (cents > left)
      throw new ApiFailure(
        422,
        "refund_too_large",
        `At most ${formatMoney({ amount: left, currency: order.currency })} of order ${number} can still be refunded.`,
      );
    await tx.insert(refunds).values({ id: refundId, orderNumber: number, amountCents: cents, reason });
    // Written with the refund's row (which counts it against the order from now on).
    const held = order.totalCents - left;
    await recordAudit(tx, actor, {
      area: "checkout",
      action: `order.${move}`,
      subject: `order:${number}`,
      before: { status: order.status, refundedCents: held },
      after: { status: MOVES[move].to, refundedCents: held + cents, reason },
    });
    return { refundId, cents, paymentIntentId: order.paymentIntentId, currency: order.currency, email: order.email };
  });
  let stripeRefundId: string;
  try {
    const refund = await stripeFor(env).refunds.create(
      { payment_intent: paymentIntentId, amount: cents, metadata: { order: number, refund: refundId } },
      { idempotencyKey: `refund-${refundId}` },
    );
    stripeRefundId = refund.id;
  } catch (err) {
    await db.update(refunds).set({ status: "failed" }).where(eq(refunds.id, refundId));
    await claim?.release();
    throw err;
  }
  await db.transaction(async (tx) => {
    const order = await lockOrder(tx, number);
    await tx.update(refunds).set({ status: "succeeded", stripeRefundId }).where(eq(refunds.id, refundId));
    // The charge.refunded webhook may have counted this refund already: both take the larger total.
    const succeeded = sql`(SELECT coalesce(sum(${refunds.amountCents}), 0) FROM ${refunds} WHERE ${refunds.orderNumber} = ${number} AND ${refunds.status} = 'succeeded')`;
    await tx
      .update(orders)
      .set({ refundedCents: sql`least(${orders.totalCents}, greatest(${orders.refundedCents}, ${succeeded}))` })
      .where(eq(orders.number, number));
    const to = move === "cancel" ? "cancelled" : "refunded";
    await record(tx, number, order.status, to, `${reason}: ${formatMoney({ amount: cents, currency })} refunded (${stripeRefundId}) by ${actor}`);
    if (move === "cancel") await restock(tx, number);
    const whole = cents === order.totalCents - order.refundedCents;
    await queueMessage(tx, {
      kind: move === "cancel" ? "order_cancelled" : "refund",
      recipient: email,
      orderNumber: number,
      dedupeKey: `refund:${refundId}`,
      data: {
        orderNumber: number,
        orderPath: orderPageUrl(env, number),
        currency,
        refunded: cents,
        reason,
        // A refund of everything left covers every line; a partial amount names none.
        lines: whole ? await linesOf(tx, number) : [],
      },
    });
  });
}

/** Cancels an order: refunds what is left when it was paid, and puts its units back on sale. */
export async function cancelOrder(db: Database, env: Env, number: string, reason: string, actor: string) {
  const [order] = await db.select({ status: orders.status }).from(orders).where(eq(orders.number, number));
  if (!order) throw new ApiFailure(404, "order_not_found", `No order ${number}.`);
  if (order.status !== "pending_payment") return refundOrder(db, env, number, undefined, reason, actor, "cancel");
  await db.transaction(async (tx) => {
    const locked = await lockOrder(tx, number);
    assertMove("cancel", locked.status, number);
    await record(tx, number, locked.status, "cancelled", `${reason} (${actor})`);
    await recordAudit(tx, actor, {
      area: "checkout",
      action: "order.cancel",
      subject: `order:${number}`,
      before: { status: locked.status },
      after: { status: "cancelled", reason },
    });
    await restock(tx, number);
  });
}

async function restock(tx: Transaction, number: string) {
  const lines = await tx.select({ sku: orderLines.sku, quantity: orderLines.quantity }).from(orderLines).where(eq(orderLines.orderNumber, number));
  await returnStock(tx, lines);
}

/**
 * What Stripe says was refunded in all (a refund made in its dashboard included): the order follows
 * it up, never down, so a late or repeated `charge.refunded` changes nothing. A refund the shop did
 * not ask for (its refunds table has no row for it) is emailed like one it did.
 */
export async function recordRefundedTotal(db: Database, env: Env, paymentIntentId: string, amountRefunded: number) {
  await db.transaction(async (tx) => {
    const [order] = await tx.select().from(orders).where(eq(orders.paymentIntentId, paymentIntentId)).for("update");
    if (!order || amountRefunded <= order.refundedCents) return;
    await tx
      .update(orders)
      .set({ refundedCents: Math.min(amountRefunded, order.totalCents) })
      .where(eq(orders.number, order.number));
    if (order.status !== "cancelled" && order.status !== "refunded") {
      await record(tx, order.number, order.status, "refunded", `Stripe reports ${formatMoney({ amount: amountRefunded, currency: order.currency })} refunded`);
    }
    const [asked] = await tx
      .select({ cents: sql<number>`coalesce(sum(${refunds.amountCents}), 0)`.mapWith(Number) })
      .from(refunds)
      .where(and(eq(refunds.orderNumber, order.number), inArray(refunds.status, ["pending", "succeeded"])));
    const unasked = amountRefunded - Math.max(order.refundedCents, asked?.cents ?? 0);
    if (unasked <= 0) return;
    await queueMessage(tx, {
      kind: "refund",
      recipient: order.email,
      orderNumber: order.number,
      dedupeKey: `refund:${paymentIntentId}:${amountRefunded}`,
      data: {
        orderNumber: order.number,
        orderPath: orderPageUrl(env, order.number),
        currency: order.currency,
        refunded: unasked,
        reason: "refunded by the shop",
        lines: [],
      },
    });
  });
}
