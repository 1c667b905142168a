import { passkey } from "@better-auth/passkey";
import { betterAuth } from "better-auth";
import { drizzleAdapter } from "better-auth/adapters/drizzle";
import type { Context } from "hono";
import { existingGuestCartId } from "../cart/cart-id";
import { mergeGuestCart } from "../cart/merge";
import { keepCheckoutAtSignIn } from "../checkout/sign-in";
import type { AppEnv } from "../env";
import { isHttps, publicOrigin } from "../security/public-origin";
import { queueAccountMessage } from "./messages";
import { hashPassword, needsRehash, verifyPassword } from "./password-hash";
import { authAccounts, passkeys, sessions, users, verifications } from "./schema";
import { sessionStorage } from "./session-store";

export const SESSION_COOKIE_PREFIX = "shop";
/** Better Auth's name for one of its cookies here: `__Secure-` prefixed over https. */
export const authCookieName = (c: Context<AppEnv>, name: string) => `${isHttps(c.env) ? "__Secure-" : ""}${SESSION_COOKIE_PREFIX}.${name}`;
const DAY = 24 * 3600;
/** A session lasts this long from its last extension; one in use is extended once it is a day old. */
export const SESSION_SECONDS = 30 * DAY;
export const SESSION_EXTENDED_AFTER_SECONDS = DAY;

/**
 * Better Auth for one request (a Worker's database pool lives as long as its request, as Hono's
 * Cloudflare example builds it). What we changed from its defaults, and why:
 * - scrypt through node:crypto (password-hash.ts) instead of its pure-JS scrypt (Workers CPU limit);
 * - no auto sign-in at registration, so registering a taken email answers exactly as a new one does;
 * - its in-memory rate limiter off: ours counts per address and per account in Durable Objects;
 * - the client address read from CF-Connecting-IP only; cookies prefixed `shop`, Secure over https;
 * - sessions kept in a Durable Object per token as well as in Postgres, so checking one reads no database;
 * - every new session merges the visitor's guest cart into the user's;
 * - a verification link signs in only the browser that asked for it (login CSRF);
 * - no background tasks: an email is queued before the answer, while the request's pool is open.
 */
function createAuth(c: Context<AppEnv>) {
  const origin = publicOrigin(c.env);
  const store = c.env.STORE_NAME;
  const db = c.get("db")();
  return betterAuth({
    appName: store,
    baseURL: origin,
    basePath: "/api/auth",
    secret: c.env.AUTH_SECRET,
    trustedOrigins: [origin],
    database: drizzleAdapter(db, {
      provider: "pg",
      schema: { user: users, session: sessions, account: authAccounts, verification: verifications, passkey: passkeys },
    }),
    emailAndPassword: {
      enabled: true,
      autoSignIn: false,
      minPasswordLength: 8,
      maxPasswordLength: 128,
      password: {
        hash: hashPassword,
        verify: async ({ hash, password }) => {
          const right = await verifyPassword(hash, password);
          if (right && needsRehash(hash)) c.set("staleHash", true);
          return right;
        },
      },
      revokeSessionsOnPasswordReset: true,
      sendResetPassword: ({ user, url }) => queueAccountMessage(db, "reset_password", user.email, url),
      onExistingUserSignUp: ({ user }) => queueAccountMessage(db, "existing_account", user.email),
    },
    emailVerification: {
      sendOnSignUp: true,
      // Only the browser that asked for the link (auth-routes.ts: verify-email), never a stranger's.
      autoSignInAfterVerification: c.get("signInAfterVerification") === true,
      expiresIn: 3600,
      sendVerificationEmail: ({ user, url }, request) =>
        queueAccountMessage(db, new URL(request?.url ?? origin).pathname.endsWith("/change-email") ? "change_email" : "verify_email", user.email, url),
    },
    user: {
      additionalFields: { role: { type: ["customer", "admin"], input: false, defaultValue: "customer", required: false } },
      changeEmail: { enabled: true },
    },
    // Sessions kept in Durable Objects for the session check (session-store.ts) and in Postgres.
    secondaryStorage: sessionStorage(c.env),
    session: { expiresIn: SESSION_SECONDS, updateAge: SESSION_EXTENDED_AFTER_SECONDS, freshAge: DAY, storeSessionInDatabase: true },
    verification: { storeInDatabase: true },
    rateLimit: { enabled: false },
    advanced: {
      cookiePrefix: SESSION_COOKIE_PREFIX,
      useSecureCookies: isHttps(c.env),
      ipAddress: { ipAddressHeaders: ["cf-connecting-ip"] },
    },
    databaseHooks: { session: { create: { after: (session) => mergeAtSignIn(c, session.userId) } } },
    plugins: [passkey({ rpID: new URL(origin).hostname, rpName: store, origin })],
  });
}

export type Auth = ReturnType<typeof createAuth>;

/** This request's Better Auth, made on first use. */
export function authOf(c: Context<AppEnv>): Auth {
  let auth = c.get("auth") as Auth | undefined;
  if (!auth) {
    auth = createAuth(c);
    c.set("auth", auth);
  }
  return auth;
}

/**
 * A new session: the guest cart on this device joins the user's, and its open checkout follows it.
 * If the merge fails the sign-in still stands and the guest cart stays, to merge at the next sign-in
 * (the merge is safe to repeat); if only the checkout's move fails, it stays behind and lapses.
 */
async function mergeAtSignIn(c: Context<AppEnv>, userId: string) {
  const guestCartId = await existingGuestCartId(c);
  if (!guestCartId) return;
  try {
    await mergeGuestCart(c, guestCartId, userId);
    c.set("guestCartMerged", true); // the guest cart is gone: its cookie goes too
    await keepCheckoutAtSignIn(c.get("db")(), c.env, guestCartId, userId);
  } catch (err) {
    console.error("guest cart merge (or its checkout's move) failed at sign-in", err);
  }
}
