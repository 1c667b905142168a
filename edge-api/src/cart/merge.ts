import type { Context } from "hono";
import type { AppEnv } from "../env";
import { cartStub, userCartName } from "./cart-id";
import type { Sellable } from "./cart-object";
import { cartSkus, sellable } from "./catalog-view";
import type { StoredCart } from "./pricing";

/**
 * Sign-in: the guest cart's lines go into the user's cart (summed and capped by the cart rules), then
 * the guest cart is thrown away. Returns the user's cart. The account team calls this.
 */
export async function mergeGuestCart(c: Context<AppEnv>, guestCartId: string, userId: string): Promise<StoredCart> {
  const guest = cartStub(c.env, guestCartId);
  const user = cartStub(c.env, userCartName(userId));
  const guestCart = await guest.read();
  const current = await cartSkus(c, guestCart.lines.map((l) => l.sku));
  const items: Record<string, Sellable> = {};
  for (const line of guestCart.lines) {
    const item = sellable(line.sku, current.get(line.sku));
    if (item) items[line.sku] = item;
  }
  const merged = await user.merge(guestCart, items);
  if (!merged.ok) throw new Error(`merge refused: ${merged.message}`);
  await guest.discard();
  const { ok: _ok, ...cart } = merged;
  return cart;
}
