import { stage } from "../run";
import { CARTS, CONNECTIONS } from "./config";
import type { LoadOptions } from "./load";
import { cartHeaders, cartRequest, type InStockProduct, inParallel, mintCartCookie, settle, stockedSkus } from "./shoppers";

type Scenario = Omit<LoadOptions, "seconds" | "connections"> & { before?: () => Promise<unknown> };

/** The cart's writes and reads: spread over 1,000 carts, on one hot cart, and a visitor's first add. */
export async function cartScenarios(base: string, inStock: InStockProduct[]): Promise<Scenario[]> {
  const skus = inStock.map((p) => p.sku);
  const carts: string[] = [];
  await stage(`${CARTS} visitors given their cart ids`, () =>
    inParallel(Array.from({ length: CARTS }), CONNECTIONS, async () => void carts.push(await mintCartCookie(base))),
  );
  let next = 0;
  const spreadAdd = () => {
    const n = next++;
    return {
      headers: cartHeaders(base, carts[n % CARTS]!),
      // Cart c's round r adds SKU c + r + 1: a new line each round, never past the stock.
      body: JSON.stringify({ sku: skus[((n % CARTS) + Math.floor(n / CARTS) + 1) % skus.length], quantity: 1 }),
    };
  };

  // The spread scenarios measure 1,000 shoppers shopping: carts that exist and are in use. Local
  // workerd evicts an object 10 s after its last call (Cloudflare: 70-140 s), and evicting hundreds at
  // once takes the CPU a measurement needs. So the carts are made, left until all are evicted, and
  // woken in one lap just before the measurement, which then calls each every few seconds. A cart's
  // first add, which creates its object, is measured apart, last.
  const makeCarts = async () => {
    await stage(`${CARTS} carts with one line each`, () =>
      inParallel(carts, CONNECTIONS, (cart, i) => cartRequest(base, cart, "POST", "/api/cart/items", { sku: skus[i % skus.length], quantity: 1 })),
    );
    await settle();
    await stage(`${CARTS} carts woken`, () => inParallel(carts, CONNECTIONS, (cart) => cartRequest(base, cart, "GET", "/api/cart")));
  };
  const firstAdd = () => ({
    // A visitor with no cookie yet: the edge mints its id with the add.
    headers: cartHeaders(base),
    body: JSON.stringify({ sku: skus[next++ % skus.length], quantity: 1 }),
  });
  let reads = 0;
  const spreadGet = () => ({ headers: { Cookie: carts[reads++ % CARTS]! } });
  // One cart every request writes to: lines of SKUs with stock for 2, whose quantities flip 1 ↔ 2.
  const hotCart = await mintCartCookie(base);
  const hotSkus = await stockedSkus(base, inStock, 5, 2);
  for (const sku of hotSkus) await cartRequest(base, hotCart, "POST", "/api/cart/items", { sku, quantity: 1 });
  let writes = 0;
  const hotWrite = () => {
    const n = writes++;
    return {
      path: `/api/cart/items/${hotSkus[n % hotSkus.length]}`,
      headers: cartHeaders(base, hotCart),
      body: JSON.stringify({ quantity: 1 + (Math.floor(n / hotSkus.length) % 2) }),
    };
  };

  return [
    { name: `cart add (POST, spread over ${CARTS} carts)`, url: `${base}/api/cart/items`, method: "POST" as const, request: spreadAdd, before: makeCarts },
    { name: `cart get (GET, spread over ${CARTS} carts)`, url: `${base}/api/cart`, request: spreadGet },
    { name: "cart writes, one hot cart (PATCH quantity)", url: `${base}/api/cart/items`, method: "PATCH" as const, request: hotWrite, before: settle },
    { name: "cart add, first (POST, a new cart each)", url: `${base}/api/cart/items`, method: "POST" as const, request: firstAdd },
  ];
}
