import { createMiddleware } from "hono/factory";
import type { AppEnv, Env } from "../env";
import { publicOrigin } from "./public-origin";

const LOOPBACK = new Set(["localhost", "127.0.0.1", "[::1]"]);

/**
 * Where a request to another spelling of the local machine should go instead: the configured origin,
 * when the shop runs locally on loopback (`http://127.0.0.1:8787` → `http://localhost:8787`). One
 * origin means one set of cookies, Better Auth's origin check and Stripe's return URLs all agree.
 * Never in production, where the Host header is the client's and only PUBLIC_ORIGIN is the shop.
 */
export function localOriginFor(env: Pick<Env, "ENVIRONMENT" | "PUBLIC_ORIGIN">, url: URL): string | undefined {
  if (env.ENVIRONMENT !== "local") return undefined;
  const shop = new URL(publicOrigin(env));
  if (url.origin === shop.origin || !LOOPBACK.has(url.hostname) || !LOOPBACK.has(shop.hostname) || url.port !== shop.port) return undefined;
  return `${shop.origin}${url.pathname}${url.search}`;
}

/** Locally, every loopback spelling of the shop's address is sent to the one the shop is configured with (308). */
export const oneLocalOrigin = createMiddleware<AppEnv>(async (c, next) => {
  const target = localOriginFor(c.env, new URL(c.req.url));
  if (target) return c.redirect(target, 308);
  await next();
});
