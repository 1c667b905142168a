import {
  formatMoney,
  type OrderReturn,
  RETURN_INSTRUCTIONS,
  RETURN_WINDOW_DAYS,
  type ReturnReceipt,
  type ReturnRequest,
  type ReturnStatus,
} from "@shop/contracts";
import { and, asc, desc, eq, inArray, ne, sql } from "drizzle-orm";
import { recordAudit } from "../audit/record";
import type { Database } from "../db/client";
import { after, keysetCursor, pageOf } from "../db/keyset";
import type { Env } from "../env";
import { ApiFailure } from "../errors";
import { queueMessage } from "../notifications/outbox";
import { refundOrder } from "./lifecycle";
import { orderPageUrl } from "./order-access";
import { orderEvents, orderLines, orders, returnEvents, returnLines, returns } from "./schema";
import { putBackOnSale, type Transaction } from "./stock";

// Returns (RMA): a shopper asks within RETURN_WINDOW_DAYS of delivery; operators approve or reject,
// receive (putting back on sale what they choose) and refund each item's paid share. Each move is
// made under the return's lock from the status it must start from, so racing operators move it once.

type Move = "approve" | "reject" | "receive" | "refund";
const MOVES: Record<Move, { from: ReturnStatus; to: ReturnStatus }> = {
  approve: { from: "requested", to: "approved" },
  reject: { from: "requested", to: "rejected" },
  receive: { from: "approved", to: "received" },
  refund: { from: "received", to: "refunded" },
};

type OrderRow = typeof orders.$inferSelect;
type LineRow = typeof orderLines.$inferSelect;

const DAY = 86_400_000;

/** When the order was delivered (its first move to `delivered`), or null. */
async function deliveredAt(db: Database | Transaction, number: string): Promise<Date | null> {
  const [event] = await db
    .select({ at: orderEvents.at })
    .from(orderEvents)
    .where(and(eq(orderEvents.orderNumber, number), eq(orderEvents.toStatus, "delivered")))
    .orderBy(asc(orderEvents.id))
    .limit(1);
  return event?.at ?? null;
}

/** Units of each SKU already asked back by the order's returns that were not rejected. */
async function askedBack(db: Database | Transaction, number: string): Promise<Map<string, number>> {
  const rows = await db
    .select({ sku: returnLines.sku, quantity: sql<number>`sum(${returnLines.quantity})`.mapWith(Number) })
    .from(returnLines)
    .innerJoin(returns, eq(returns.number, returnLines.returnNumber))
    .where(and(eq(returns.orderNumber, number), ne(returns.status, "rejected")))
    .groupBy(returnLines.sku);
  return new Map(rows.map((r) => [r.sku, r.quantity]));
}

/** What can still be returned: until when, and how many of each SKU; null when nothing can. */
export async function returnableOf(db: Database, order: OrderRow, lines: LineRow[], now = new Date()) {
  if (order.status !== "delivered" && order.status !== "refunded") return null;
  const delivered = await deliveredAt(db, order.number);
  if (!delivered || now.getTime() > delivered.getTime() + RETURN_WINDOW_DAYS * DAY) return null;
  const asked = await askedBack(db, order.number);
  const left = Object.fromEntries(lines.map((l) => [l.sku, l.quantity - (asked.get(l.sku) ?? 0)]).filter(([, n]) => (n as number) > 0));
  return Object.keys(left).length ? { until: new Date(delivered.getTime() + RETURN_WINDOW_DAYS * DAY).toISOString(), lines: left } : null;
}

/**
 * A shopper asks to return some of a delivered order's items: within the window, never more of a
 * SKU than was bought less what earlier returns (not rejected) asked for. The order is locked while
 * that is counted, so two requests at once cannot both take the last unit.
 */
