import type { Env } from "../env";

const origins = new Map<string, string>();

/**
 * The shop's configured origin, for every absolute URL the edge writes (canonical links, Open Graph,
 * JSON-LD). The request's Host header is the client's to choose, so it never decides these.
 */
export function publicOrigin(env: Pick<Env, "PUBLIC_ORIGIN">): string {
  let origin = origins.get(env.PUBLIC_ORIGIN);
  if (!origin) {
    if (!env.PUBLIC_ORIGIN) throw new Error("PUBLIC_ORIGIN is not configured (wrangler.jsonc vars)");
    origin = new URL(env.PUBLIC_ORIGIN).origin;
    origins.set(env.PUBLIC_ORIGIN, origin);
  }
  return origin;
}

/** Served over https: cookies are Secure and browsers are told to stay on https (HSTS). */
export const isHttps = (env: Pick<Env, "PUBLIC_ORIGIN">) => publicOrigin(env).startsWith("https:");
