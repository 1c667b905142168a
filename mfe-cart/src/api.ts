import type { ApiError, Cart } from "@shop/contracts";

export class CartRequestError extends Error {
  constructor(
    readonly code: string,
    message: string,
  ) {
    super(message);
  }
}

async function cartRequest(path: string, init?: RequestInit): Promise<Cart> {
  const response = await fetch(`/api/cart${path}`, {
    ...init,
    credentials: "same-origin",
    headers: { "Content-Type": "application/json", ...init?.headers },
  });
  if (!response.ok) {
    const body = (await response.json().catch(() => null)) as ApiError | null;
    throw new CartRequestError(body?.error.code ?? "http_error", body?.error.message ?? `The cart could not be updated (HTTP ${response.status}).`);
  }
  return (await response.json()) as Cart;
}

export const fetchCart = () => cartRequest("");
export const addCartItem = (sku: string, quantity: number) => cartRequest("/items", { method: "POST", body: JSON.stringify({ sku, quantity }) });
export const setCartQuantity = (sku: string, quantity: number) =>
  cartRequest(`/items/${encodeURIComponent(sku)}`, { method: "PATCH", body: JSON.stringify({ quantity }) });
export const removeCartItem = (sku: string) => cartRequest(`/items/${encodeURIComponent(sku)}`, { method: "DELETE" });