export async function requestReturn(db: Database, env: Env, orderNumber: string, request: ReturnRequest, requester: string): Promise<string> {
  return db.transaction(async (tx) => {
    const [order] = await tx.select().from(orders).where(eq(orders.number, orderNumber)).for("update");
    if (!order) throw new ApiFailure(404, "order_not_found", "No such order.");
    const delivered = await deliveredAt(tx, orderNumber);
    if (!delivered || (order.status !== "delivered" && order.status !== "refunded")) {
      throw new ApiFailure(409, "not_delivered", `Order ${orderNumber} has not been delivered yet; items can be returned once it has.`);
    }
    if (Date.now() > delivered.getTime() + RETURN_WINDOW_DAYS * DAY) {
      throw new ApiFailure(
        409,
        "return_window_closed",
        `Items can be returned within ${RETURN_WINDOW_DAYS} days of delivery; that time is over for order ${orderNumber}.`,
      );
    }
    const bought = new Map((await tx.select().from(orderLines).where(eq(orderLines.orderNumber, orderNumber))).map((l) => [l.sku, l]));
    const asked = await askedBack(tx, orderNumber);
    for (const line of request.lines) {
      const item = bought.get(line.sku);
      if (!item) throw new ApiFailure(422, "not_in_order", `${line.sku} is not in order ${orderNumber}.`);
      const left = item.quantity - (asked.get(line.sku) ?? 0);
      if (line.quantity > left) {
        throw new ApiFailure(422, "too_many", left ? `At most ${left} of ${item.name} can still be returned.` : `${item.name} is already being returned.`);
      }
    }
    const number = `RMA-${crypto.randomUUID().replaceAll("-", "").slice(0, 10).toUpperCase()}`;
    await tx.insert(returns).values({ number, orderNumber, reason: request.reason });
    await tx.insert(returnLines).values(request.lines.map((l) => ({ returnNumber: number, sku: l.sku, quantity: l.quantity })));
    await tx.insert(returnEvents).values({ returnNumber: number, toStatus: "requested", actor: requester, cause: request.reason });
    await queueMessage(tx, {
      kind: "return_requested",
      recipient: order.email,
      orderNumber,
      dedupeKey: `return_requested:${number}`,
      data: {
        orderNumber,
        orderPath: orderPageUrl(env, orderNumber),
        currency: order.currency,
        returnNumber: number,
        instructions: RETURN_INSTRUCTIONS,
        lines: request.lines.map((l) => {
          const item = bought.get(l.sku)!;
          return { name: item.name, options: item.options, quantity: l.quantity, lineTotal: Math.round((item.lineTotalCents * l.quantity) / item.quantity) };
        }),
      },
    });
    return number;
  });
}

/** The returns of these orders (or the one return), with their lines, named as the order names them, and history. */
export async function returnsOf(db: Database, where: { orderNumber: string } | { numbers: string[] }): Promise<OrderReturn[]> {
  if ("numbers" in where && where.numbers.length === 0) return [];
  const rows = await db
    .select()
    .from(returns)
    .where("orderNumber" in where ? eq(returns.orderNumber, where.orderNumber) : inArray(returns.number, where.numbers))
    .orderBy(desc(returns.requestedAt), desc(returns.number));
  if (rows.length === 0) return [];
  const numbers = rows.map((r) => r.number);
  const orderNumbers = [...new Set(rows.map((r) => r.orderNumber))];
  const [lines, events, named, currencies] = await Promise.all([
    db.select().from(returnLines).where(inArray(returnLines.returnNumber, numbers)).orderBy(asc(returnLines.sku)),
    db.select().from(returnEvents).where(inArray(returnEvents.returnNumber, numbers)).orderBy(asc(returnEvents.id)),
    db
      .select({ orderNumber: orderLines.orderNumber, sku: orderLines.sku, name: orderLines.name })
      .from(orderLines)
      .where(inArray(orderLines.orderNumber, orderNumbers)),
    db.select({ number: orders.number, currency: orders.currency }).from(orders).where(inArray(orders.number, orderNumbers)),
  ]);
  const nameOf = new Map(named.map((n) => [`${n.orderNumber} ${n.sku}`, n.name]));
  const currencyOf = new Map(currencies.map((o) => [o.number, o.currency]));
  return rows.map((r) => ({
    number: r.number,
    orderNumber: r.orderNumber,
    status: r.status,
    reason: r.reason,
    decision: r.decision,
    requestedAt: r.requestedAt.toISOString(),
    lines: lines
      .filter((l) => l.returnNumber === r.number)
      .map((l) => ({ sku: l.sku, name: nameOf.get(`${r.orderNumber} ${l.sku}`) ?? l.sku, quantity: l.quantity, received: l.received, restocked: l.restocked })),
    refunded: r.refundCents === null ? null : { amount: r.refundCents, currency: currencyOf.get(r.orderNumber) ?? "USD" },
    history: events.filter((e) => e.returnNumber === r.number).map((e) => ({ at: e.at.toISOString(), status: e.toStatus, actor: e.actor, cause: e.cause })),
  }));
}

