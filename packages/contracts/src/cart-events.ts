// Events between remotes are named and typed here, Tractor-style: a remote that changes the cart
// outside the cart remote (sign-in merging carts, reorder, a wishlist item moved) says so, and every
// view of the cart in this tab and the browser's other tabs catches up.

export const CART_CHANGED = "cart:changed";

export interface CartChanged {
  type: typeof CART_CHANGED;
  /** The cart's version after the change, when the announcer knows it; null: reload to learn it. */
  version: number | null;
}

/** Says the cart changed, to this tab's listeners and the other tabs'. */
export function announceCartChanged(version: number | null = null) {
  if (typeof BroadcastChannel === "undefined") return;
  // A channel's own messages skip it: a fresh one reaches this tab's listeners too.
  const channel = new BroadcastChannel(CART_CHANGED);
  channel.postMessage({ type: CART_CHANGED, version } satisfies CartChanged);
  channel.close();
}

export const CART_PRODUCTS = "cart:products";

/**
 * Says which products this tab's cart holds (their slugs), whenever the cart remote learns its cart:
 * other remotes' suggestions leave them out. Kept on the document, so a widget that mounts later
 * reads what was said before it.
 */
export function announceCartProducts(slugs: string[]) {
  if (typeof document === "undefined") return;
  document.documentElement.dataset.cartProducts = slugs.join(" ");
  window.dispatchEvent(new Event(CART_PRODUCTS));
}

/** The products the cart last said it holds, space-separated ("" until it has said): a stable value to render from. */
export const cartProductsSaid = (): string => (typeof document === "undefined" ? "" : (document.documentElement.dataset.cartProducts ?? ""));

/** Calls `listener` whenever the cart says what it holds; returns how to stop. */
export function onCartProducts(listener: () => void): () => void {
  if (typeof window === "undefined") return () => {};
  window.addEventListener(CART_PRODUCTS, listener);
  return () => window.removeEventListener(CART_PRODUCTS, listener);
}

/** Calls `listener` on every cart change announced in this browser; returns how to stop. */
export function onCartChanged(listener: (change: CartChanged) => void): () => void {
  if (typeof BroadcastChannel === "undefined") return () => {};
  const channel = new BroadcastChannel(CART_CHANGED);
  channel.addEventListener("message", ({ data }: MessageEvent<unknown>) => {
    const change = data as Partial<CartChanged> | null;
    if (change?.type === CART_CHANGED && (change.version === null || Number.isInteger(change.version))) listener(change as CartChanged);
  });
  return () => channel.close();
}
