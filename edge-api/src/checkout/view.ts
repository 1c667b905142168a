import { type Checkout, type Order, type OrderTotals, SHIPPING_METHODS, shippingOptions, trackingUrl } from "@shop/contracts";
import { asc, eq } from "drizzle-orm";
import type { Database } from "../db/client";
import type { Env } from "../env";
import { orderPageUrl } from "./order-access";
import { returnableOf, returnsOf } from "./returns";
import { type checkouts, orderEvents, orderLines, orders } from "./schema";

type CheckoutRow = typeof checkouts.$inferSelect;

/** The link the shopper keeps: order number and the page that opens it. */
export const orderLink = (env: Env, number: string) => ({ number, url: orderPageUrl(env, number) });

type ChargedTotals = Pick<CheckoutRow, "currency" | "subtotalCents" | "discountCents" | "shippingCents" | "taxCents" | "totalCents">;

/** The totals a checkout charged (and its order keeps), as the API shows money. */
function totalsOf(row: ChargedTotals): OrderTotals {
  const money = (amount: number) => ({ amount, currency: row.currency });
  return {
    subtotal: money(row.subtotalCents),
    discount: money(row.discountCents),
    shipping: money(row.shippingCents),
    tax: money(row.taxCents),
    total: money(row.totalCents),
  };
}

export function checkoutView(env: Env, row: CheckoutRow, orderNumber: string | null): Checkout {
  return {
    id: row.id,
    status: row.status,
    email: row.email,
    shippingAddress: row.shippingAddress,
    shippingMethod: row.shippingMethod,
    shippingOptions: shippingOptions(row.subtotalCents - row.discountCents, row.currency, row.createdAt),
    lines: row.lines,
    coupon: row.couponCode && row.discountCents > 0 ? { code: row.couponCode, description: row.couponDescription ?? "" } : null,
    totals: totalsOf(row),
    reservationExpiresAt: row.expiresAt.toISOString(),
    payment: { clientSecret: row.clientSecret, publishableKey: env.STRIPE_PUBLISHABLE_KEY ?? null, lastError: row.lastPaymentError },
    order: orderNumber ? orderLink(env, orderNumber) : null,
  };
}

/** An order as its owner (or an operator) reads it, with its whole history. */
export async function orderView(db: Database, number: string): Promise<Order | undefined> {
  const [order] = await db.select().from(orders).where(eq(orders.number, number));
  if (!order) return undefined;
  const [lines, history, returned] = await Promise.all([
    db.select().from(orderLines).where(eq(orderLines.orderNumber, number)).orderBy(asc(orderLines.sku)),
    db.select().from(orderEvents).where(eq(orderEvents.orderNumber, number)).orderBy(asc(orderEvents.id)),
    returnsOf(db, { orderNumber: number }),
  ]);
  const money = (amount: number) => ({ amount, currency: order.currency });
  return {
    number: order.number,
    status: order.status,
    placedAt: order.placedAt.toISOString(),
    email: order.email,
    shippingAddress: order.shippingAddress,
    shippingMethod: { id: order.shippingMethod, label: SHIPPING_METHODS[order.shippingMethod].label },
    lines: lines.map((l) => ({
      sku: l.sku,
      name: l.name,
      options: l.options,
      quantity: l.quantity,
      unitPrice: money(l.unitPriceCents),
      lineTotal: money(l.lineTotalCents),
    })),
    coupon: order.couponCode,
    totals: totalsOf(order),
    refunded: money(order.refundedCents),
    payment: { reference: order.paymentIntentId },
    history: history.map((e) => ({ at: e.at.toISOString(), status: e.toStatus, cause: e.cause })),
    shipment:
      order.carrier || order.trackingNumber
        ? { carrier: order.carrier, trackingNumber: order.trackingNumber, trackingUrl: trackingUrl(order.carrier, order.trackingNumber) }
        : null,
    returnable: await returnableOf(db, order, lines),
    returns: returned,
  };
}
