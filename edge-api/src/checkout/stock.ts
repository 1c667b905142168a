import { eq, inArray, sql } from "drizzle-orm";
import type { Database } from "../db/client";
import { inventory, reservations } from "./schema";

/** A transaction handle, as drizzle's `transaction` callback receives it. */
export type Transaction = Parameters<Parameters<Database["transaction"]>[0]>[0];

export interface StockLine {
  sku: string;
  quantity: number;
}

/**
 * Locks the SKUs' stock rows, always in SKU order: every checkout, release and restock takes its
 * locks in the same order, so overlapping baskets wait for each other but never deadlock.
 */
async function lockStock(tx: Transaction, skus: string[]): Promise<Map<string, number>> {
  const rows = await tx
    .select({ sku: inventory.sku, available: inventory.available })
    .from(inventory)
    .where(inArray(inventory.sku, skus))
    .orderBy(inventory.sku)
    .for("update");
  return new Map(rows.map((r) => [r.sku, r.available]));
}

const valuesOf = (lines: StockLine[]) =>
  sql.join(
    lines.map((l) => sql`(${l.sku}::text, ${l.quantity}::int)`),
    sql`, `,
  );

const stockChange = (lines: StockLine[], sign: 1 | -1) => sql`
  UPDATE inventory AS i SET available = i.available + ${sign}::int * v.quantity
  FROM (VALUES ${valuesOf(lines)}) AS v(sku, quantity) WHERE i.sku = v.sku`;

/**
 * Takes the lines' units out of available stock and records them as this checkout's reservation, or
 * takes nothing and names the SKUs that are short. Available stock never goes below zero (the lock
 * makes the check and the decrement one step; the table's CHECK backs it).
 */
export async function reserveStock(tx: Transaction, checkoutId: string, lines: StockLine[]): Promise<{ short: StockLine[] }> {
  const wanted = [...lines].sort((a, b) => (a.sku < b.sku ? -1 : 1));
  const available = await lockStock(
    tx,
    wanted.map((l) => l.sku),
  );
  const short = wanted.filter((l) => (available.get(l.sku) ?? 0) < l.quantity).map((l) => ({ sku: l.sku, quantity: available.get(l.sku) ?? 0 }));
  if (short.length > 0) return { short };
  // The decrement and the hold in one statement (the decrement a CTE of the insert).
  const taken = tx.$with("taken", { sku: sql<string>`sku` }).as(sql`${stockChange(wanted, -1)} RETURNING i.sku`);
  await tx
    .with(taken)
    .insert(reservations)
    .values(wanted.map((l) => ({ checkoutId, ...l })));
  return { short: [] };
}

/** Gives a checkout's reserved units back to available stock. */
export async function releaseReservation(tx: Transaction, checkoutId: string) {
  const held = await tx.select({ sku: reservations.sku, quantity: reservations.quantity }).from(reservations).where(eq(reservations.checkoutId, checkoutId));
  if (held.length === 0) return;
  await returnStock(tx, held);
  await tx.delete(reservations).where(eq(reservations.checkoutId, checkoutId));
}

/**
 * A paid checkout's reservation becomes the sale: the units are already out of stock, so only the
 * hold goes. A statement to run, or to make part of the order's (it is returned, not awaited).
 */
export function commitReservation(tx: Transaction, checkoutId: string) {
  return tx.delete(reservations).where(eq(reservations.checkoutId, checkoutId)).returning({ sku: reservations.sku });
}

/** Puts units back on sale (a released reservation, a cancelled order). */
export async function returnStock(tx: Transaction, lines: StockLine[]) {
  const sorted = [...lines].sort((a, b) => (a.sku < b.sku ? -1 : 1));
  await lockStock(
    tx,
    sorted.map((l) => l.sku),
  );
  await tx.execute(stockChange(sorted, 1));
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
