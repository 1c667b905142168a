import type { Context } from "hono";
import { deleteCookie, getCookie, setCookie } from "hono/cookie";
import type { AppEnv } from "../env";
import { isHttps } from "./public-origin";
import { signValue, verifiedValue } from "./signed-value";

// Cookies whose value only the edge can have written: HttpOnly, SameSite=Lax, whole site, and over
// https `__Host-` prefixed (Secure, and no subdomain can set them). Signed with COOKIE_SECRET, so a
// client cannot choose the value; a forged or altered one reads as absent.

const prefixOf = (c: Context<AppEnv>) => (isHttps(c.env) ? ("host" as const) : undefined);

function secretOf(c: Context<AppEnv>): string {
  if (!c.env.COOKIE_SECRET) throw new Error("COOKIE_SECRET is not configured (wrangler secret put COOKIE_SECRET)");
  return c.env.COOKIE_SECRET;
}

/** The cookie's value when the edge signed it for this name; undefined for anything else. */
export function signedCookie(c: Context<AppEnv>, name: string): string | undefined {
  const cookie = getCookie(c, name, prefixOf(c));
  const value = cookie && verifiedValue(cookie, secretOf(c));
  // The name is signed with the value: one signed cookie cannot stand in for another.
  return value?.startsWith(`${name}:`) ? value.slice(name.length + 1) : undefined;
}

/** Sets a signed cookie; without `maxAgeSeconds` it lasts as long as the browser session. */
export function setSignedCookie(c: Context<AppEnv>, name: string, value: string, maxAgeSeconds?: number) {
  const secure = isHttps(c.env);
  setCookie(c, name, signValue(`${name}:${value}`, secretOf(c)), {
    httpOnly: true,
    sameSite: "Lax",
    secure,
    path: "/",
    ...(maxAgeSeconds !== undefined && { maxAge: maxAgeSeconds }),
    ...(secure && { prefix: "host" as const }),
  });
}

export function dropCookie(c: Context<AppEnv>, name: string) {
  const prefix = prefixOf(c);
  deleteCookie(c, name, { path: "/", secure: isHttps(c.env), ...(prefix && { prefix }) });
}
