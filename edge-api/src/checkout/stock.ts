import { inArray, sql } from "drizzle-orm";
import type { Database } from "../db/client";
import { inventory } from "./schema";

/** A transaction handle, as drizzle's `transaction` callback receives it. */
export type Transaction = Parameters<Parameters<Database["transaction"]>[0]>[0];

export interface StockLine {
  sku: string;
  quantity: number;
}

/**
 * Puts units back on sale (a cancelled order, a return). The stock rows are locked in SKU order first:
 * every stock change takes its locks in that order (the checkout steps' SQL functions too, migration
 * 0031), so overlapping baskets wait for each other but never deadlock.
 */
export async function returnStock(tx: Transaction, lines: StockLine[]) {
  const sorted = [...lines].sort((a, b) => (a.sku < b.sku ? -1 : 1));
  await tx
    .select({ sku: inventory.sku })
    .from(inventory)
    .where(
      inArray(
        inventory.sku,
        sorted.map((l) => l.sku),
      ),
    )
    .orderBy(inventory.sku)
    .for("update");
  const changes = sql.join(
    sorted.map((l) => sql`(${l.sku}::text, ${l.quantity}::int)`),
    sql`, `,
  );
  await tx.execute(sql`UPDATE inventory AS i SET available = i.available + v.quantity FROM (VALUES ${changes}) AS v(sku, quantity) WHERE i.sku = v.sku`);
}

/** Units that came back (a return received, a refunded line restocked) on sale again, each in the stock ledger with why and who. */
export async function putBackOnSale(tx: Transaction, lines: StockLine[], reason: string, actor: string) {
  if (lines.length === 0) return;
  await returnStock(tx, lines);
  for (const line of lines) {
    await tx.execute(sql`INSERT INTO stock_movements (sku, kind, change, available_after, reason, actor)
      SELECT sku, 'return', ${line.quantity}, available, ${reason}, ${actor} FROM inventory WHERE sku = ${line.sku}`);
  }
}
