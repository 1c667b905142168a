import type { Cart } from "@shop/contracts";
import { requestJson } from "@shop/contracts/browser";

/** The visitor's cart: what the page reads first (and the edge renders it from). */
export const CART_URL = "/api/cart";

const cartRequest = (path: string, init?: RequestInit) => requestJson<Cart>(`${CART_URL}${path}`, init);
const item = (sku: string) => `/items/${encodeURIComponent(sku)}`;

export const fetchCart = () => cartRequest("");
export const addCartItem = (sku: string, quantity: number) => cartRequest("/items", { method: "POST", body: JSON.stringify({ sku, quantity }) });
export const setCartQuantity = (sku: string, quantity: number) => cartRequest(item(sku), { method: "PATCH", body: JSON.stringify({ quantity }) });
export const removeCartItem = (sku: string) => cartRequest(item(sku), { method: "DELETE" });
export const applyCartCoupon = (code: string) => cartRequest("/coupon", { method: "PUT", body: JSON.stringify({ code }) });
export const removeCartCoupon = () => cartRequest("/coupon", { method: "DELETE" });

/** The cart's live channel: says the new version after every change, from any tab. */
export function openCartLive(onVersion: (version: number) => void, onClose: () => void): WebSocket {
  const url = new URL("/api/cart/live", location.href);
  url.protocol = url.protocol === "https:" ? "wss:" : "ws:";
  const socket = new WebSocket(url);
  socket.addEventListener("message", (event) => onVersion((JSON.parse(String(event.data)) as { version: number }).version));
  socket.addEventListener("close", onClose);
  return socket;
}
