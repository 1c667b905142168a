import type { Context } from "hono";
import { shopperOf } from "../account/shopper";
import type { AppEnv } from "../env";
import { cartIdOf, existingGuestCartId, userCartName } from "./cart-id";

/** The cart this request acts on: the signed-in shopper's, else the visitor's guest cart (minted if new). */
export async function currentCartOf(c: Context<AppEnv>): Promise<{ cartId: string; fresh: boolean }> {
  const shopper = await shopperOf(c);
  return shopper ? { cartId: userCartName(shopper.id), fresh: false } : cartIdOf(c);
}

/** The same without minting (a WebSocket follows a cart that exists). */
export async function existingCartOf(c: Context<AppEnv>): Promise<string | undefined> {
  const shopper = await shopperOf(c);
  return shopper ? userCartName(shopper.id) : existingGuestCartId(c);
}