export async function returnByNumber(db: Database, number: string): Promise<OrderReturn> {
  const [found] = await returnsOf(db, { numbers: [number] });
  if (!found) throw new ApiFailure(404, "return_not_found", `No return ${number}.`);
  return found;
}

/** Returns in one status (or all), newest first, a page at a time by where the last page ended. */
export async function listReturns(db: Database, filter: { status?: ReturnStatus | undefined; after?: string | undefined; limit: number }) {
  const conditions = [];
  if (filter.status) conditions.push(eq(returns.status, filter.status));
  const older = after(returns.requestedAt, returns.number, filter.after);
  if (older) conditions.push(older);
  const rows = await db
    .select({ number: returns.number, requestedAt: returns.requestedAt })
    .from(returns)
    .where(and(...conditions))
    .orderBy(desc(returns.requestedAt), desc(returns.number))
    .limit(filter.limit + 1);
  const { page, next } = pageOf(rows, filter.limit, (last) => keysetCursor(last.requestedAt, last.number));
  return { items: await returnsOf(db, { numbers: page.map((r) => r.number) }), next };
}

/** Locks the return and checks it may make this move; 409 otherwise (another operator got there first). */
async function lockFor(tx: Transaction, number: string, move: Move) {
  const [row] = await tx.select().from(returns).where(eq(returns.number, number)).for("update");
  if (!row) throw new ApiFailure(404, "return_not_found", `No return ${number}.`);
  if (row.status !== MOVES[move].from) {
    throw new ApiFailure(409, "illegal_transition", `Return ${number} is ${row.status}; it can't be ${MOVES[move].to} (only from ${MOVES[move].from}).`);
  }
  return row;
}

async function record(tx: Transaction, row: typeof returns.$inferSelect, move: Move, actor: string, cause: string, after: Record<string, unknown> = {}) {
  const to = MOVES[move].to;
  await tx.update(returns).set({ status: to }).where(eq(returns.number, row.number));
  await tx.insert(returnEvents).values({ returnNumber: row.number, fromStatus: row.status, toStatus: to, actor, cause });
  await recordAudit(tx, actor, {
    area: "checkout",
    action: `return.${move}`,
    subject: `return:${row.number}`,
    before: { status: row.status },
    after: { status: to, ...after },
  });
}

async function emailAbout(tx: Transaction, env: Env, row: typeof returns.$inferSelect, kind: "return_approved" | "return_rejected", decision?: string) {
  const [order] = await tx.select({ email: orders.email, currency: orders.currency }).from(orders).where(eq(orders.number, row.orderNumber));
  await queueMessage(tx, {
    kind,
    recipient: order!.email,
    orderNumber: row.orderNumber,
    dedupeKey: `${kind}:${row.number}`,
    data: {
      orderNumber: row.orderNumber,
      orderPath: orderPageUrl(env, row.orderNumber),
      currency: order!.currency,
      returnNumber: row.number,
      instructions: kind === "return_approved" ? RETURN_INSTRUCTIONS : (decision ?? ""),
      lines: [],
    },
  });
}

export async function approveReturn(db: Database, env: Env, number: string, actor: string) {
  await db.transaction(async (tx) => {
    const row = await lockFor(tx, number, "approve");
    await record(tx, row, "approve", actor, "approved");
    await emailAbout(tx, env, row, "return_approved");
  });
}

export async function rejectReturn(db: Database, env: Env, number: string, actor: string, reason: string) {
  await db.transaction(async (tx) => {
    const row = await lockFor(tx, number, "reject");
    await tx.update(returns).set({ decision: reason }).where(eq(returns.number, number));
    await record(tx, row, "reject", actor, reason, { decision: reason });
    await emailAbout(tx, env, row, "return_rejected", reason);
  });
}

/**
 * The parcel arrived: how many of each item came, and how many go back on sale (each a `return`
 * movement in the stock ledger). Never more than the return asked for; once per return.
 */
