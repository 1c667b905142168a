import type { Cart } from "@shop/contracts";
import { announceCartChanged, announceCartProducts, onCartChanged } from "@shop/contracts/browser";
import { create } from "zustand";
import { addCartItem, applyCartCoupon, fetchCart, openCartLive, removeCartCoupon, removeCartItem, setCartQuantity } from "./api";
import { withAdded, withQuantity } from "./optimistic";

export interface CartStore {
  /** What the shopper sees: the server's cart with any change still in flight already applied. */
  cart: Cart | null;
  /** The last cart the server sent; a refused change rolls back to it. */
  confirmed: Cart | null;
  loading: boolean;
  /** The server's reason for the last refused change, shown until the next change. */
  error: string | null;
  /** Whose change it was (a SKU, or "coupon"): a line's refusal is said on that line. */
  errorFor: string | null;
  /** SKUs with a change in flight, so their controls can show it. */
  pending: string[];
  drawerOpen: boolean;
  load: () => Promise<void>;
  add: (sku: string, quantity?: number) => Promise<boolean>;
  setQuantity: (sku: string, quantity: number) => Promise<boolean>;
  remove: (sku: string) => Promise<boolean>;
  /** Resolves to the server's reason when it refuses the code, or null when applied. */
  applyCoupon: (code: string) => Promise<string | null>;
  removeCoupon: () => Promise<boolean>;
  openDrawer: () => void;
  closeDrawer: () => void;
}

function accept(cart: Cart) {
  useCartStore.setState({ cart, confirmed: cart });
  announceCartProducts(cart.lines.flatMap((line) => (line.product ? [line.product] : [])));
  if (cart.version > 0) followLive();
}

/** The cart the page was rendered with at the edge, taken as the server's word. */
export const adoptCart = (cart: Cart) => accept(cart);

/**
 * The other tabs of this browser share the cart (its cookie). A change made here is announced to
 * them, so a tab opened before the cart existed (and so not yet following it live) catches up at
 * once, and from then on follows the cart's live channel. Other remotes announce their changes the
 * same way (sign-in, reorder). A visitor who never adds anything opens no socket.
 */
onCartChanged(({ version }) => {
  if (version === null || version !== useCartStore.getState().confirmed?.version) void useCartStore.getState().load();
});

/** A change this tab made went through. */
function acceptChange(cart: Cart) {
  accept(cart);
  announceCartChanged(cart.version);
}

/** Marks `key` (a SKU, or "coupon") busy while `work` runs, so its controls can show it. */
async function whileBusy<T>(key: string, work: () => Promise<T>): Promise<T> {
  useCartStore.setState((s) => ({ pending: [...s.pending, key] }));
  try {
    return await work();
  } finally {
    useCartStore.setState((s) => ({ pending: s.pending.filter((x) => x !== key) }));
  }
}

/**
 * One change: shown at once (`preview`), then replaced by the server's whole cart; when the server
 * refuses, the cart rolls back to what the server last said and the reason is shown.
 */
function change(key: string, request: () => Promise<Cart>, preview?: (cart: Cart) => Cart): Promise<boolean> {
  useCartStore.setState((s) => ({ error: null, errorFor: null, cart: s.cart && preview ? preview(s.cart) : s.cart }));
  return whileBusy(key, async () => {
    try {
      acceptChange(await request());
      return true;
    } catch (err) {
      useCartStore.setState((s) => ({ cart: s.confirmed, error: (err as Error).message, errorFor: key }));
      return false;
    }
  });
}

/**
 * Live sync: once the page has a cart, a WebSocket tells it of changes made anywhere (other tabs,
 * later other devices). Before that, the tabs of this browser tell each other (above).
 */
let live: WebSocket | undefined;
let reconnectDelay = 1_000;
function followLive() {
  if (live || typeof WebSocket === "undefined") return;
  live = openCartLive(
    (version) => {
      reconnectDelay = 1_000;
      if (version !== useCartStore.getState().confirmed?.version) void useCartStore.getState().load();
    },
    () => {
      live = undefined;
      setTimeout(followLive, reconnectDelay);
      reconnectDelay = Math.min(reconnectDelay * 2, 30_000);
    },
  );
}
if (typeof document !== "undefined") {
  document.addEventListener("visibilitychange", () => {
    if (document.visibilityState === "visible" && !live) void useCartStore.getState().load();
  });
}

let reloadRequested = false;

/** The one cart store of the page: the shell's header and every remote read this same instance. */
export const useCartStore = create<CartStore>((set, get) => ({
  cart: null,
  confirmed: null,
  loading: false,
  error: null,
  errorFor: null,
  pending: [],
  drawerOpen: false,
  load: async () => {
    // A load asked for while one runs may have been asked because of a newer change: run once more.
    if (get().loading) {
      reloadRequested = true;
      return;
    }
    set({ loading: true });
    try {
      do {
        reloadRequested = false;
        accept(await fetchCart());
      } while (reloadRequested);
    } catch (err) {
      set({ error: (err as Error).message, errorFor: null });
    } finally {
      set({ loading: false });
    }
  },
  add: (sku, quantity = 1) =>
    change(
      sku,
      () => addCartItem(sku, quantity),
      (cart) => withAdded(cart, sku, quantity),
    ),
  setQuantity: (sku, quantity) =>
    change(
      sku,
      () => setCartQuantity(sku, quantity),
      (cart) => withQuantity(cart, sku, quantity),
    ),
  remove: (sku) =>
    change(
      sku,
      () => removeCartItem(sku),
      (cart) => withQuantity(cart, sku, 0),
    ),
  // A refused code is the coupon form's business (it shows why); the cart itself did not change.
  applyCoupon: (code) =>
    whileBusy("coupon", async () => {
      try {
        acceptChange(await applyCartCoupon(code));
        return null;
      } catch (err) {
        return (err as Error).message;
      }
    }),
  removeCoupon: () => change("coupon", () => removeCartCoupon()),
  openDrawer: () => set({ drawerOpen: true }),
  closeDrawer: () => set({ drawerOpen: false }),
}));
