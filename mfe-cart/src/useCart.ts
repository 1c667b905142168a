import type { Cart } from "@shop/contracts";
import { useRenderedAnswer } from "@shop/federation";
import { useEffect } from "react";
import { CART_URL } from "./api";
import { adoptCart, useCartStore } from "./store";

/**
 * The cart, loaded once for the page whichever widget asks first. A page the edge rendered starts
 * from the cart it rendered with (in the browser: the document's copy, adopted by the store without
 * a second fetch); the one store of the page is never given one visitor's cart at the edge.
 */
export function useCart(): Cart | null {
  const rendered = useRenderedAnswer<Cart>(CART_URL);
  const edgeCart = rendered?.status === 200 ? rendered.body : null;
  const cart = useCartStore((s) => s.cart);
  const load = useCartStore((s) => s.load);
  // biome-ignore lint/correctness/useExhaustiveDependencies: once per widget: the store holds the cart from then on
  useEffect(() => {
    // A load already running serves every widget; asking again would queue a second read.
    const { cart: held, loading } = useCartStore.getState();
    if (held || loading) return;
    if (edgeCart) adoptCart(edgeCart);
    else void load();
  }, [load]);
  // The store's once it has one (it follows every change); the edge's until then.
  return cart ?? edgeCart;
}
