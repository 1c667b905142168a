import type { Context } from "hono";
import { getCookie, setCookie } from "hono/cookie";
import type { AppEnv } from "../env";

const COOKIE = "cart_id";
const GUEST_CART_DAYS = 7;
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
  setCookie(c, COOKIE, id, {
    httpOnly: true,
    sameSite: "Lax",
    secure: c.env.ENVIRONMENT === "production",
    path: "/",
    maxAge: GUEST_CART_DAYS * 24 * 3600,
  });
  return id;
}

export function cartStub(c: Context<AppEnv>, cartId: string) {
  return c.env.CART.get(c.env.CART.idFromName(cartId));
}
