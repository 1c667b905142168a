import { createHmac, timingSafeEqual } from "node:crypto";
import type { Env } from "../env";

// A guest opens an order with the token in its confirmation link. The token is an HMAC of the order
// number, so whichever path placed the order (the pay answer, a webhook, the sweep) can give the
// shopper the same link, and nothing secret is stored with the order.
const tokenBytes = (env: Env, orderNumber: string) => createHmac("sha256", env.COOKIE_SECRET).update(`order-access:${orderNumber}`).digest();

export const orderAccessToken = (env: Env, orderNumber: string) => tokenBytes(env, orderNumber).toString("base64url");

export function canOpenOrder(env: Env, orderNumber: string, token: string | undefined): boolean {
  if (!token) return false;
  const given = Buffer.from(token, "base64url");
  const expected = tokenBytes(env, orderNumber);
  return given.length === expected.length && timingSafeEqual(given, expected);
}

/** The order page's address, as the confirmation page and email link to it. */
export const orderPageUrl = (env: Env, orderNumber: string) => `/orders/${orderNumber}?token=${orderAccessToken(env, orderNumber)}`;
