import { eq } from "drizzle-orm";
import type { Database } from "../db/client";
import { inventory, variants } from "../catalog/schema";

/** Sets a SKU's sellable stock; false when there is no such SKU. */
export async function setStock(db: Database, sku: string, available: number): Promise<boolean> {
  const [variant] = await db.select({ sku: variants.sku }).from(variants).where(eq(variants.sku, sku)).limit(1);
  if (!variant) return false;
  await db.insert(inventory).values({ sku, available }).onConflictDoUpdate({ target: inventory.sku, set: { available } });
  return true;
}
