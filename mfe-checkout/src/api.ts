import { requestJson as request } from "@shop/contracts/browser";
import type { Checkout, Order, PayResult, ShippingAddress, ShippingMethodId } from "@shop/contracts";

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
