import type { AdminOrderList, OrderStatus } from "@shop/contracts";
import { and, desc, eq, gte, lt, type SQL, sql } from "drizzle-orm";
import type { Database } from "../db/client";
import { after, keysetCursor, pageOf } from "../db/keyset";
import { orderLines, orders } from "./schema";

// The checkout team's back office: finding orders. Newest first, a page at a time by where the last
// page ended (placed_at, number), so page 1,000 costs what page 1 does; each filter has its index.

export interface OrderFilter {
  /** An order number (exactly), or a buyer's email (exactly, any case). */
  q?: string | undefined;
  status?: OrderStatus | undefined;
  /** Placed on or after this day, and on or before that one (UTC days, `YYYY-MM-DD`). */
  from?: string | undefined;
  to?: string | undefined;
  /** Where the previous page ended (its `next`). */
  after?: string | undefined;
  limit: number;
}

export async function listOrders(db: Database, filter: OrderFilter): Promise<AdminOrderList> {
  const where: SQL[] = [];
  const q = filter.q?.trim();
  if (q) where.push(q.includes("@") ? sql`lower(${orders.email}) = ${q.toLowerCase()}` : eq(orders.number, q.toUpperCase()));
  if (filter.status) where.push(eq(orders.status, filter.status));
  if (filter.from) where.push(gte(orders.placedAt, new Date(`${filter.from}T00:00:00Z`)));
  if (filter.to) where.push(lt(orders.placedAt, new Date(Date.parse(`${filter.to}T00:00:00Z`) + 86_400_000)));
  const older = after(orders.placedAt, orders.number, filter.after);
  if (older) where.push(older);
  const rows = await db
    .select({
      number: orders.number,
      email: orders.email,
      status: orders.status,
      placedAt: orders.placedAt,
      currency: orders.currency,
      totalCents: orders.totalCents,
      refundedCents: orders.refundedCents,
      items: sql<number>`(SELECT coalesce(sum(${orderLines.quantity}), 0) FROM ${orderLines} WHERE ${orderLines.orderNumber} = ${orders.number})`.mapWith(
        Number,
      ),
    })
    .from(orders)
    .where(and(...where))
    .orderBy(desc(orders.placedAt), desc(orders.number))
    .limit(filter.limit + 1);
  const { page, next } = pageOf(rows, filter.limit, (last) => keysetCursor(last.placedAt, last.number));
  return {
    items: page.map((r) => ({
      number: r.number,
      email: r.email,
      status: r.status,
      placedAt: r.placedAt.toISOString(),
      total: { amount: r.totalCents, currency: r.currency },
      refunded: { amount: r.refundedCents, currency: r.currency },
      items: r.items,
    })),
    next,
  };
}
