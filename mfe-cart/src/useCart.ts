import { useEffect } from "react";
import { useCartStore } from "./store";

/** The cart, loaded once for the page whichever widget asks first. */
export function useCart() {
  const cart = useCartStore((s) => s.cart);
  const load = useCartStore((s) => s.load);
  useEffect(() => {
    if (!useCartStore.getState().cart) void load();
  }, [load]);
  return cart;
}
