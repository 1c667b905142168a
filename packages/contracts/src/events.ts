import type { Cart } from "./cart";

/** Events remotes send each other on `window`; the payload is the event's `detail`. */
export interface ShopEvents {
  "cart:updated": Cart;
}

export function emitShopEvent<K extends keyof ShopEvents>(name: K, detail: ShopEvents[K]): void {
  window.dispatchEvent(new CustomEvent(name, { detail }));
}

export function onShopEvent<K extends keyof ShopEvents>(name: K, listener: (detail: ShopEvents[K]) => void): () => void {
  const handler = (event: Event) => listener((event as CustomEvent<ShopEvents[K]>).detail);
  window.addEventListener(name, handler);
  return () => window.removeEventListener(name, handler);
}
