import { Cart } from "@shop/contracts";
import { sql } from "drizzle-orm";
import { expect } from "vitest";
import { call, json, query } from "./helpers";

export interface Sellable extends Record<string, unknown> {
  sku: string;
  price: number;
  available: number;
}

export async function skus(count: number, condition = sql`i.available >= 20`): Promise<Sellable[]> {
  return query<Sellable>(sql`SELECT v.sku, v.price_cents AS price, i.available FROM variants v JOIN inventory i ON i.sku = v.sku
    WHERE ${condition} AND NOT v.discontinued ORDER BY v.id DESC LIMIT ${count}`);
}

/** A fresh cart with the given lines; returns its cookie and the cart. */
export async function cartWith(lines: Array<[string, number]>) {
  let cookie = "";
  let cart: Cart | undefined;
  for (const [sku, quantity] of lines) {
    const response = await json("POST", "/api/cart/items", { sku, quantity }, cookie ? { Cookie: cookie } : {});
    expect(response.status, await response.clone().text()).toBe(200);
    cookie ||= response.headers.get("Set-Cookie")!.split(";")[0]!;
    cart = Cart.parse(await response.json());
  }
  return { cookie, cart: cart! };
}

/** The cart object's name in a `cart_id=<id>.<signature>` cookie. */
export const cartNameOf = (cookie: string) => decodeURIComponent(cookie.slice(cookie.indexOf("=") + 1)).split(".")[0]!;

/** The cart as the API answers it for this cookie. */
export async function cartOf(cookie: string): Promise<Cart> {
  return Cart.parse(await (await call("/api/cart", { headers: { Cookie: cookie } })).json());
}
