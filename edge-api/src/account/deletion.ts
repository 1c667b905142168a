import { and, eq, or } from "drizzle-orm";
import type { Context } from "hono";
import { deleteCookie } from "hono/cookie";
import { cartStub, userCartName } from "../cart/cart-id";
import { anonymiseOrdersOf } from "../checkout/customer-orders";
import type { Database } from "../db/client";
import type { AppEnv } from "../env";
import { ApiFailure } from "../errors";
import { limitFailures } from "../security/attempt-limit";
import { isHttps } from "../security/public-origin";
import { passwordFailureCounters } from "./attempt-counters";
import { authCookieName } from "./auth";
import { verifyPassword } from "./password-hash";
import { authAccounts, users, verifications } from "./schema";
import { forgetKeptSessions } from "./session-store";
import type { Shopper } from "./shopper";

const FRESH_SIGN_IN_MS = 10 * 60_000;

/** Deleting needs proof that the shopper is at the keyboard: the password, or (passkeys only) a sign-in just now. */
async function confirmIdentity(c: Context<AppEnv>, shopper: Shopper, password: string | undefined) {
  const [credential] = await c
    .get("db")()
    .select({ hash: authAccounts.password })
    .from(authAccounts)
    .where(and(eq(authAccounts.userId, shopper.id), eq(authAccounts.providerId, "credential")));
  if (credential?.hash) {
    await limitFailures(c, passwordFailureCounters(c, shopper.email), async () => {
      if (!password || !(await verifyPassword(credential.hash!, password)))
        throw new ApiFailure(403, "wrong_password", "That is not your password; the account is unchanged.");
    });
  } else if (Date.now() - shopper.sessionCreatedAt.getTime() > FRESH_SIGN_IN_MS) {
    throw new ApiFailure(403, "sign_in_again", "Sign in again (within the last 10 minutes) to delete your account.");
  }
}

/**
 * Erases the shopper: orders stay for the books but anonymised, and the user row goes with
 * everything hanging off it (sessions, passkeys, password, addresses, wishlist), in one transaction;
 * then the cart. The browser's session cookie is cleared.
 */
export async function deleteAccount(c: Context<AppEnv>, shopper: Shopper, password: string | undefined) {
  await confirmIdentity(c, shopper, password);
  await eraseAccount(c, shopper);
  deleteCookie(c, authCookieName(c, "session_token"), { path: "/", secure: isHttps(c.env) });
}

/**
 * The erasure itself, for the shopper or an operator acting on their request (`audit`, written in the
 * same transaction): orders anonymised, the user row and all that hangs off it gone, then the cart.
 */
export async function eraseAccount(c: Context<AppEnv>, account: { id: string; email: string }, audit?: (tx: Pick<Database, "insert">) => Promise<void>) {
  await c
    .get("db")()
    .transaction(async (tx) => {
      await anonymiseOrdersOf(tx, account.id, account.email);
      await tx.delete(verifications).where(or(eq(verifications.value, account.id), eq(verifications.identifier, account.email)));
      await tx.delete(users).where(eq(users.id, account.id));
      await audit?.(tx);
    });
  await forgetKeptSessions(c.env, account.id);
  await cartStub(c.env, userCartName(account.id)).discard();
}
