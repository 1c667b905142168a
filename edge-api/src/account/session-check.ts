import { eq, getTableColumns, sql } from "drizzle-orm";
import type { Context } from "hono";
import { getCookie } from "hono/cookie";
import { preparedOnce } from "../db/client";
import type { AppEnv } from "../env";
import { verifiedValue } from "../security/signed-value";
import { authCookieName, SESSION_EXTENDED_AFTER_SECONDS, SESSION_SECONDS } from "./auth";
import { sessions, users } from "./schema";
import { sessionStorage } from "./session-store";

// A signed-in request's session, checked without building Better Auth: the cookie's signature, then
// the session and its user where Better Auth keeps them for this (session-store.ts: a Durable Object
// per token, so a sign-out, "end other sessions" or a new password ends it on the very next request
// everywhere), or, for a session kept only in Postgres, one indexed query. What needs Better Auth's
// own handling goes to it, as before: a session due for its daily extension (its cookie is set
// again), and one not found or expired (its cookie is deleted) — a day's first request, or a stale
// cookie's last.

export type SessionRow = typeof sessions.$inferSelect;
export type UserRow = typeof users.$inferSelect;

/** A live session and its user, as Better Auth's get-session answers them. */
export interface LiveSession {
  session: SessionRow;
  user: UserRow;
}

/** Better Auth's own path is needed (see above). */
export const ASK_BETTER_AUTH = "ask-better-auth";

/** The request's live session, null for none (no cookie, a wrong signature), or ASK_BETTER_AUTH. */
export async function checkSession(c: Context<AppEnv>): Promise<LiveSession | null | typeof ASK_BETTER_AUTH> {
  const cookie = getCookie(c, authCookieName(c, "session_token"));
  if (!cookie) return null;
  // Better Auth signs it as Hono does: `<token>.<base64 HMAC-SHA256>`. A wrong signature is a guest's.
  const token = verifiedValue(cookie, c.env.AUTH_SECRET);
  if (!token) return null;
  // "Don't remember me" sessions are Better Auth's to keep: they are not extended, their cookie ends with the browser.
  if (getCookie(c, authCookieName(c, "dont_remember"))) return ASK_BETTER_AUTH;
  const kept = await sessionStorage(c.env).get(token);
  const found = typeof kept === "string" ? keptSession(kept) : (await sessionByToken(c.env).execute({ token }))[0];
  const now = Date.now();
  if (!found || found.session.expiresAt.getTime() <= now) return ASK_BETTER_AUTH;
  const dueForExtension = found.session.expiresAt.getTime() - SESSION_SECONDS * 1000 + SESSION_EXTENDED_AFTER_SECONDS * 1000 <= now;
  return dueForExtension ? ASK_BETTER_AUTH : found;
}

/** A session as Better Auth keeps it (JSON), with its dates as dates again. */
function keptSession(json: string): LiveSession {
  const { session, user } = JSON.parse(json) as LiveSession;
  const date = (value: Date) => new Date(value);
  return {
    session: { ...session, expiresAt: date(session.expiresAt), createdAt: date(session.createdAt), updatedAt: date(session.updatedAt) },
    user: { ...user, createdAt: date(user.createdAt), updatedAt: date(user.updatedAt) },
  };
}

/** The session check's query (a session kept only in Postgres), built once per isolate. */
const sessionByToken = preparedOnce((db) =>
  db
    .select({ session: getTableColumns(sessions), user: getTableColumns(users) })
    .from(sessions)
    .innerJoin(users, eq(users.id, sessions.userId))
    .where(eq(sessions.token, sql.placeholder("token")))
    .prepare("session_by_token"),
);
