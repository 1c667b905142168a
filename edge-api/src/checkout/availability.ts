import { type AnyColumn, type SQL, sql } from "drizzle-orm";
import { inventory } from "./schema";

/**
 * Units of a SKU that can be sold now, as a part of another domain's statement (the catalog's
 * listings, product pages and prices): checkout owns the stock, the catalog reads it through this.
 */
export const availableUnits = (sku: SQL | AnyColumn): SQL<number> =>
  sql`coalesce((SELECT ${inventory.available} FROM ${inventory} WHERE ${inventory.sku} = ${sku}), 0)`;
