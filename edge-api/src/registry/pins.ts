import { APP_NAMES, type AppName } from "@shop/contracts";
import type { Context } from "hono";
import type { AppEnv, Env } from "../env";
import { publicOrigin } from "../security/public-origin";
import { dropCookie, setSignedCookie, signedCookie, signedToken, verifiedToken } from "../security/signed-cookie";

// A QA override: a link an operator issued (`npm run experiment -- pin catalog@2.1.0`) pins those
// versions for the browser session that opens it, until the link's expiry; `?pin=off` ends it. The
// link is signed and expires, so nobody but an operator can send shoppers to an old or broken
// version; a pin a client writes itself is ignored.
const PIN = "shop_pin";
export const PIN_PARAM = "pin";
const PIN_ENTRY = /^([a-z]+)@(\d{1,6}\.\d{1,6}\.\d{1,6}(?:-[0-9A-Za-z][0-9A-Za-z.-]{0,63})?)$/;
/** The longest a pin link may run: a QA pass, not a way to keep shoppers on an old version. */
export const LONGEST_PIN_HOURS = 7 * 24;

/** `catalog@2.1.0,cart@3.0.0~<expiry in epoch seconds>`: what a pin link and the session's cookie carry, signed. */
const pinValue = (pins: Map<string, string>, expiresAt: Date) =>
  `${[...pins].map(([app, version]) => `${app}@${version}`).join(",")}~${Math.floor(expiresAt.getTime() / 1000)}`;

function parsePinValue(value: string | undefined, now = Date.now()): Map<AppName, string> {
  const pins = new Map<AppName, string>();
  const [entries = "", expiry] = (value ?? "").split("~");
  if (!(Number(expiry) * 1000 > now)) return pins;
  for (const entry of entries.split(",")) {
    const match = PIN_ENTRY.exec(entry);
    if (match && (APP_NAMES as readonly string[]).includes(match[1]!)) pins.set(match[1] as AppName, match[2]!);
  }
  return pins;
}

/** A signed link that pins these versions for whoever opens it, for `hours`. */
export function pinLink(env: Env, pins: Map<string, string>, hours: number, now = new Date()) {
  const expiresAt = new Date(now.getTime() + hours * 3600_000);
  const token = signedToken(env, PIN, pinValue(pins, expiresAt));
  return { url: `${publicOrigin(env)}/?${PIN_PARAM}=${encodeURIComponent(token)}`, expiresAt: expiresAt.toISOString() };
}

/** The pins this request asks for: a signed link's (then kept for the session), else the session's cookie. */
export function requestedPins(c: Context<AppEnv>, url: URL): Map<AppName, string> {
  const asked = url.searchParams.get(PIN_PARAM);
  const value = asked !== null ? verifiedToken(c.env, PIN, asked) : signedCookie(c, PIN);
  return parsePinValue(value);
}

/** A pin link's versions that resolved to published ones are kept for the session; `?pin=off` ends it. */
export function rememberPins(c: Context<AppEnv>, url: URL, pins: Map<AppName, string>) {
  const asked = url.searchParams.get(PIN_PARAM);
  if (asked === "off") return dropCookie(c, PIN);
  const value = asked !== null ? verifiedToken(c.env, PIN, asked) : undefined;
  if (!value || pins.size === 0) return;
  setSignedCookie(c, PIN, value);
}
