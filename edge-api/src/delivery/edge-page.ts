import { signInPath } from "@shop/contracts";
import type { Context } from "hono";
import { html } from "hono/html";
import type { HtmlEscapedString } from "hono/utils/html";
import { isOperatorNow, shopperOf } from "../account/shopper";
import { cachePolicy } from "../cache-policy";
import type { AppEnv } from "../env";
import { documentPolicy, securityHeaders } from "../security/headers";

// Plain pages the edge renders whole, with no remote to load: the operators' views and the
// unsubscribe page a mail links to. One stylesheet, allowed by its hash.

export const EDGE_PAGE_STYLE = `body{margin:0;font:16px/1.5 system-ui,sans-serif;color:#1d1d1f;background:#fafafa}main{max-width:1100px;margin:0 auto;padding:24px}table{border-collapse:collapse;width:100%;margin:8px 0 24px;background:#fff}caption{text-align:left;font-weight:600;padding:4px 0}th,td{border:1px solid #d2d2d7;padding:6px 8px;text-align:right;vertical-align:top}th[scope=row],thead th:first-child{text-align:left}.verdict{font-weight:600}.warn{color:#b42318}.table-wrap{overflow-x:auto}.table-wrap:focus-visible{outline:2px solid #0b6bcb}a{color:#0b6bcb}button{font:inherit;padding:10px 18px;border-radius:6px;border:1px solid #0b6bcb;background:#0b6bcb;color:#fff;cursor:pointer}button:focus-visible{outline:3px solid #1d1d1f;outline-offset:2px}`;

/** The security headers of an edge page: its one inline stylesheet allowed, nothing else. */
export const edgePageHeaders = securityHeaders(documentPolicy([EDGE_PAGE_STYLE]));

export const edgePage = (title: string, body: HtmlEscapedString | Promise<HtmlEscapedString>) => html`<!doctype html>
<html lang="en"><head><meta charset="utf-8"><meta name="viewport" content="width=device-width, initial-scale=1"><meta name="robots" content="noindex">
<title>${title}</title><style>${EDGE_PAGE_STYLE}</style></head>
<body><main id="main"><h1>${title}</h1>${body}</main></body></html>`;

/** Null for an operator's session, else the page saying how to get one (401 signed out, 403 a customer). */
export async function refusedUnlessOperator(c: Context<AppEnv>) {
  const shopper = await shopperOf(c);
  if (shopper && (await isOperatorNow(c, shopper))) return null;
  const message = shopper ? "This page is for the shop's operators; your account is a customer's." : "This page is for the shop's operators.";
  const here = new URL(c.req.url);
  return c.html(
    edgePage(
      "Operators only",
      html`<p>${message} <a href="${signInPath(here.pathname + here.search)}">Sign in</a> with an operator's account, then come back.</p>`,
    ),
    shopper ? 403 : 401,
    cachePolicy.none,
  );
}
