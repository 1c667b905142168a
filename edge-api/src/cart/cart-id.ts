import type { Context } from "hono";
import { deleteCookie, getCookie, setCookie } from "hono/cookie";
import type { AppEnv } from "../env";
import { isHttps } from "../security/public-origin";
import { signValue, verifiedValue } from "../security/signed-value";
import { GUEST_CART_DAYS } from "./cart-object";

// The guest's cart id: minted and signed by the edge, kept in an HttpOnly cookie. Cookies only: which
// cart a signed-in shopper's request acts on is current-cart.ts's (it asks the account domain).

const COOKIE = "cart_id";
const CART_ID = /^[0-9a-f]{64}$/;

function cookieSecret(env: AppEnv["Bindings"]): string {
  if (!env.COOKIE_SECRET) throw new Error("COOKIE_SECRET is not configured (wrangler secret put COOKIE_SECRET)");
  return env.COOKIE_SECRET;
}

/** Over https the cookie is `__Host-cart_id`: Secure, whole site, and no subdomain can set it. */
const cookiePrefix = (env: AppEnv["Bindings"]) => (isHttps(env) ? ("host" as const) : undefined);

const HEX = Array.from({ length: 256 }, (_, b) => b.toString(16).padStart(2, "0"));

function mintCartId(): string {
  let id = "";
  for (const byte of crypto.getRandomValues(new Uint8Array(32))) id += HEX[byte];
  return id;
}

/** The id in the visitor's cookie when the edge signed it; a forged or altered one reads as none. */
async function signedCartId(c: Context<AppEnv>): Promise<string | undefined> {
  const cookie = getCookie(c, COOKIE, cookiePrefix(c.env));
  const value = cookie && verifiedValue(cookie, cookieSecret(c.env));
  return value && CART_ID.test(value) ? value : undefined;
}

/**
 * The visitor's cart id. Only the edge mints ids, and it signs them, so a client cannot choose the
 * cart it lands in. A visitor without a valid one gets a new id here, at first contact (the
 * document or any cart call), before any cart exists: nothing is stored until the first change, and
 * writes that race from the same page all carry this one id. `fresh` says it was minted just now.
 */
export async function cartIdOf(c: Context<AppEnv>): Promise<{ cartId: string; fresh: boolean }> {
  const known = c.get("cartId");
  if (known) return { cartId: known, fresh: false };
  const existing = await signedCartId(c);
  const cartId = existing ?? mintCartId();
  c.set("cartId", cartId);
  c.set("cartIdMinted", !existing);
  if (!existing) await sendCartCookie(c, cartId);
  return { cartId, fresh: !existing };
}

/** Whether the visitor came without a (valid) cart id: this request minted theirs (no cart exists). */
export async function cartIdMintedNow(c: Context<AppEnv>): Promise<boolean> {
  await cartIdOf(c);
  return c.get("cartIdMinted") === true;
}

/** The guest id from a valid cookie, without minting one. */
export const existingGuestCartId = async (c: Context<AppEnv>) => c.get("cartId") ?? (await signedCartId(c));

/** Sign-out (or a merge) leaves the device without a guest cart: the next visit mints a fresh one. */
export function forgetGuestCart(c: Context<AppEnv>) {
  const prefix = cookiePrefix(c.env);
  deleteCookie(c, COOKIE, { path: "/", secure: isHttps(c.env), ...(prefix && { prefix }) });
}

/** After a change the cookie lives on for as long as the cart does: 7 days after the last change. */
export async function keepCartCookie(c: Context<AppEnv>, cartId: string) {
  if (CART_ID.test(cartId) && !c.get("cartCookieSent")) await sendCartCookie(c, cartId);
}

async function sendCartCookie(c: Context<AppEnv>, cartId: string) {
  const prefix = cookiePrefix(c.env);
  setCookie(c, COOKIE, signValue(cartId, cookieSecret(c.env)), {
    httpOnly: true,
    sameSite: "Lax",
    secure: isHttps(c.env),
    path: "/",
    maxAge: GUEST_CART_DAYS * 24 * 3600,
    ...(prefix && { prefix }),
  });
  c.set("cartCookieSent", true);
}

/**
 * The visitor's Cookie header as their browser sends it from now on (with the cart cookie this
 * answer sets, a freshly minted id included), for requests the edge makes on their behalf while
 * rendering their page.
 */
export async function cookiesFromNowOn(c: Context<AppEnv>): Promise<string> {
  const { cartId } = await cartIdOf(c);
  const name = cookiePrefix(c.env) === "host" ? `__Host-${COOKIE}` : COOKIE;
  const others = (c.req.header("Cookie") ?? "")
    .split(";")
    .map((pair) => pair.trim())
    .filter((pair) => pair && !pair.startsWith(`${name}=`));
  return [...others, `${name}=${encodeURIComponent(signValue(cartId, cookieSecret(c.env)))}`].join("; ");
}

/** A guest cart is named by its cookie id; a signed-in user's by `userCartName`. */
export const userCartName = (userId: string) => `user:${userId}`;

export function cartStub(env: AppEnv["Bindings"], cartName: string) {
  return env.CART.get(env.CART.idFromName(cartName));
}
