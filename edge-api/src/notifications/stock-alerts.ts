import { and, eq, gt, inArray, isNull, sql } from "drizzle-orm";
import { currentSkus } from "../catalog/products";
import { availableUnits } from "../checkout/availability";
import type { Database } from "../db/client";
import { ApiFailure } from "../errors";
import { queueMessage } from "./outbox";
import { stockAlerts } from "./schema";

/**
 * Asks for one email when a sold-out variant is back. The answer is the same whether the address has
 * an account or has asked before (the open request is unique per variant and address).
 */
export async function subscribeToRestock(db: Database, sku: string, email: string): Promise<{ productName: string }> {
  const variant = (await currentSkus(db, [sku])).get(sku);
  if (!variant) throw new ApiFailure(404, "unknown_variant", `No variant ${sku} is sold here.`);
  if (variant.available > 0) throw new ApiFailure(409, "in_stock", `${variant.name} is in stock now: add it to your cart.`);
  await db.insert(stockAlerts).values({ sku, email }).onConflictDoNothing();
  return { productName: variant.name };
}

/**
 * Queues one "back in stock" message per open request whose variant can be sold again, and ends those
 * requests, in one transaction (a second caller skips the rows the first has locked). Called when an
 * operator sets stock, and by the sweep for stock that came back otherwise (a lapsed checkout, a cancellation).
 */
export async function announceRestocks(db: Database, skus?: string[]): Promise<number> {
  return db.transaction(async (tx) => {
    // Only requests whose variant can be sold now: those still waiting are not read (nor locked) each
    // minute, so however many wait, a variant that comes back is found.
    const due = await tx
      .select({ id: stockAlerts.id, sku: stockAlerts.sku, email: stockAlerts.email })
      .from(stockAlerts)
      .where(and(isNull(stockAlerts.notifiedAt), skus ? inArray(stockAlerts.sku, skus) : undefined, gt(availableUnits(stockAlerts.sku), 0)))
      .orderBy(stockAlerts.id)
      .limit(500)
      .for("update", { skipLocked: true });
    if (due.length === 0) return 0;
    const variants = await currentSkus(tx as unknown as Database, [...new Set(due.map((a) => a.sku))]);
    // A discontinued variant is not sold again: its requests wait (and go with it).
    const sellable = due.filter((a) => variants.has(a.sku));
    for (const alert of sellable) {
      const variant = variants.get(alert.sku)!;
      await queueMessage(tx, {
        kind: "back_in_stock",
        recipient: alert.email,
        dedupeKey: `back_in_stock:${alert.id}`,
        data: { sku: alert.sku, productName: variant.name, options: variant.options, productPath: `/p/${variant.slug}?sku=${encodeURIComponent(alert.sku)}` },
      });
    }
    if (sellable.length)
      await tx
        .update(stockAlerts)
        .set({ notifiedAt: sql`now()` })
        .where(
          inArray(
            stockAlerts.id,
            sellable.map((a) => a.id),
          ),
        );
    return sellable.length;
  });
}

/** The open requests of an address (the account page lists them). */
export async function openAlertsOf(db: Database, email: string) {
  return db
    .select({ sku: stockAlerts.sku, createdAt: stockAlerts.createdAt })
    .from(stockAlerts)
    .where(and(eq(sql`lower(${stockAlerts.email})`, email.toLowerCase()), isNull(stockAlerts.notifiedAt)));
}
