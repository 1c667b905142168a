import { createRoute, z } from "@hono/zod-openapi";
import { PersonName } from "@shop/contracts";
import { and, eq, sql } from "drizzle-orm";
import type { Context } from "hono";
import type { StatusCode } from "hono/utils/http-status";
import { cachePolicy } from "../cache-policy";
import { forgetGuestCart } from "../cart/cart-id";
import type { AppEnv } from "../env";
import { ApiFailure, errorBody } from "../errors";
import { errorResponse, routeGroup } from "../openapi";
import {
  ACCOUNT_EMAILS_PER_ADDRESS,
  type AttemptCounter,
  clientAddress,
  countAttempt,
  countUse,
  REGISTRATIONS_PER_ADDRESS,
  refuseWhileWaiting,
  SIGN_IN_FAILURES_PER_ADDRESS,
} from "../security/attempt-limit";
import { shopPath } from "../security/shop-path";
import { accountEmailCounters, passwordFailureCounters } from "./attempt-counters";
import { authOf } from "./auth";
import { isCommonPassword } from "./common-passwords";
import { hashPassword, needsRehash } from "./password-hash";
import { authAccounts, sessions, users } from "./schema";
import { ASK_BETTER_AUTH, checkSession } from "./session-check";
import { hasSessionCookie, signedIn } from "./shopper";
import { rememberDevice } from "./trusted-device";
import { askedHereFor, forgetAsked, rememberAskedFor, verificationClaims } from "./verification-proof";

/**
 * `/api/auth`: the Better Auth endpoints the shop uses, and only those (any other path is a 404),
 * each behind our own guards. Every body and query is validated here first (zod, like every other
 * route) and Better Auth is handed the validated body re-serialised, so it never reads bytes these
 * guards did not. On top: rate limits per address, account and device (429 with Retry-After), the
 * common-password list, every other session ended on a password change, hashes upgraded at sign-in,
 * verification links that sign in only the browser that asked, no session token in any answer a
 * page's script can read, and errors in the shop's `{ error: { code, message } }` shape.
 */
export const authRoutes = routeGroup();

type Body = Record<string, unknown>;

// ── What the endpoints take ───────────────────────────────────────────────────────────────────
const Email = z.string().max(254).pipe(z.email("Enter an email address, like name@example.com"));
/** Length rules are Better Auth's (its own error codes); this only keeps absurd input from the hash. */
const Password = z.string().min(1, "Enter a password").max(1024);
const ShopPath = z
  .string()
  .max(2000)
  .refine((value) => shopPath(value) !== undefined, "must be a path of this shop");
const Token = z
  .string()
  .min(1)
  .max(4096)
  .regex(/^[\w.-]+$/, "is not a token we issued");
const RecordId = z
  .string()
  .min(1)
  .max(128)
  .regex(/^[\w-]+$/, "is not an id");
/** A WebAuthn credential as the browser's API returns it (base64url fields, a few arrays and numbers). */
const WebAuthnField = z.union([z.string().max(8192), z.number(), z.boolean(), z.null(), z.array(z.string().max(64)).max(16)]);
const WebAuthnCredential = z.object({
  id: z.string().max(1024),
  rawId: z.string().max(1024),
  type: z.literal("public-key"),
  response: z.record(z.string().max(64), WebAuthnField),
  clientExtensionResults: z.record(z.string().max(64), z.union([WebAuthnField, z.record(z.string().max(64), WebAuthnField)])).default({}),
  authenticatorAttachment: z.enum(["platform", "cross-platform"]).nullish(),
});

const SignUp = z.object({ name: PersonName, email: Email, password: Password, callbackURL: ShopPath.optional() });
const SignIn = z.object({ email: Email, password: Password, callbackURL: ShopPath.optional(), rememberMe: z.boolean().optional() });
const EmailOnly = z.object({ email: Email, callbackURL: ShopPath.optional() });
const ResetRequest = z.object({ email: Email, redirectTo: ShopPath.optional() });
const Reset = z.object({ newPassword: Password, token: Token });
const PasswordChange = z.object({ currentPassword: Password, newPassword: Password });
const EmailChange = z.object({ newEmail: Email, callbackURL: ShopPath.optional() });
const ById = z.object({ id: RecordId });
const PasskeyRegistration = z.object({ response: WebAuthnCredential, name: z.string().trim().max(100).optional() });
const PasskeyAuthentication = z.object({ response: WebAuthnCredential });

