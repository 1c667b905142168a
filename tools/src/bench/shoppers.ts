import { stage } from "../run";

export interface InStockProduct {
  slug: string;
  sku: string;
}

export async function inStockProducts(base: string): Promise<InStockProduct[]> {
  const list = (await (await fetch(`${base}/api/catalog/products?limit=100`)).json()) as { items: Array<InStockProduct & { inStock: boolean }> };
  return list.items.filter((p) => p.inStock).map(({ slug, sku }) => ({ slug, sku }));
}

/** `count` SKUs of these products with at least `minimum` units, from their product pages. */
export async function stockedSkus(base: string, products: InStockProduct[], count: number, minimum: number): Promise<string[]> {
  const found: string[] = [];
  for (const item of products) {
    const product = (await (await fetch(`${base}/api/catalog/products/${item.slug}`)).json()) as { variants: Array<{ sku: string; available: number }> };
    const variant = product.variants.find((v) => v.available >= minimum);
    if (variant) found.push(variant.sku);
    if (found.length === count) return found;
  }
  throw new Error(`fewer than ${count} SKUs with ${minimum}+ units; reseed the bench catalog (npm run bench -- --products N)`);
}

export async function inParallel<T>(items: T[], width: number, work: (item: T, index: number) => Promise<void>) {
  let next = 0;
  await Promise.all(
    Array.from({ length: width }, async () => {
      while (next < items.length) {
        const index = next++;
        await work(items[index]!, index);
      }
    }),
  );
}

/** Local workerd evicts objects idle for 10 s: waiting that long lets the evictions pass before the next measurement. */
export const settle = () => stage("objects idle long enough to be evicted", () => new Promise((resolve) => setTimeout(resolve, 12_000)));

/** What a shopper's browser sends with a cart change: its page's origin, the cart cookie and a JSON body. */
export const cartHeaders = (base: string, cartCookie?: string) => ({
  "Content-Type": "application/json",
  Origin: base,
  ...(cartCookie && { Cookie: cartCookie }),
});

/** A visitor's cart cookie, as the edge mints it at first contact (ids are the edge's to choose). */
export async function mintCartCookie(base: string): Promise<string> {
  const response = await fetch(`${base}/api/cart`);
  const cookie = response.headers.get("Set-Cookie")?.split(";")[0];
  await response.arrayBuffer();
  if (!cookie) throw new Error("GET /api/cart gave no cart cookie");
  return cookie;
}

/** One cart request as a shopper's browser makes it; a refusal stops the bench. */
export async function cartRequest(base: string, cartCookie: string, method: string, pathname: string, body?: unknown) {
  const response = await fetch(`${base}${pathname}`, {
    method,
    headers: cartHeaders(base, cartCookie),
    body: body === undefined ? undefined : JSON.stringify(body),
  });
  if (!response.ok) throw new Error(`${method} ${pathname}: HTTP ${response.status} ${await response.text()}`);
  await response.arrayBuffer();
}
