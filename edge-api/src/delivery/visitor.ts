import type { Context } from "hono";
import { getCookie, setCookie } from "hono/cookie";
import type { AppEnv } from "../env";
import { isHttps } from "../security/public-origin";

// The experiment visitor id: random, first-party, kept for 400 days (browsers' cap), so a visitor's
// variants are the same across reloads and days. Unsigned: choosing one's own id only chooses one's
// own variant, which a QA override does anyway.
const VISITOR = "shop_visitor";
const VISITOR_ID = /^[A-Za-z0-9_-]{16,64}$/;
const YEAR_ISH = 400 * 24 * 3600;

const cookieOptions = (c: Context<AppEnv>) => {
  const secure = isHttps(c.env);
  return { httpOnly: true, sameSite: "Lax" as const, secure, path: "/", ...(secure && { prefix: "host" as const }) };
};
const prefixOf = (c: Context<AppEnv>) => (isHttps(c.env) ? ("host" as const) : undefined);

/** The visitor id from the cookie, if it has a valid one (never minted here). */
export function visitorIdOf(c: Context<AppEnv>): string | undefined {
  const id = getCookie(c, VISITOR, prefixOf(c));
  return id && VISITOR_ID.test(id) ? id : undefined;
}

/** The visitor id, minted and set on the answer for a first visit. */
export function ensureVisitorId(c: Context<AppEnv>): string {
  const known = c.get("visitorId") ?? visitorIdOf(c);
  if (known) return known;
  const bytes = crypto.getRandomValues(new Uint8Array(16));
  const id = btoa(String.fromCharCode(...bytes)).replace(/\+/g, "-").replace(/\//g, "_").replace(/=+$/, "");
  setCookie(c, VISITOR, id, { ...cookieOptions(c), maxAge: YEAR_ISH });
  c.set("visitorId", id);
  return id;
}

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

// A QA override: `?pin=catalog@2.1.0,cart@3.0.0` pins those versions for this browser session (a
// cookie without an expiry); `?pin=off` ends it.
const PIN = "shop_pin";
export const PIN_PARAM = "pin";
const PIN_ENTRY = /^(catalog|cart|checkout|account)@(\d{1,6}\.\d{1,6}\.\d{1,6}(?:-[0-9A-Za-z][0-9A-Za-z.-]{0,63})?)$/;

export function parsePins(value: string | null | undefined): Map<string, string> {
  const pins = new Map<string, string>();
  for (const entry of (value ?? "").split(",")) {
    const match = PIN_ENTRY.exec(entry.trim());
    if (match) pins.set(match[1]!, match[2]!);
  }
  return pins;
}

/** The pins this request asks for: the URL's (then remembered for the session), else the cookie's. */
export function requestedPins(c: Context<AppEnv>, url: URL): Map<string, string> {
  const asked = url.searchParams.get(PIN_PARAM);
  if (asked === null) return parsePins(getCookie(c, PIN, prefixOf(c)));
  return parsePins(asked);
}

/** Keeps the pins that resolved to published versions for the session, or clears the cookie. */
export function rememberPins(c: Context<AppEnv>, url: URL, pins: Map<string, string>) {
  if (!url.searchParams.has(PIN_PARAM)) return;
  const value = [...pins].map(([app, version]) => `${app}@${version}`).join(",");
  setCookie(c, PIN, value, { ...cookieOptions(c), ...(value ? {} : { maxAge: 0 }) });
}