const refusals = {
  400: errorResponse("Invalid input (per-field messages)"),
  401: errorResponse("Wrong credentials or no session"),
  429: errorResponse("Too many attempts (Retry-After)"),
};

const responses = { 200: { description: "Better Auth's answer, without session tokens" }, 302: { description: "A link's redirect" }, ...refusals };

/** A POST whose validated JSON body Better Auth is handed. */
const postRoute = <Body extends z.ZodType>(path: string, summary: string, body: Body) =>
  createRoute({
    method: "post",
    path,
    tags: ["auth"],
    summary,
    request: { body: { content: { "application/json": { schema: body } }, required: true } },
    responses,
  });

/** A POST that takes no body: Better Auth is handed an empty one, whatever was sent. */
const bareRoute = (path: string, summary: string) => createRoute({ method: "post", path, tags: ["auth"], summary, responses });

/** A GET (or a link) whose query and path parameters are validated before Better Auth reads them. */
const getRoute = <Request extends { query?: z.ZodObject; params?: z.ZodObject } = Record<never, never>>(
  path: string,
  summary: string,
  request = {} as Request,
) => createRoute({ method: "get", path, tags: ["auth"], summary, request, responses });

// ── Registration and verification ─────────────────────────────────────────────────────────────
authRoutes.openapi(postRoute("/sign-up/email", "Register (a taken email answers the same; its owner gets an email instead)", SignUp), async (c) => {
  const body = c.req.valid("json");
  refuseCommonPassword(body.password);
  await countUse(c, accountEmailCounters(c, body.email, REGISTRATIONS_PER_ADDRESS));
  return betterAuth(c, body, (answer) => answer.ok && rememberAskedFor(c, body.email));
});

authRoutes.openapi(
  getRoute("/verify-email", "Confirm an email by its emailed link; signs in only the browser that asked for the link", {
    query: z.object({ token: Token, callbackURL: ShopPath.optional() }),
  }),
  async (c) => {
    const { token } = c.req.valid("query");
    const claims = verificationClaims(token);
    const target = claims.updateTo ?? claims.email;
    const askedHere = target !== undefined && askedHereFor(c, target);
    // Better Auth would sign a stranger's browser in to confirm an email change: it must be signed in already.
    if (claims.updateTo && !askedHere && !hasSessionCookie(c)) return c.redirect("/account?error=SIGN_IN_TO_CONFIRM_EMAIL", 302);
    c.set("signInAfterVerification", askedHere);
    if (!askedHere) return withVerifiedNotice(await betterAuth(c));
    return betterAuth(c, undefined, () => forgetAsked(c));
  },
);

authRoutes.openapi(postRoute("/send-verification-email", "Send the confirmation link again", EmailOnly), async (c) => {
  await countUse(c, accountEmailCounters(c, c.req.valid("json").email, ACCOUNT_EMAILS_PER_ADDRESS));
  return betterAuth(c, c.req.valid("json"));
});

// ── Signing in and out ────────────────────────────────────────────────────────────────────────
authRoutes.openapi(postRoute("/sign-in/email", "Sign in with email and password", SignIn), async (c) => {
  const body = c.req.valid("json");
  const counters = passwordFailureCounters(c, body.email);
  await refuseWhileWaiting(c, counters);
  return betterAuth(c, body, async (answer) => {
    if (answer.status === 401) await countAttempt(c, counters);
    if (!answer.ok) return;
    rememberDevice(c, body.email);
    if (c.get("staleHash")) await upgradeHash(c, body.email, body.password);
  });
});

authRoutes.openapi(getRoute("/passkey/generate-authenticate-options", "WebAuthn options to sign in with a passkey"), (c) => betterAuth(c));

