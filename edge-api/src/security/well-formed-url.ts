import { createMiddleware } from "hono/factory";
import { html } from "hono/html";
import { cachePolicy } from "../cache-policy";
import type { AppEnv } from "../env";
import { errorBody } from "../errors";

// biome-ignore lint/suspicious/noControlCharactersInRegex: control characters are what this refuses
const CONTROL = /[\u0000-\u001f\u007f]/;

function decodes(part: string): boolean {
  try {
    return !CONTROL.test(decodeURIComponent(part));
  } catch {
    return false; // a `%` not followed by two hex digits, or bytes that are not UTF-8
  }
}

/**
 * Whether the path and every query name and value decode to text: malformed percent-encoding and
 * encoded control characters (`%00`) are refused here, once, for every route present and future,
 * instead of surfacing wherever a handler decodes them or hands them to SQL. The URL parser has
 * already encoded raw bytes, so a URL without `%` is well formed.
 */
export function isWellFormedUrl(url: string): boolean {
  if (!url.includes("%")) return true;
  const { pathname, search } = new URL(url);
  if (!decodes(pathname)) return false;
  for (const pair of search.slice(1).split("&")) {
    for (const part of pair.split("=")) if (!decodes(part.replace(/\+/g, " "))) return false;
  }
  return true;
}

/** 400 for a malformed URL: a JSON error on the API, a small page anywhere else. */
export const wellFormedUrl = createMiddleware<AppEnv>(async (c, next) => {
  if (isWellFormedUrl(c.req.url)) return next();
  const message = "The address is malformed: it has a `%` that is not followed by two hex digits, bytes that are not UTF-8, or control characters.";
  if (c.req.path.startsWith("/api/")) return c.json(errorBody("malformed_url", message), 400);
  return c.html(
    html`<!doctype html><html lang="en"><head><meta charset="utf-8"><title>Bad request | ${c.env.STORE_NAME}</title></head>
<body><main><h1>This address is not valid</h1><p>Check the link, or go to <a href="/">the home page</a>.</p></main></body></html>`,
    400,
    cachePolicy.none,
  );
});
