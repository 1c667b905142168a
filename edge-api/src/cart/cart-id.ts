import type { Context } from "hono";
import { getCookie, setCookie } from "hono/cookie";
import type { AppEnv } from "../env";
import { GUEST_CART_DAYS } from "./cart-object";

const COOKIE = "cart_id";
const CART_ID = /^[0-9a-f]{64}$/;

function newCartId(): string {
  const bytes = crypto.getRandomValues(new Uint8Array(32));
  return Array.from(bytes, (b) => b.toString(16).padStart(2, "0")).join("");
}

/** The visitor's cart id from its cookie; `create` issues an unguessable one when there is none. */
export function cartIdFrom(c: Context<AppEnv>, { create }: { create: boolean }): string | undefined {
  const current = getCookie(c, COOKIE);
  if (current && CART_ID.test(current)) return current;
  if (!create) return undefined;
  const id = newCartId();
  keepCartCookie(c, id);
  return id;
}

/** (Re)sets the cookie so it lives as long as the cart: 7 days after the last change. */
export function keepCartCookie(c: Context<AppEnv>, cartId: string) {
  setCookie(c, COOKIE, cartId, {
    httpOnly: true,
    sameSite: "Lax",
    secure: c.env.ENVIRONMENT === "production",
    path: "/",
    maxAge: GUEST_CART_DAYS * 24 * 3600,
  });
}

/** A guest cart is named by its cookie id; a signed-in user's by `userCartName`. */
export const userCartName = (userId: string) => `user:${userId}`;

export function cartStub(env: AppEnv["Bindings"], cartName: string) {
  return env.CART.get(env.CART.idFromName(cartName));
}
