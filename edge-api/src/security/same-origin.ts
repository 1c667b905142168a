import type { Context } from "hono";
import { csrf } from "hono/csrf";
import { createMiddleware } from "hono/factory";
import { matchedRoutes } from "hono/route";
import type { AppEnv } from "../env";
import { ApiFailure } from "../errors";

const SAFE_METHOD = /^(?:GET|HEAD|OPTIONS)$/;

/**
 * Whether a browser says the request comes from a page of another origin. Clients that are not
 * browsers (the deploy tool, webhooks) send neither header and carry no shopper's cookies.
 */
export function fromAnotherOrigin(c: Context<AppEnv>): boolean {
  const site = c.req.header("Sec-Fetch-Site");
  if (site !== undefined && site !== "same-origin" && site !== "none") return true;
  const origin = c.req.header("Origin");
  return origin !== undefined && !isOriginOf(origin, c.req.url);
}

/** Whether `origin` (as browsers send it: scheme, host, port if not the default) is the URL's, without parsing the URL. */
const isOriginOf = (origin: string, url: string) => url.startsWith(origin) && url[origin.length] === "/";

export const crossOriginRefusal = () => new ApiFailure(403, "cross_origin_request", "Changes are accepted only from the shop's own pages.");

// Hono's guard for what a page on another site can POST without a preflight (form and text bodies,
// or none) when no Origin or Sec-Fetch-Site header says it is ours. Other methods always need a
// preflight, which this edge never grants; and without cookies a request speaks for nobody.
const formGuard = csrf();

/**
 * Every write a cookie could authorise (on top of SameSite=Lax): a page of another origin is
 * refused, whatever the body's type, and so is a cookie-bearing form-like POST that cannot show it
 * is ours. The deploy tool and webhooks (bearer tokens or signatures, no cookies) pass.
 */
export const sameOriginWrites = createMiddleware<AppEnv>(async (c, next) => {
  if (SAFE_METHOD.test(c.req.method)) return next();
  // No route takes this method here: nothing to protect, and the answer is 404 or 405 with Allow.
  if (!matchedRoutes(c).some((route) => route.method === c.req.method)) return next();
  if (fromAnotherOrigin(c)) throw crossOriginRefusal();
  return c.req.method === "POST" && c.req.header("Cookie") ? formGuard(c, next) : next();
});
