import type { Context } from "hono";
import { getCookie, setCookie } from "hono/cookie";
import type { AppEnv } from "../env";
import { isHttps } from "../security/public-origin";
import { setSignedCookie, signedCookie } from "../security/signed-cookie";

// The experiment visitor id: random, minted and signed by the edge, first-party, kept for 400 days
// (browsers' cap), so a visitor's variants are the same across reloads and days. Signed, so what the
// guardrail counts (failures, exposures) is tied to ids the edge handed out, not ids a client chose
// to land in a variant.
const VISITOR = "shop_visitor";
const VISITOR_ID = /^[A-Za-z0-9_-]{16,64}$/;
const YEAR_ISH = 400 * 24 * 3600;

/** The visitor id from the cookie, if the edge signed it (never minted here). */
export function visitorIdOf(c: Context<AppEnv>): string | undefined {
  const id = signedCookie(c, VISITOR);
  return id && VISITOR_ID.test(id) ? id : undefined;
}

/** The visitor id, minted and set on the answer for a first visit. */
export function ensureVisitorId(c: Context<AppEnv>): string {
  const known = c.get("visitorId") ?? visitorIdOf(c);
  if (known) return known;
  const bytes = crypto.getRandomValues(new Uint8Array(16));
  const id = btoa(String.fromCharCode(...bytes))
    .replace(/\+/g, "-")
    .replace(/\//g, "_")
    .replace(/=+$/, "");
  setSignedCookie(c, VISITOR, id, YEAR_ISH);
  c.set("visitorId", id);
  return id;
}

const cookieOptions = (c: Context<AppEnv>) => {
  const secure = isHttps(c.env);
  return { httpOnly: true, sameSite: "Lax" as const, secure, path: "/", ...(secure && { prefix: "host" as const }) };
};
const prefixOf = (c: Context<AppEnv>) => (isHttps(c.env) ? ("host" as const) : undefined);

// Exposures already recorded for this browser (`<experiment>.<phase>`), so a returning visitor's
// document writes nothing; the database's primary key keeps it once even without the cookie.
const SEEN = "shop_seen";
const SEEN_ENTRY = /^[a-z0-9][a-z0-9-]{0,62}\.\d{1,6}$/;

export function seenExposures(c: Context<AppEnv>): Set<string> {
  const value = getCookie(c, SEEN, prefixOf(c)) ?? "";
  return new Set(value.split("~").filter((entry) => SEEN_ENTRY.test(entry)));
}

export function rememberExposures(c: Context<AppEnv>, entries: string[]) {
  setCookie(c, SEEN, entries.join("~"), { ...cookieOptions(c), maxAge: YEAR_ISH });
}
