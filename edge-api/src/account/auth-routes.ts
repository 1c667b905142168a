import { and, eq, sql } from "drizzle-orm";
import { Hono, type Context } from "hono";
import type { ContentfulStatusCode } from "hono/utils/http-status";
import { forgetGuestCart } from "../cart/cart-id";
import { authAccounts, sessions, users } from "../db/schema";
import type { AppEnv } from "../env";
import { ApiFailure, errorBody } from "../errors";
import {
  ACCOUNT_EMAILS_PER_ACCOUNT,
  ACCOUNT_EMAILS_PER_ADDRESS,
  type AttemptCounter,
  clientAddress,
  countAttempt,
  REGISTRATIONS_PER_ADDRESS,
  refuseWhileWaiting,
  SIGN_IN_FAILURES_PER_ACCOUNT,
  SIGN_IN_FAILURES_PER_ADDRESS,
} from "../security/attempt-limit";
import { accountKey } from "./account-key";
import { authOf } from "./auth";
import { isCommonPassword } from "./common-passwords";
import { hashPassword, needsRehash } from "./password-hash";
import { signedIn } from "./shopper";

type Body = Record<string, unknown>;

/** Where a password is chosen, and the field it is in. */
const NEW_PASSWORD_FIELD: Record<string, string> = { "/sign-up/email": "password", "/reset-password": "newPassword", "/change-password": "newPassword" };

/**
 * Better Auth's handler behind our own guards: rate limits per address and per account (429 with
 * Retry-After), the common-password list, every other session ended on a password change, hashes
 * upgraded at sign-in, the guest cart cookie dropped once merged or at sign-out, and its errors in
 * the shop's `{ error: { code, message } }` shape.
 */
export const authRoutes = new Hono<AppEnv>().on(["GET", "POST"], "/*", async (c) => {
  const action = c.req.path.slice("/api/auth".length);
  const body = c.req.method === "POST" ? await jsonBody(c) : undefined;
  const address = clientAddress(c);

  const newPasswordField = NEW_PASSWORD_FIELD[action];
  const newPassword = newPasswordField && body?.[newPasswordField];
  if (typeof newPassword === "string" && isCommonPassword(newPassword)) {
    throw new ApiFailure(400, "password_too_common", "This password is one of the most common ones, so it is among the first an attacker tries. Choose another.");
  }
  if (action === "/change-password" && body) body.revokeOtherSessions = true;
  if (action === "/revoke-session" && body) await tokenForSessionId(c, body);

  let signInCounters: AttemptCounter[] = [];
  if (action === "/sign-in/email" || action === "/passkey/verify-authentication") {
    signInCounters = [[SIGN_IN_FAILURES_PER_ADDRESS, address]];
    if (action === "/sign-in/email") signInCounters.push([SIGN_IN_FAILURES_PER_ACCOUNT, accountKey(body?.email)]);
    await refuseWhileWaiting(c, signInCounters);
  }
  const emailCounters = emailSendingCounters(action, address, body);
  if (emailCounters.length) {
    await refuseWhileWaiting(c, emailCounters);
    await countAttempt(c, emailCounters);
  }

  const request = body ? withBody(c.req.raw, body) : c.req.raw;
  const answer = await authOf(c).handler(request);

  if (signInCounters.length && answer.status === 401) await countAttempt(c, signInCounters);
  if (action === "/sign-in/email" && answer.ok && c.get("staleHash") && typeof body?.password === "string") await upgradeHash(c, String(body.email), body.password);
  if (c.get("guestCartMerged") || action === "/sign-out") forgetGuestCart(c);
  if (action === "/list-sessions" && answer.ok) return withoutTokens(c, answer);
  return inShopShape(c, answer);
});

/**
 * Better Auth lists sessions with their tokens and revokes by token, which would hand every
 * session's secret to the page's JavaScript. Here the list carries ids only, and a revocation names
 * the session by id; the token is looked up for the shopper's own sessions only.
 */
