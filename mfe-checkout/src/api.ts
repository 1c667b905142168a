import type { Cart, Checkout, Order, OrderReturn, PayResult, ReturnRequest, ShippingAddress, ShippingMethodId } from "@shop/contracts";
import { requestJson } from "@shop/contracts/browser";

export interface CheckoutDetails {
  email: string;
  shippingAddress: ShippingAddress;
  shippingMethod: ShippingMethodId;
}

export const startCheckout = (details: CheckoutDetails) => requestJson<Checkout>("/api/checkout", { method: "POST", body: JSON.stringify(details) });
export const fetchCheckout = (id: string) => requestJson<Checkout>(`/api/checkout/${encodeURIComponent(id)}`);
export const payCheckout = (id: string, paymentMethod: string) =>
  requestJson<PayResult>(`/api/checkout/${encodeURIComponent(id)}/pay`, { method: "POST", body: JSON.stringify({ paymentMethod }) });
export const fetchCart = () => requestJson<Cart>("/api/cart");
/** An order: a guest's by the token from its link, a signed-in shopper's own without one. */
const orderUrl = (number: string, token: string, path = "") =>
  `/api/orders/${encodeURIComponent(number)}${path}${token ? `?token=${encodeURIComponent(token)}` : ""}`;
export const fetchOrder = (number: string, token: string) => requestJson<Order>(orderUrl(number, token));
export const requestReturn = (number: string, token: string, request: ReturnRequest) =>
  requestJson<OrderReturn>(orderUrl(number, token, "/returns"), { method: "POST", body: JSON.stringify(request) });

/** A signed-in shopper's email and default delivery address, to fill the form with; null for a guest. */
export async function accountDetails(): Promise<{ email: string; address: ShippingAddress | null } | null> {
  const session = await requestJson<{ user: { email: string } } | null>("/api/auth/get-session").catch(() => null);
  if (!session) return null;
  const saved = await requestJson<Array<{ address: ShippingAddress; defaultShipping: boolean }>>("/api/account/addresses").catch(() => []);
  return { email: session.user.email, address: saved.find((a) => a.defaultShipping)?.address ?? null };
}

export const saveToAddressBook = (address: ShippingAddress) =>
  requestJson<unknown>("/api/account/addresses", { method: "POST", body: JSON.stringify({ address }) });
