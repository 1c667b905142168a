import { useEffect } from "react";
import { useCartStore } from "./store";

/** The cart, loaded once for the page whichever widget asks first. */
export function useCart() {
  const cart = useCartStore((s) => s.cart);
  const load = useCartStore((s) => s.load);
  useEffect(() => {
    // A load already running serves every widget; asking again would queue a second read.
    const { cart: held, loading } = useCartStore.getState();
    if (!held && !loading) void load();
  }, [load]);
  return cart;
}