async function withoutTokens(c: Context<AppEnv>, answer: Response): Promise<Response> {
  const listed = (await answer.json()) as Array<Record<string, unknown>>;
  return c.json(listed.map(({ token: _token, ...session }) => session), 200, { "Cache-Control": "private, no-store" });
}

async function tokenForSessionId(c: Context<AppEnv>, body: Body) {
  const shopper = await signedIn(c);
  const id = typeof body.id === "string" ? body.id : "";
  const [session] = id ? await c.var.db().select({ token: sessions.token }).from(sessions).where(and(eq(sessions.id, id), eq(sessions.userId, shopper.id))) : [];
  if (!session) throw new ApiFailure(404, "session_not_found", "No such session of yours; reload the list.");
  delete body.id;
  body.token = session.token;
}

/** Actions that send an email: counted on every use, since each one queues a message. */
function emailSendingCounters(action: string, address: string, body: Body | undefined): AttemptCounter[] {
  // A registration with a taken email writes to its owner, so it counts on that account too.
  if (action === "/sign-up/email") return [[REGISTRATIONS_PER_ADDRESS, address], [ACCOUNT_EMAILS_PER_ACCOUNT, accountKey(body?.email)]];
  if (action === "/change-email") return [[ACCOUNT_EMAILS_PER_ADDRESS, address], [ACCOUNT_EMAILS_PER_ACCOUNT, accountKey(body?.newEmail)]];
  if (action === "/request-password-reset" || action === "/send-verification-email") {
    return [[ACCOUNT_EMAILS_PER_ADDRESS, address], [ACCOUNT_EMAILS_PER_ACCOUNT, accountKey(body?.email)]];
  }
  return [];
}

async function jsonBody(c: Context<AppEnv>): Promise<Body | undefined> {
  if (!c.req.header("Content-Type")?.includes("application/json")) return undefined;
  const parsed: unknown = await c.req.json().catch(() => {
    throw new ApiFailure(400, "invalid_json", "The request body is not valid JSON.");
  });
  if (!parsed || typeof parsed !== "object" || Array.isArray(parsed)) throw new ApiFailure(400, "invalid_body", "The request body must be a JSON object.");
  return parsed as Body;
}

function withBody(request: Request, body: Body): Request {
  const headers = new Headers(request.headers);
  headers.delete("Content-Length");
  return new Request(request.url, { method: request.method, headers, body: JSON.stringify(body) });
}

/** A hash made with older scrypt parameters is made again while the password is at hand. */
async function upgradeHash(c: Context<AppEnv>, email: string, password: string) {
  const db = c.var.db();
  const [account] = await db
    .select({ id: authAccounts.id, password: authAccounts.password })
    .from(authAccounts)
    .innerJoin(users, eq(users.id, authAccounts.userId))
    .where(and(eq(sql`lower(${users.email})`, email.trim().toLowerCase()), eq(authAccounts.providerId, "credential")));
  if (!account?.password || !needsRehash(account.password)) return;
  await db.update(authAccounts).set({ password: await hashPassword(password), updatedAt: new Date() }).where(eq(authAccounts.id, account.id));
}

/** Better Auth answers errors as `{ code, message }`; the shop's clients read `{ error: { code, message } }`. */
async function inShopShape(c: Context<AppEnv>, answer: Response): Promise<Response> {
  if (answer.status < 400 || !answer.headers.get("Content-Type")?.includes("application/json")) return c.newResponse(answer.body, answer);
  const failure = (await answer.json().catch(() => ({}))) as { code?: string; message?: string };
  const code = (failure.code ?? "auth_error").toLowerCase();
  const status = (answer.status >= 500 ? 500 : answer.status) as ContentfulStatusCode;
  const headers = new Headers(answer.headers);
  headers.delete("Content-Length");
  return c.newResponse(JSON.stringify(errorBody(code, failure.message ?? "The request was refused.")), { status, headers });
}
