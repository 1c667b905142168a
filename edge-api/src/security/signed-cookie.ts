import type { Context } from "hono";
import { deleteCookie, getCookie, setCookie } from "hono/cookie";
import type { AppEnv } from "../env";
import { isHttps } from "./public-origin";
import { signValue, verifiedValue } from "./signed-value";

// Cookies whose value only the edge can have written: HttpOnly, SameSite=Lax, whole site, and over
// https `__Host-` prefixed (Secure, and no subdomain can set them). Signed with COOKIE_SECRET, so a
// client cannot choose the value; a forged or altered one reads as absent.

const prefixOf = (c: Context<AppEnv>) => (isHttps(c.env) ? ("host" as const) : undefined);

function secretOf(env: AppEnv["Bindings"]): string {
  if (!env.COOKIE_SECRET) throw new Error("COOKIE_SECRET is not configured (wrangler secret put COOKIE_SECRET)");
  return env.COOKIE_SECRET;
}

/**
 * A value signed for one purpose (a cookie's name, a link's parameter): the purpose is signed with
 * the value, so one signed token cannot stand in for another.
 */
export const signedToken = (env: AppEnv["Bindings"], purpose: string, value: string) => signValue(`${purpose}:${value}`, secretOf(env));

/** The value of a token the edge signed for this purpose; undefined for anything else. */
export function verifiedToken(env: AppEnv["Bindings"], purpose: string, token: string | undefined): string | undefined {
  const value = token && verifiedValue(token, secretOf(env));
  return value?.startsWith(`${purpose}:`) ? value.slice(purpose.length + 1) : undefined;
}

/** The cookie's value when the edge signed it for this name; undefined for anything else. */
export const signedCookie = (c: Context<AppEnv>, name: string) => verifiedToken(c.env, name, getCookie(c, name, prefixOf(c)));

/** Sets a signed cookie; without `maxAgeSeconds` it lasts as long as the browser session. */
export function setSignedCookie(c: Context<AppEnv>, name: string, value: string, maxAgeSeconds?: number) {
  const secure = isHttps(c.env);
  setCookie(c, name, signedToken(c.env, name, value), {
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
