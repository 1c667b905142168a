import type { Context } from "hono";
import { cached, cachedBody } from "../catalog/cache";
import { type CurrentSku, currentSkus } from "../catalog/products";
import type { AppEnv } from "../env";
import type { Sellable } from "./cart-object";

/** What this request has already looked up: an add checks its SKU, then prices the cart with it. */
const seenThisRequest = new WeakMap<Context<AppEnv>, Map<string, CurrentSku | undefined>>();

/**
 * The catalog's view of cart SKUs, through the catalog cache: the same freshness rule as every page
 * a shopper sees (at most 60 s old, and new at once after an operator's change, which bumps the
 * catalog version). A busy cart then costs no database round trip per change.
 */
export async function cartSkus(c: Context<AppEnv>, skus: string[]): Promise<Map<string, CurrentSku>> {
  const known = seenThisRequest.get(c) ?? new Map<string, CurrentSku | undefined>();
  seenThisRequest.set(c, known);
  const found = await Promise.all(
    skus.map(async (sku) => {
      if (!known.has(sku)) known.set(sku, cachedBody<CurrentSku>(await cached(c, `cart-sku:${sku}`, async (db) => (await currentSkus(db, [sku])).get(sku))));
      return [sku, known.get(sku)] as const;
    }),
  );
  return new Map(found.filter((entry): entry is [string, CurrentSku] => entry[1] !== undefined));
}

/** What the cart needs to take a SKU: its current price and stock, or undefined when we do not sell it. */
export function sellable(sku: string, current: CurrentSku | undefined): Sellable | undefined {
  return current && { sku, unitPrice: { amount: current.unitPrice, currency: current.currency }, available: current.available };
}

export async function findSellableSku(c: Context<AppEnv>, sku: string): Promise<Sellable | undefined> {
  return sellable(sku, (await cartSkus(c, [sku])).get(sku));
}
