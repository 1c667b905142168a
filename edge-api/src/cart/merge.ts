import type { Context } from "hono";
import type { AppEnv } from "../env";
import { ApiFailure } from "../errors";
import { cartStub, userCartName } from "./cart-id";
import type { Sellable } from "./cart-object";
import { cartSkus, sellable } from "./catalog-view";
import type { StoredCart } from "./pricing";

/**
 * Sign-in: the guest cart's lines go into the user's cart (summed and capped by the cart rules), then
 * the guest cart is thrown away. Safe to retry: the user's cart merges each guest cart once, so if
 * the discard fails, the next attempt adds nothing twice and only finishes the discard. The account
 * team calls this. Returns the user's cart.
 */
export async function mergeGuestCart(c: Context<AppEnv>, guestCartId: string, userId: string): Promise<StoredCart> {
  const guest = cartStub(c.env, guestCartId);
  const user = cartStub(c.env, userCartName(userId));
  const guestCart = await guest.read();
  const current = await cartSkus(
    c,
    guestCart.lines.map((l) => l.sku),
  );
  const items: Record<string, Sellable> = {};
  for (const line of guestCart.lines) {
    const item = sellable(line.sku, current.get(line.sku));
    if (item) items[line.sku] = item;
  }
  const merged = await user.merge(guestCartId, guestCart, items);
  if (!merged.ok) throw new ApiFailure(merged.status, merged.code, `The guest cart could not join your cart: ${merged.message}`);
  await guest.discard();
  const { ok: _ok, ...cart } = merged;
  return cart;
}
