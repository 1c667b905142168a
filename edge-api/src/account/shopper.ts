import type { Context } from "hono";
import { getCookie } from "hono/cookie";
import { createMiddleware } from "hono/factory";
import type { AppEnv } from "../env";
import { ApiFailure } from "../errors";
import { authOf, SESSION_COOKIE_PREFIX } from "./auth";

/** The signed-in shopper of a request, as the account domain tells other domains. */
export interface Shopper {
  id: string;
  email: string;
  emailVerified: boolean;
  name: string;
  role: "customer" | "admin";
  sessionId: string;
  sessionCreatedAt: Date;
}

/** Better Auth's cookie, `__Secure-` prefixed over https. Without one there is no session to look up. */
export const hasSessionCookie = (c: Context<AppEnv>) => {
  const cookies = getCookie(c);
  return `${SESSION_COOKIE_PREFIX}.session_token` in cookies || `__Secure-${SESSION_COOKIE_PREFIX}.session_token` in cookies;
};

/**
 * The request's shopper, or null for a guest. A guest costs nothing (no cookie, no lookup); a session
 * cookie is checked against the database every time, so a revoked session ends at once. A tampered,
 * expired or revoked cookie reads as a guest.
 */
export async function shopperOf(c: Context<AppEnv>): Promise<Shopper | null> {
  const known = c.get("shopper");
  if (known !== undefined) return known;
  let shopper: Shopper | null = null;
  if (hasSessionCookie(c)) {
    const { headers, response: found } = await authOf(c).api.getSession({ headers: c.req.raw.headers, returnHeaders: true });
    // A session in use is extended once a day; its cookie follows.
    for (const cookie of headers.getSetCookie()) c.header("Set-Cookie", cookie, { append: true });
    if (found) {
      const { user, session } = found;
      shopper = {
        id: user.id,
        email: user.email,
        emailVerified: user.emailVerified,
        name: user.name,
        role: (user as { role?: string }).role === "admin" ? "admin" : "customer",
        sessionId: session.id,
        sessionCreatedAt: new Date(session.createdAt),
      };
    }
  }
  c.set("shopper", shopper);
  return shopper;
}

/** Account routes: 401 without a valid session (a missing, tampered, expired or revoked one alike). */
export const requireShopper = createMiddleware<AppEnv>(async (c, next) => {
  await signedIn(c);
  await next();
});

/** The shopper, or 401. */
export async function signedIn(c: Context<AppEnv>): Promise<Shopper> {
  const shopper = await shopperOf(c);
  if (!shopper) throw new ApiFailure(401, "unauthorized", "Sign in to continue; your session has ended or was never started.");
  return shopper;
}
