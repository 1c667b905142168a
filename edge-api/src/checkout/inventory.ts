import type { Database } from "../db/client";
import { inventory } from "./schema";

const FOREIGN_KEY_VIOLATION = "23503";

/** Sets a SKU's sellable stock; false when the catalog has no such SKU (the stock row's foreign key says so). */
export async function setStock(db: Database, sku: string, available: number): Promise<boolean> {
  try {
    await db.insert(inventory).values({ sku, available }).onConflictDoUpdate({ target: inventory.sku, set: { available } });
    return true;
  } catch (err) {
    if ((err as { code?: string }).code === FOREIGN_KEY_VIOLATION || (err as { cause?: { code?: string } }).cause?.code === FOREIGN_KEY_VIOLATION) return false;
    throw err;
  }
}