authRoutes.openapi(postRoute("/passkey/verify-authentication", "Sign in with a passkey", PasskeyAuthentication), async (c) => {
  const counters: AttemptCounter[] = [[SIGN_IN_FAILURES_PER_ADDRESS, clientAddress(c)]];
  await refuseWhileWaiting(c, counters);
  return betterAuth(c, c.req.valid("json"), (answer) => answer.status === 401 && countAttempt(c, counters));
});

authRoutes.openapi(bareRoute("/sign-out", "Sign out this browser (its guest cart starts afresh)"), async (c) => {
  return betterAuth(c, {}, () => forgetGuestCart(c));
});

authRoutes.openapi(getRoute("/get-session", "The session and its shopper, or null"), async (c) => {
  // Checked as every signed-in request is (session-check.ts); Better Auth answers what only it can.
  const checked = await checkSession(c);
  if (checked === ASK_BETTER_AUTH) return betterAuth(c);
  return c.newResponse(JSON.stringify(withoutTokens(checked)), 200, { "Content-Type": "application/json", ...cachePolicy.private });
});

// ── Passwords ─────────────────────────────────────────────────────────────────────────────────
authRoutes.openapi(postRoute("/request-password-reset", "Email a reset link (the same answer for any email)", ResetRequest), async (c) => {
  await countUse(c, accountEmailCounters(c, c.req.valid("json").email, ACCOUNT_EMAILS_PER_ADDRESS));
  return betterAuth(c, c.req.valid("json"));
});

authRoutes.openapi(
  getRoute("/reset-password/{token}", "The emailed reset link: on to the reset page with its token", {
    params: z.object({ token: Token }),
    query: z.object({ callbackURL: ShopPath.optional() }),
  }),
  (c) => betterAuth(c),
);

authRoutes.openapi(postRoute("/reset-password", "Choose a new password with a reset link's token (every session ends)", Reset), async (c) => {
  refuseCommonPassword(c.req.valid("json").newPassword);
  return betterAuth(c, c.req.valid("json"));
});

authRoutes.openapi(postRoute("/change-password", "Change the password; every other session ends", PasswordChange), async (c) => {
  refuseCommonPassword(c.req.valid("json").newPassword);
  return betterAuth(c, { ...c.req.valid("json"), revokeOtherSessions: true });
});

authRoutes.openapi(postRoute("/change-email", "Email a link that makes a new address the account's", EmailChange), async (c) => {
  const body = c.req.valid("json");
  await countUse(c, accountEmailCounters(c, body.newEmail, ACCOUNT_EMAILS_PER_ADDRESS));
  return betterAuth(c, body, (answer) => answer.ok && rememberAskedFor(c, body.newEmail));
});

// ── Sessions and passkeys ─────────────────────────────────────────────────────────────────────
authRoutes.openapi(getRoute("/list-sessions", "The shopper's sessions (ids, never tokens)"), (c) => betterAuth(c));

authRoutes.openapi(postRoute("/revoke-session", "End one of the shopper's sessions, named by id", ById), async (c) =>
  betterAuth(c, { token: await tokenOfOwnSession(c, String(c.req.valid("json").id)) }),
);

authRoutes.openapi(bareRoute("/revoke-other-sessions", "End every session but this one"), (c) => betterAuth(c, {}));

authRoutes.openapi(
  getRoute("/passkey/generate-register-options", "WebAuthn options to add a passkey", {
    query: z.object({ authenticatorAttachment: z.enum(["platform", "cross-platform"]).optional(), name: z.string().max(100).optional() }),
  }),
  (c) => betterAuth(c),
);

authRoutes.openapi(postRoute("/passkey/verify-registration", "Add a passkey", PasskeyRegistration), (c) => betterAuth(c, c.req.valid("json")));

authRoutes.openapi(getRoute("/passkey/list-user-passkeys", "The shopper's passkeys"), (c) => betterAuth(c));

authRoutes.openapi(postRoute("/passkey/delete-passkey", "Remove a passkey", ById), (c) => betterAuth(c, c.req.valid("json")));

// ── Handing over to Better Auth ───────────────────────────────────────────────────────────────
/**
 * Better Auth's answer to this request, with the validated body (POST); `then` runs before the
 * answer is made (its cookies go with it). The answer is in the shop's shape.
 */
