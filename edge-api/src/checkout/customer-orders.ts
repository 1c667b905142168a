import { ORDERS_PER_PAGE, type OrderHistory, type ShippingAddress } from "@shop/contracts";
import { and, count, desc, eq, exists, inArray, isNull, sql } from "drizzle-orm";
import type { Database } from "../db/client";
import { forgetMessagesTo } from "../notifications/outbox";
import { checkouts, orderEvents, orderLines, orders } from "./schema";

/** The account domain's view of orders: a user's own, newest first, and what happens to them when the user goes. */

export async function orderHistory(db: Database, userId: string, page: number): Promise<OrderHistory> {
  const [rows, [{ total } = { total: 0 }]] = await Promise.all([
    db
      .select({
        number: orders.number,
        status: orders.status,
        placedAt: orders.placedAt,
        totalCents: orders.totalCents,
        currency: orders.currency,
        itemCount: sql<number>`(SELECT coalesce(sum(${orderLines.quantity}), 0)::int FROM ${orderLines} WHERE ${orderLines.orderNumber} = ${orders.number})`,
      })
      .from(orders)
      .where(eq(orders.userId, userId))
      .orderBy(desc(orders.placedAt), desc(orders.number))
      .limit(ORDERS_PER_PAGE)
      .offset((page - 1) * ORDERS_PER_PAGE),
    db.select({ total: count() }).from(orders).where(eq(orders.userId, userId)),
  ]);
  return {
    orders: rows.map((r) => ({
      number: r.number,
      status: r.status,
      placedAt: r.placedAt.toISOString(),
      total: { amount: r.totalCents, currency: r.currency },
      itemCount: r.itemCount,
    })),
    page,
    pageCount: Math.max(1, Math.ceil(total / ORDERS_PER_PAGE)),
    total,
  };
}

export async function isOrderOf(db: Database, number: string, userId: string): Promise<boolean> {
  const [row] = await db
    .select({ number: orders.number })
    .from(orders)
    .where(and(eq(orders.number, number), eq(orders.userId, userId)));
  return row !== undefined;
}

/** Whether any of these SKUs reached the shopper: a line of an order of theirs that was delivered (returned since or not). */
export async function receivedAny(db: Database, userId: string, skus: string[]): Promise<boolean> {
  if (skus.length === 0) return false;
  const delivered = db
    .select({ at: orderEvents.at })
    .from(orderEvents)
    .where(and(eq(orderEvents.orderNumber, orders.number), eq(orderEvents.toStatus, "delivered")));
  const [found] = await db
    .select({ number: orders.number })
    .from(orders)
    .innerJoin(orderLines, eq(orderLines.orderNumber, orders.number))
    .where(and(eq(orders.userId, userId), inArray(orderLines.sku, skus), exists(delivered)))
    .limit(1);
  return found !== undefined;
}

/** Where counting orders got to: the last one counted, by (placed_at, number); placed_at as Postgres wrote it (microseconds). */
export interface OrderMark {
  placedAt: string;
  number: string;
}

/**
 * The lines of the next `limit` orders after a mark and placed before `until`, oldest first, as a
 * query other domains select (number, placed_at, sku) from: what the catalog counts as bought
 * together. Cancelled orders are left out; one cancelled after it was counted stays counted.
 */
export const orderLinesPlaced = (after: OrderMark | null, until: Date, limit: number) => sql`
  SELECT o.number, o.placed_at, l.sku FROM (
    SELECT ${orders.number}, ${orders.placedAt} FROM ${orders}
    WHERE ${orders.status} <> 'cancelled' AND ${orders.placedAt} < ${until.toISOString()}::timestamptz
      ${after ? sql`AND (${orders.placedAt}, ${orders.number}) > (${after.placedAt}::timestamptz, ${after.number})` : sql``}
    ORDER BY ${orders.placedAt}, ${orders.number} LIMIT ${limit}) o
  JOIN ${orderLines} l ON l.order_number = o.number`;

export async function orderedLines(db: Database, number: string) {
  return db
    .select({ sku: orderLines.sku, name: orderLines.name, quantity: orderLines.quantity })
    .from(orderLines)
    .where(eq(orderLines.orderNumber, number))
    .orderBy(orderLines.sku);
}

export async function orderNumbersOf(db: Database, userId: string): Promise<string[]> {
  const rows = await db.select({ number: orders.number }).from(orders).where(eq(orders.userId, userId)).orderBy(desc(orders.placedAt));
  return rows.map((r) => r.number);
}

/** Guest orders placed with this (verified) email join the account. */
export async function claimGuestOrders(db: Database, userId: string, email: string): Promise<number> {
  const claimed = await db
    .update(orders)
    .set({ userId })
    .where(and(isNull(orders.userId), eq(sql`lower(${orders.email})`, email.toLowerCase())))
    .returning({ number: orders.number });
  return claimed.length;
}

const ERASED_EMAIL = "erased@invalid";
/** What accounting keeps of an address: where tax was owed. */
const anonymised = sql`jsonb_build_object('name', '', 'line1', '', 'line2', '', 'city', '', 'postalCode', '', 'phone', '',
  'region', shipping_address->>'region', 'country', shipping_address->>'country')`;

/**
 * A deleted account's orders stay for the books without whom they were for: no email, name, street
 * or phone; the region and country that decided their tax remain. Its unsent emails go too.
 */
export async function anonymiseOrdersOf(db: Pick<Database, "update" | "delete">, userId: string, email: string) {
  await db
    .update(orders)
    .set({ email: ERASED_EMAIL, shippingAddress: sql`${anonymised}` as unknown as ShippingAddress, userId: null })
    .where(eq(orders.userId, userId));
  await db
    .update(checkouts)
    .set({ email: ERASED_EMAIL, shippingAddress: sql`${anonymised}` as unknown as ShippingAddress, userId: null })
    .where(eq(checkouts.userId, userId));
  await forgetMessagesTo(db, email);
}