export async function receiveReturn(db: Database, number: string, actor: string, receipt: ReturnReceipt) {
  await db.transaction(async (tx) => {
    const row = await lockFor(tx, number, "receive");
    const asked = new Map((await tx.select().from(returnLines).where(eq(returnLines.returnNumber, number))).map((l) => [l.sku, l]));
    for (const line of receipt.lines) {
      const wanted = asked.get(line.sku);
      if (!wanted) throw new ApiFailure(422, "not_in_return", `${line.sku} is not in return ${number}.`);
      if (line.quantity > wanted.quantity)
        throw new ApiFailure(422, "too_many", `Return ${number} asked for ${wanted.quantity} of ${line.sku}, not ${line.quantity}.`);
    }
    if (!receipt.lines.some((l) => l.quantity > 0)) throw new ApiFailure(422, "nothing_received", "Say what arrived: at least one item.");
    for (const line of receipt.lines) {
      await tx
        .update(returnLines)
        .set({ received: line.quantity, restocked: line.restock })
        .where(and(eq(returnLines.returnNumber, number), eq(returnLines.sku, line.sku)));
    }
    const back = receipt.lines.filter((l) => l.restock > 0).map((l) => ({ sku: l.sku, quantity: l.restock }));
    await putBackOnSale(tx, back, `return ${number}`, actor);
    const said = receipt.lines.map((l) => `${l.quantity} × ${l.sku}${l.restock ? ` (${l.restock} back on sale)` : ""}`).join(", ");
    await record(tx, row, "receive", actor, `received ${said}`, { received: receipt.lines });
  });
}

/**
 * What `units` of an order line cost the shopper: the line's part of what was paid for goods (its
 * total less its share of the discount, plus its share of the tax); shipping is not in it.
 */
export function paidShare(
  order: { totalCents: number; shippingCents: number; subtotalCents: number },
  line: { lineTotalCents: number; quantity: number },
  units: number,
) {
  const goodsPaid = order.totalCents - order.shippingCents;
  return order.subtotalCents > 0 ? Math.floor((line.lineTotalCents * units * goodsPaid) / (line.quantity * order.subtotalCents)) : 0;
}

/**
 * Refunds the received items' paid share: each line's part of what was paid for goods (its total
 * less its share of the discount, plus its share of the tax), for the units that arrived — never
 * more than was captured less what was refunded already. The return is claimed (received →
 * refunded) in the refund's own transaction, so a second refund of it at once is a 409 and refunds
 * nothing; if Stripe then refuses, the claim is given back.
 */
export async function refundReturn(db: Database, env: Env, number: string, actor: string) {
  const ret = await returnByNumber(db, number);
  const [order] = await db.select().from(orders).where(eq(orders.number, ret.orderNumber));
  const lines = new Map((await db.select().from(orderLines).where(eq(orderLines.orderNumber, ret.orderNumber))).map((l) => [l.sku, l]));
  const share = ret.lines.reduce((sum, l) => sum + paidShare(order!, lines.get(l.sku)!, l.received), 0);
  const left = order!.totalCents - order!.refundedCents;
  const cents = Math.min(share, left);
  if (cents <= 0) throw new ApiFailure(409, "nothing_to_refund", `Nothing is left to refund for return ${number}.`);
  await refundOrder(db, env, ret.orderNumber, cents, `return ${number}`, actor, "refund", {
    claim: async (tx, refundId) => {
      const row = await lockFor(tx, number, "refund");
      await tx.update(returns).set({ refundId, refundCents: cents }).where(eq(returns.number, number));
      await record(tx, row, "refund", actor, `${formatMoney({ amount: cents, currency: order!.currency })} refunded`, { refundCents: cents });
    },
    release: async () => {
      await db.transaction(async (tx) => {
        await tx.update(returns).set({ status: "received", refundId: null, refundCents: null }).where(eq(returns.number, number));
        await tx
          .insert(returnEvents)
          .values({ returnNumber: number, fromStatus: "refunded", toStatus: "received", actor, cause: "the refund failed at Stripe" });
      });
    },
  });
}

/** Returns an operator still has to move (requested, approved or received), counted to `cap`. */
export async function openReturnCount(db: Database, cap: number): Promise<number> {
  const { rows } = await db.execute<{ n: number }>(
    sql`SELECT count(*)::int AS n FROM (SELECT 1 FROM returns WHERE status IN ('requested', 'approved', 'received') LIMIT ${cap}) open`,
  );
  return rows[0]!.n;
}
