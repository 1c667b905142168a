import { createMiddleware } from "hono/factory";
import type { AppEnv, Env } from "./env";
import { ApiFailure } from "./errors";

/** Requests must carry `Authorization: Bearer <secret>`; 401 otherwise. */
export function requireBearer(secretOf: (env: Env) => string, realm: string) {
  return createMiddleware<AppEnv>(async (c, next) => {
    const header = c.req.header("Authorization") ?? "";
    const token = header.startsWith("Bearer ") ? header.slice(7) : "";
    const expected = secretOf(c.env);
    if (!expected || !token || !(await sameSecret(token, expected))) {
      c.header("WWW-Authenticate", `Bearer realm="${realm}"`);
      throw new ApiFailure(401, "unauthorized", `A valid ${realm} token is required (Authorization: Bearer <token>).`);
    }
    await next();
  });
}

/** Compares digests so the time taken says nothing about the token. */
async function sameSecret(a: string, b: string): Promise<boolean> {
  const encoder = new TextEncoder();
  const [da, db] = await Promise.all([a, b].map((s) => crypto.subtle.digest("SHA-256", encoder.encode(s))));
  return crypto.subtle.timingSafeEqual(da!, db!);
}
