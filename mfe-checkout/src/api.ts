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

/** A signed-in shopper's email and default delivery address, to fill the form with; null for a guest. */
export async function accountDetails(): Promise<{ email: string; address: ShippingAddress | null } | null> {
  const session = await fetch("/api/auth/get-session", { credentials: "same-origin" }).then((r) => (r.ok ? (r.json() as Promise<{ user: { email: string } } | null>) : null)).catch(() => null);
  if (!session) return null;
  const saved = await request<Array<{ address: ShippingAddress; defaultShipping: boolean }>>("/api/account/addresses").catch(() => []);
  return { email: session.user.email, address: saved.find((a) => a.defaultShipping)?.address ?? null };
}

export const saveToAddressBook = (address: ShippingAddress) => request<unknown>("/api/account/addresses", { method: "POST", body: JSON.stringify({ address }) });