async function betterAuth(c: Context<AppEnv>, body?: Body, then?: (answer: Response) => unknown): Promise<Response> {
  const request = c.req.raw;
  const headers = new Headers(request.headers);
  headers.delete("Content-Length");
  if (body) headers.set("Content-Type", "application/json");
  const answer = await authOf(c).handler(new Request(request.url, { method: request.method, headers, ...(body && { body: JSON.stringify(body) }) }));
  if (c.get("guestCartMerged")) forgetGuestCart(c);
  await then?.(answer);
  return inShopShape(c, answer);
}

function refuseCommonPassword(password: unknown) {
  if (typeof password === "string" && isCommonPassword(password)) {
    throw new ApiFailure(
      400,
      "password_too_common",
      "This password is one of the most common ones, so it is among the first an attacker tries. Choose another.",
    );
  }
}

/**
 * Better Auth revokes by token, which would hand every session's secret to the page's script: the
 * shop names a session by id, and the token is looked up for the shopper's own sessions only.
 */
async function tokenOfOwnSession(c: Context<AppEnv>, id: string): Promise<string> {
  const shopper = await signedIn(c);
  const [session] = await c
    .get("db")()
    .select({ token: sessions.token })
    .from(sessions)
    .where(and(eq(sessions.id, id), eq(sessions.userId, shopper.id)));
  if (!session) throw new ApiFailure(404, "session_not_found", "No such session of yours; reload the list.");
  return session.token;
}

/** A hash made with older scrypt parameters is made again while the password is at hand. */
async function upgradeHash(c: Context<AppEnv>, email: string, password: string) {
  const db = c.get("db")();
  const [account] = await db
    .select({ id: authAccounts.id, password: authAccounts.password })
    .from(authAccounts)
    .innerJoin(users, eq(users.id, authAccounts.userId))
    .where(and(eq(sql`lower(${users.email})`, email.trim().toLowerCase()), eq(authAccounts.providerId, "credential")));
  if (!account?.password || !needsRehash(account.password)) return;
  await db
    .update(authAccounts)
    .set({ password: await hashPassword(password), updatedAt: new Date() })
    .where(eq(authAccounts.id, account.id));
}

/** A verification that signed nobody in goes on to the sign-in form, which says the email is confirmed. */
function withVerifiedNotice(answer: Response): Response {
  const location = answer.headers.get("Location");
  if (answer.status !== 302 || !location || location.includes("error=")) return answer;
  const url = new URL(location, "http://shop.invalid");
  url.searchParams.set("verified", "1");
  const headers = new Headers(answer.headers);
  headers.set("Location", `${url.pathname}${url.search}`);
  return new Response(null, { status: 302, headers });
}

/** Session tokens are the cookie's business alone: never in a body a page's script can read. */
function withoutTokens(value: unknown): unknown {
  if (Array.isArray(value)) return value.map(withoutTokens);
  if (!value || typeof value !== "object") return value;
  const { token: _token, ...rest } = value as Record<string, unknown>;
  if (rest.session && typeof rest.session === "object") rest.session = withoutTokens(rest.session);
  return rest;
}

/** Better Auth answers errors as `{ code, message }`; the shop's clients read `{ error: { code, message } }`. */
async function inShopShape(c: Context<AppEnv>, answer: Response): Promise<Response> {
  const headers = new Headers(answer.headers);
  headers.delete("Content-Length");
  headers.set("Cache-Control", cachePolicy.private["Cache-Control"]);
  const status = answer.status as StatusCode;
  if (!answer.headers.get("Content-Type")?.includes("application/json")) return c.newResponse(answer.body, { status, headers });
  const body: unknown = await answer.json().catch(() => null);
  if (status < 400) return c.newResponse(JSON.stringify(withoutTokens(body)), { status, headers });
  const failure = (body ?? {}) as { code?: string; message?: string };
  const code = (failure.code ?? "auth_error").toLowerCase();
  return c.newResponse(JSON.stringify(errorBody(code, failure.message ?? "The request was refused.")), {
    status: Math.min(status, 500) as StatusCode,
    headers,
  });
}
