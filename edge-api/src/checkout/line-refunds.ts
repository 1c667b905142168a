import { formatMoney } from "@shop/contracts";
import { and, eq, ne, sql } from "drizzle-orm";
import type { Database } from "../db/client";
import type { Env } from "../env";
import { ApiFailure } from "../errors";
import { refundOrder } from "./lifecycle";
import { paidShare } from "./returns";
import { orderLines, orders, refundLines, refunds, returnLines, returns } from "./schema";
import { putBackOnSale, type Transaction } from "./stock";

// An operator refunds chosen lines of an order (a damaged item, one that never shipped): their paid
// share, through the order's refund path, and — when asked — their units back on sale once Stripe
// has refunded them. The units are counted under the order's lock, so racing refunds of the same
// line pay it back once.

export interface RefundedLine {
  sku: string;
  quantity: number;
}

/** Units of each SKU already paid back: by earlier line refunds (not failed) and by returns received. */
async function unitsPaidBack(tx: Transaction, number: string): Promise<Map<string, number>> {
  const { rows } = await tx.execute<{ sku: string; units: number }>(sql`
    SELECT sku, sum(units)::int AS units FROM (
      SELECT rl.sku, rl.quantity AS units FROM ${refundLines} rl JOIN ${refunds} r ON r.id = rl.refund_id
        WHERE r.order_number = ${number} AND r.status <> 'failed'
      UNION ALL
      SELECT l.sku, l.received FROM ${returnLines} l JOIN ${returns} x ON x.number = l.return_number
        WHERE x.order_number = ${number} AND x.status IN ('received', 'refunded')
    ) paid GROUP BY sku`);
  return new Map(rows.map((r) => [r.sku, r.units]));
}

export async function refundOrderLines(db: Database, env: Env, number: string, chosen: RefundedLine[], restock: boolean, reason: string, actor: string) {
  const [order] = await db.select().from(orders).where(eq(orders.number, number));
  if (!order) throw new ApiFailure(404, "not_found", `No order ${number}.`);
  const lines = new Map((await db.select().from(orderLines).where(eq(orderLines.orderNumber, number))).map((l) => [l.sku, l]));
  for (const { sku } of chosen) {
    if (!lines.has(sku)) throw new ApiFailure(422, "not_in_order", `${sku} is not in order ${number}.`, {}, { lines: `${sku} is not in this order` });
  }
  const cents = chosen.reduce((sum, l) => sum + paidShare(order, lines.get(l.sku)!, l.quantity), 0);
  if (cents <= 0) throw new ApiFailure(409, "nothing_to_refund", "These items were free: there is nothing to refund.");
  let refundId = "";
  const said = chosen.map((l) => `${l.quantity} × ${l.sku}`).join(", ");
  await refundOrder(db, env, number, cents, `${reason} (${said})`, actor, "refund", {
    // Under the order's lock (refundOrder takes it first): what is left of each line is read and
    // claimed in the refund's transaction.
    claim: async (tx, id) => {
      refundId = id;
      const paid = await unitsPaidBack(tx, number);
      for (const l of chosen) {
        const left = lines.get(l.sku)!.quantity - (paid.get(l.sku) ?? 0);
        if (l.quantity > left) {
          throw new ApiFailure(
            409,
            "already_refunded",
            `Only ${left} of ${l.sku} ${left === 1 ? "is" : "are"} left to refund.`,
            {},
            {
              lines: `At most ${left} of ${l.sku}`,
            },
          );
        }
      }
      await tx.insert(refundLines).values(chosen.map((l) => ({ refundId: id, sku: l.sku, quantity: l.quantity })));
    },
    // A refused refund is marked failed, which its lines then no longer count against.
    release: async () => {},
  });
  if (restock) {
    await db.transaction(async (tx) => {
      const claimed = await tx
        .update(refundLines)
        .set({ restocked: true })
        .where(and(eq(refundLines.refundId, refundId), ne(refundLines.restocked, true)))
        .returning({ sku: refundLines.sku, quantity: refundLines.quantity });
      await putBackOnSale(tx, claimed, `refund of ${number}`, actor);
    });
  }
  return formatMoney({ amount: cents, currency: order.currency });
}
