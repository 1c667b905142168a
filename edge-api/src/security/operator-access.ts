import { SIGN_IN_AGAIN, STEP_UP_MINUTES } from "@shop/contracts";
import type { Context } from "hono";
import { createMiddleware } from "hono/factory";
import { isOperatorNow, shopperOf } from "../account/shopper";
import type { AppEnv, Env } from "../env";
import { ApiFailure } from "../errors";
import { errorResponse } from "../openapi";
import { clientAddress, FAILED_CREDENTIALS, limitFailures } from "./attempt-limit";

/**
 * Requests must carry `Authorization: Bearer <secret>`; 401 otherwise. A client that sends wrong
 * tokens too often waits (429 with Retry-After) before any token of its is looked at again.
 */
function requireBearer(secretOf: (env: Env) => string, realm: string) {
  return createMiddleware<AppEnv>(async (c, next) => {
    await limitFailures(c, [[FAILED_CREDENTIALS, clientAddress(c)]], async () => {
      const header = c.req.header("Authorization") ?? "";
      const token = header.startsWith("Bearer ") ? header.slice(7) : "";
      const expected = secretOf(c.env);
      if (!expected || !token || !(await sameSecret(token, expected))) {
        throw new ApiFailure(401, "unauthorized", `A valid ${realm} token is required (Authorization: Bearer <token>).`, {
          "WWW-Authenticate": `Bearer realm="${realm}"`,
        });
      }
    });
    await next();
  });
}

/**
 * Operators' routes: a bearer token (the admin token, or for the registry the deploy token), or the
 * session of a shopper whose role is `admin`. A customer's session is refused (403) without its
 * token being looked at. Sets `operator`: who the change log says acted.
 */
function requireOperator(secretOf: (env: Env) => string, realm: string) {
  const bearer = requireBearer(secretOf, realm);
  return createMiddleware<AppEnv>(async (c, next) => {
    if (c.req.header("Authorization")) {
      c.set("operator", `${realm} token`);
      return bearer(c, next);
    }
    const shopper = await shopperOf(c);
    if (shopper && (await isOperatorNow(c, shopper))) {
      c.set("operator", `admin:${shopper.email}`);
      return next();
    }
    if (shopper) throw new ApiFailure(403, "forbidden", "This needs an operator's account.");
    return bearer(c, next);
  });
}

/** Who acted, as the change log says it: set by `requireAdmin()` / `requireDeployer()`. */
export const actorOf = (c: Context<AppEnv>) => c.get("operator") ?? "unknown";

export const requireAdmin = () => requireOperator((env) => env.ADMIN_TOKEN, "admin");
/** Registry writes: the deploy token, or an operator's session. */
export const requireDeployer = () => requireOperator((env) => env.DEPLOY_TOKEN, "deploy");

/**
 * Writes that move money or power (refunds, role changes): an operator's session must have signed in
 * within the last 15 minutes, so a session left open on a shared screen cannot do them. The admin
 * token is a secret kept by the shop's own automation, not a person's session: it is not asked.
 */
export const requireRecentSignIn = () =>
  createMiddleware<AppEnv>(async (c, next) => {
    const shopper = c.get("shopper");
    if (c.get("operator")?.startsWith("admin:") && shopper && Date.now() - shopper.sessionCreatedAt.getTime() > STEP_UP_MINUTES * 60_000) {
      throw new ApiFailure(403, SIGN_IN_AGAIN, `This needs a sign-in within the last ${STEP_UP_MINUTES} minutes: sign in again, then repeat it.`);
    }
    await next();
  });

/** Compares digests so the time taken says nothing about the token. */
async function sameSecret(a: string, b: string): Promise<boolean> {
  const encoder = new TextEncoder();
  const [da, db] = await Promise.all([a, b].map((s) => crypto.subtle.digest("SHA-256", encoder.encode(s))));
  return crypto.subtle.timingSafeEqual(da!, db!);
}

/** How the API's document describes routes behind `requireAdmin()` / `requireDeployer()`: who may call them, and the refusals. */
export const operatorOpenApi = (realm: "admin" | "deploy") => ({
  security: [{ [realm === "admin" ? "adminToken" : "deployToken"]: [] }, { sessionCookie: [] }] as Array<Record<string, string[]>>,
  refusals: {
    401: errorResponse(`Missing or wrong ${realm} token, and no operator's session`),
    403: errorResponse("A customer's session"),
    429: errorResponse("Too many wrong tokens from this address; wait Retry-After seconds"),
  },
});
