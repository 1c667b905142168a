import type { ApiError, Checkout, Order, PayResult, ShippingAddress, ShippingMethodId } from "@shop/contracts";

export class CheckoutRequestError extends Error {
  constructor(
    readonly status: number,
    readonly code: string,
    message: string,
  ) {
    super(message);
  }
}

async function request<T>(path: string, init?: RequestInit): Promise<T> {
  let response: Response;
  try {
    response = await fetch(path, { ...init, credentials: "same-origin", headers: { "Content-Type": "application/json", ...init?.headers } });
  } catch {
    throw new CheckoutRequestError(0, "offline", "We couldn't reach the shop. Check your connection and try again.");
  }
  if (!response.ok) {
    const body = (await response.json().catch(() => null)) as ApiError | null;
    throw new CheckoutRequestError(response.status, body?.error.code ?? "http_error", body?.error.message ?? `Something went wrong (HTTP ${response.status}); please try again.`);
  }
  return (await response.json()) as T;
}

export interface CheckoutDetails {
  email: string;
  shippingAddress: ShippingAddress;
  shippingMethod: ShippingMethodId;
}

export const startCheckout = (details: CheckoutDetails) => request<Checkout>("/api/checkout", { method: "POST", body: JSON.stringify(details) });
export const fetchCheckout = (id: string) => request<Checkout>(`/api/checkout/${encodeURIComponent(id)}`);
export const payCheckout = (id: string, paymentMethod: string) => request<PayResult>(`/api/checkout/${encodeURIComponent(id)}/pay`, { method: "POST", body: JSON.stringify({ paymentMethod }) });
export const fetchOrder = (number: string, token: string) => request<Order>(`/api/orders/${encodeURIComponent(number)}?token=${encodeURIComponent(token)}`);
