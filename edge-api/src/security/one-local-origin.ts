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

/**
 * Locally, a browser that opens the shop under another loopback spelling of its address is sent to
 * the one the shop is configured with (308). Only page loads: tools calling the API at 127.0.0.1 keep
 * their answers (a redirect to another origin would drop their Authorization header).
 */
export const oneLocalOrigin = createMiddleware<AppEnv>(async (c, next) => {
  const pageLoad = c.req.method === "GET" && (c.req.header("Sec-Fetch-Mode") === "navigate" || (c.req.header("Accept") ?? "").includes("text/html"));
  const target = pageLoad ? localOriginFor(c.env, new URL(c.req.url)) : undefined;
  if (target) return c.redirect(target, 308);
  await next();
});
