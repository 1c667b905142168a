import type { Context } from "hono";
import { type CacheFamily, cachedBody, cachedFamily } from "../catalog/cache";
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
  const unseen = [...new Set(skus.filter((sku) => !known.has(sku)))];
  if (unseen.length > 0) {
    const answers = await cachedFamily(c, cartSkuFamily, unseen);
    for (const sku of unseen) known.set(sku, cachedBody<CurrentSku>(answers.get(sku)));
  }
  return new Map(skus.flatMap((sku) => (known.get(sku) ? [[sku, known.get(sku)!] as const] : [])));
}

/** Each cart SKU is its own cache entry; a cart's lines are looked up, and stale ones refreshed, together. */
const cartSkuFamily: CacheFamily<CurrentSku> = { name: "cart-sku", load: currentSkus };

/** What the cart needs to take a SKU: its current price and stock, or undefined when we do not sell it. */
export function sellable(sku: string, current: CurrentSku | undefined): Sellable | undefined {
  return current && { sku, unitPrice: { amount: current.unitPrice, currency: current.currency }, available: current.available };
}

export async function findSellableSku(c: Context<AppEnv>, sku: string): Promise<Sellable | undefined> {
  return sellable(sku, (await cartSkus(c, [sku])).get(sku));
}
