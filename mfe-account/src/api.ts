import type { MailPreferences, Order, OrderHistory, Profile, Reorder, SavedAddress, ShippingAddress, Wishlist } from "@shop/contracts";
import { requestJson } from "@shop/contracts/browser";

const send = <T>(method: string, path: string, body?: unknown) =>
  requestJson<T>(path, { method, ...(body === undefined ? {} : { body: JSON.stringify(body) }) });

export const SESSION_URL = "/api/auth/get-session";
export const PROFILE_URL = "/api/account";
/** The session as Better Auth answers it: null for a guest (a 200, so a guest's console shows no failure). */
export const fetchSession = () => requestJson<{ session: { id: string } } | null>(SESSION_URL);
/** Ends one of the shopper's sessions, named by id (the list carries no tokens). */
export const revokeSession = (id: string) => send<unknown>("POST", "/api/auth/revoke-session", { id });
export const signOut = () => requestJson<unknown>("/api/auth/sign-out", { method: "POST", body: "{}" });
export const fetchProfile = () => requestJson<Profile>(PROFILE_URL);
export const renameProfile = (name: string) => send<Profile>("PATCH", "/api/account", { name });
export const fetchAddresses = () => requestJson<SavedAddress[]>("/api/account/addresses");
export interface AddressChange {
  address: ShippingAddress;
  defaultShipping?: boolean;
  defaultBilling?: boolean;
}
export const saveAddress = (change: AddressChange, id?: string) =>
  id ? send<SavedAddress>("PUT", `/api/account/addresses/${id}`, change) : send<SavedAddress>("POST", "/api/account/addresses", change);
export const deleteAddress = (id: string) => send<{ ok: true }>("DELETE", `/api/account/addresses/${id}`);
export const fetchOrders = (page: number) => requestJson<OrderHistory>(`/api/account/orders?page=${page}`);
export const fetchOrder = (number: string) => requestJson<Order>(`/api/account/orders/${encodeURIComponent(number)}`);
export const reorder = (number: string) => send<Reorder>("POST", `/api/account/orders/${encodeURIComponent(number)}/reorder`);
export const claimOrders = () => send<{ claimed: number }>("POST", "/api/account/orders/claim");
export const fetchWishlist = () => requestJson<Wishlist>("/api/account/wishlist");
export const keepInWishlist = (slug: string) => send<{ ok: true }>("PUT", `/api/account/wishlist/${slug}`);
export const dropFromWishlist = (slug: string) => send<{ ok: true }>("DELETE", `/api/account/wishlist/${slug}`);
export const moveToCart = (slug: string) => send<{ ok: true }>("POST", `/api/account/wishlist/${slug}/move-to-cart`);
export const deleteAccount = (password: string | undefined) =>
  send<{ ok: true }>("DELETE", "/api/account", { confirm: "delete my account", ...(password ? { password } : {}) });
export const fetchMailPreferences = () => requestJson<MailPreferences>("/api/notifications/preferences");
export const saveMailPreferences = (change: MailPreferences) => send<MailPreferences>("PATCH", "/api/notifications/preferences", change);
