import { LOW_STOCK, type StockDetail, type StockList, type StockRow } from "@shop/contracts";
import { and, asc, desc, eq, gt, inArray, type SQL, sql } from "drizzle-orm";
import { recordAudit } from "../audit/record";
import { currentSkus } from "../catalog/products";
import type { Database } from "../db/client";
import { isForeignKeyViolation } from "../db/errors";
import { pageOf } from "../db/keyset";
import { ApiFailure } from "../errors";
import { inventory, reservations, stockMovements } from "./schema";

// The checkout team's back office: stock levels per SKU, the low ones first when asked, and every
// change an operator makes kept in the stock-movements ledger with its reason and the audit log.

type Tx = Parameters<Parameters<Database["transaction"]>[0]>[0];

/** The SKU's stock row, locked; a SKU the catalog sells but never stocked counts as 0. 404 when the catalog has no such SKU. */
async function lockedLevel(tx: Tx, sku: string): Promise<number> {
  try {
    await tx.insert(inventory).values({ sku, available: 0 }).onConflictDoNothing();
  } catch (err) {
    // The stock row's foreign key: the catalog has no such SKU.
    if (isForeignKeyViolation(err)) {
      throw new ApiFailure(404, "unknown_sku", `No SKU ${sku}.`);
    }
    throw err;
  }
  const [row] = await tx.select({ available: inventory.available }).from(inventory).where(eq(inventory.sku, sku)).for("update");
  return row!.available;
}

async function change(db: Database, actor: string, sku: string, kind: "adjustment" | "count", level: (before: number) => number, reason: string) {
  return db.transaction(async (tx) => {
    const before = await lockedLevel(tx, sku);
    const after = level(before);
    if (after < 0) {
      throw new ApiFailure(
        409,
        "stock_below_zero",
        `${sku} has ${before} units; it can't lose ${before - after}.`,
        {},
        { change: `At most ${before} can go out` },
      );
    }
    await tx.update(inventory).set({ available: after }).where(eq(inventory.sku, sku));
    await tx.insert(stockMovements).values({ sku, kind, change: after - before, availableAfter: after, reason, actor });
    await recordAudit(tx, actor, {
      area: "checkout",
      action: `stock.${kind === "count" ? "set" : "adjust"}`,
      subject: `sku:${sku}`,
      before: { available: before },
      after: { available: after, reason },
    });
    return { before, after };
  });
}

/** Units in (a delivery) or out (damage, loss), with why. Never below zero. */
export const adjustStock = (db: Database, actor: string, sku: string, units: number, reason: string) =>
  change(db, actor, sku, "adjustment", (before) => before + units, reason);

/** The level set outright, as a count found it. */
export const setStock = (db: Database, actor: string, sku: string, available: number, reason = "stock count") =>
  change(db, actor, sku, "count", () => available, reason);

/** Rows for these SKUs: the catalog's name and options, and what open checkouts hold. */
async function rowsFor(db: Database, levels: Array<{ sku: string; available: number }>): Promise<StockRow[]> {
  const skus = levels.map((l) => l.sku);
  if (skus.length === 0) return [];
  const [catalog, holds] = await Promise.all([
    currentSkus(db, skus),
    db
      .select({ sku: reservations.sku, held: sql<number>`sum(${reservations.quantity})`.mapWith(Number) })
      .from(reservations)
      .where(inArray(reservations.sku, skus))
      .groupBy(reservations.sku),
  ]);
  const held = new Map(holds.map((h) => [h.sku, h.held]));
  return levels.map(({ sku, available }) => ({
    sku,
    name: catalog.get(sku)?.name ?? null,
    options: catalog.get(sku)?.options ?? {},
    available,
    held: held.get(sku) ?? 0,
  }));
}

/**
 * Stock levels by SKU, a page at a time; `low`: only those at or below LOW_STOCK, the lowest first.
 * `q` is one SKU. Each order has its index (the key; inventory_available_idx).
 */
export async function listStock(
  db: Database,
  filter: { q?: string | undefined; low?: boolean | undefined; after?: string | undefined; limit: number },
): Promise<StockList> {
  const where: SQL[] = [];
  if (filter.q) where.push(eq(inventory.sku, filter.q.trim().toUpperCase()));
  // A literal, not a parameter: the planner then sees the partial index (inventory_low_idx) covers it.
  if (filter.low) where.push(sql`${inventory.available} <= ${sql.raw(String(LOW_STOCK))}`);
  if (filter.after) {
    const [level, sku] = filter.after.split("_", 2);
    if (filter.low && sku) where.push(sql`(${inventory.available}, ${inventory.sku}) > (${Number(level)}, ${sku})`);
    else where.push(gt(inventory.sku, filter.after));
  }
  const levels = await db
    .select({ sku: inventory.sku, available: inventory.available })
    .from(inventory)
    .where(and(...where))
    .orderBy(...(filter.low ? [asc(inventory.available), asc(inventory.sku)] : [asc(inventory.sku)]))
    .limit(filter.limit + 1);
  const { page, next } = pageOf(levels, filter.limit, (last) => (filter.low ? `${last.available}_${last.sku}` : last.sku));
  return { items: await rowsFor(db, page), next };
}

/** One SKU's level with its newest movements. */
export async function stockDetail(db: Database, sku: string): Promise<StockDetail> {
  const [level] = await db.select({ sku: inventory.sku, available: inventory.available }).from(inventory).where(eq(inventory.sku, sku));
  if (!level) throw new ApiFailure(404, "unknown_sku", `No stock is kept for ${sku}.`);
  const [[row], movements] = await Promise.all([
    rowsFor(db, [level]),
    db.select().from(stockMovements).where(eq(stockMovements.sku, sku)).orderBy(desc(stockMovements.id)).limit(50),
  ]);
  return {
    ...row!,
    movements: movements.map((m) => ({
      at: m.at.toISOString(),
      kind: m.kind,
      change: m.change,
      availableAfter: m.availableAfter,
      reason: m.reason,
      actor: m.actor,
    })),
  };
}

/** How many SKUs are at or below LOW_STOCK, counted to `cap` (inventory_low_idx holds only those). */
export async function lowStockCount(db: Database, cap: number): Promise<number> {
  const { rows } = await db.execute<{ n: number }>(
    sql`SELECT count(*)::int AS n FROM (SELECT 1 FROM inventory WHERE available <= ${sql.raw(String(LOW_STOCK))} LIMIT ${cap}) low`,
  );
  return rows[0]!.n;
}
