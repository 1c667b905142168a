import type { Cart } from "@shop/contracts";
import { emitShopEvent } from "@shop/contracts/browser";
import { create } from "zustand";
import { addCartItem, fetchCart, removeCartItem, setCartQuantity } from "./api";

export interface CartStore {
  cart: Cart | null;
  loading: boolean;
  error: string | null;
  /** SKUs with an add in flight, so their buttons can show it. */
  adding: string[];
  load: () => Promise<void>;
  add: (sku: string, quantity?: number) => Promise<boolean>;
  setQuantity: (sku: string, quantity: number) => Promise<boolean>;
  remove: (sku: string) => Promise<boolean>;
}

function received(cart: Cart) {
  emitShopEvent("cart:updated", cart);
  return cart;
}

/** Runs one change of a line, marking it busy; the server's whole cart replaces ours, a refusal is shown. */
async function change(sku: string, request: () => Promise<Cart>): Promise<boolean> {
  useCartStore.setState((s) => ({ adding: [...s.adding, sku], error: null }));
  try {
    useCartStore.setState({ cart: received(await request()) });
    return true;
  } catch (err) {
    useCartStore.setState({ error: (err as Error).message });
    return false;
  } finally {
    useCartStore.setState((s) => ({ adding: s.adding.filter((x) => x !== sku) }));
  }
}

/** The one cart store of the page: the shell's header and every remote read this same instance. */
export const useCartStore = create<CartStore>((set, get) => ({
  cart: null,
  loading: false,
  error: null,
  adding: [],
  load: async () => {
    if (get().loading) return;
    set({ loading: true });
    try {
      set({ cart: received(await fetchCart()), error: null });
    } catch (err) {
      set({ error: (err as Error).message });
    } finally {
      set({ loading: false });
    }
  },
  setQuantity: (sku, quantity) => change(sku, () => setCartQuantity(sku, quantity)),
  remove: (sku) => change(sku, () => removeCartItem(sku)),
  add: async (sku, quantity = 1) => {
    set((s) => ({ adding: [...s.adding, sku], error: null }));
    try {
      set({ cart: received(await addCartItem(sku, quantity)) });
      return true;
    } catch (err) {
      set({ error: (err as Error).message });
      return false;
    } finally {
      set((s) => ({ adding: s.adding.filter((x) => x !== sku) }));
    }
  },
}));

export default useCartStore;
