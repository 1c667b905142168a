import { eq, sql } from "drizzle-orm";
import type { Context } from "hono";
import { getCookie } from "hono/cookie";
import { createMiddleware } from "hono/factory";
import { preparedOnce } from "../db/client";
import type { AppEnv } from "../env";
import { ApiFailure } from "../errors";
import { authOf, SESSION_COOKIE_PREFIX } from "./auth";
import { users } from "./schema";
import { ASK_BETTER_AUTH, checkSession, type LiveSession } from "./session-check";

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
 * cookie is checked every time where the session is kept (session-check.ts: its Durable Object, else
 * one query; Better Auth only when the session is due for its extension or gone), so a revoked
 * session ends at once. A tampered, expired or revoked cookie reads as a guest.
 */
export async function shopperOf(c: Context<AppEnv>): Promise<Shopper | null> {
  const known = c.get("shopper");
  if (known !== undefined) return known;
  const live = await liveSession(c);
  const shopper: Shopper | null = live && {
    id: live.user.id,
    email: live.user.email,
    emailVerified: live.user.emailVerified,
    name: live.user.name,
    role: live.user.role === "admin" ? "admin" : "customer",
    sessionId: live.session.id,
    sessionCreatedAt: new Date(live.session.createdAt),
  };
  c.set("shopper", shopper);
  return shopper;
}

/** The request's live session: checked by session-check.ts, or by Better Auth when it must be. */
export async function liveSession(c: Context<AppEnv>): Promise<LiveSession | null> {
  const checked = await checkSession(c);
  if (checked !== ASK_BETTER_AUTH) return checked;
  const { headers, response: found } = await authOf(c).api.getSession({ headers: c.req.raw.headers, returnHeaders: true });
  // A session in use is extended once a day, an expired or revoked one's cookie deleted; its cookie follows.
  for (const cookie of headers.getSetCookie()) c.header("Set-Cookie", cookie, { append: true });
  return found as LiveSession | null;
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

/**
 * What Postgres says of the shopper now — the role and whether the email is confirmed — for what they
 * authorise: read where the back office, the operators' tool and Better Auth write them, not from the
 * copy of the user kept with the session (which follows the shop's own changes, not a database's).
 */
export async function standingOf(c: Context<AppEnv>, shopper: Shopper): Promise<{ role: Shopper["role"]; emailVerified: boolean }> {
  const [row] = await standingQuery(c.env).execute({ id: shopper.id });
  return { role: row?.role === "admin" ? "admin" : "customer", emailVerified: row?.emailVerified ?? false };
}

/** Whether the shopper is an operator now (standingOf). */
export const isOperatorNow = async (c: Context<AppEnv>, shopper: Shopper) => (await standingOf(c, shopper)).role === "admin";

const standingQuery = preparedOnce((db) =>
  db
    .select({ role: users.role, emailVerified: users.emailVerified })
    .from(users)
    .where(eq(users.id, sql.placeholder("id")))
    .prepare("standing_of"),
);
