import { type AppName, type IslandLoad, RENDERED_DATA_ELEMENT_ID } from "@shop/contracts";
import type { Context } from "hono";
import { hasSessionCookie } from "../../account/shopper";
import { cartIdMintedNow, cookiesFromNowOn } from "../../cart/cart-id";
import type { AppEnv } from "../../env";
import type { LiveVersion } from "../../registry/registry";
import type { UrlPage } from "../page-of-url";
import { type AreaOutcome, type AreaParts, areaParts, complete, type RenderContext } from "./areas";
import { InProcessApi } from "./in-process-api";

/** An area's default time budget when a copy of it could stand in: past it, the copy does (docs/edge-rendering.md). */
const DEFAULT_BUDGET_MS = 50;
/** The same when nothing could (a cold start, or an area made for this visitor): past it, the browser renders the area. */
const DEFAULT_COLD_BUDGET_MS = 3000;

/** Whether this edge renders pages at all: a Worker Loader bound, and not switched off. */
export const edgeRenderingOn = (env: AppEnv["Bindings"]) => env.EDGE_RENDER !== "off" && Boolean(env.LOADER);

/**
 * The page's HTML as the shell and the remotes render it at the edge, as parts: the shell's layout
 * first (its own render is quick), then each area inside it as soon as it and those before it are
 * ready. Null when the shell cannot render here: the page renders in the browser, as before.
 */
export async function renderPage(
  c: Context<AppEnv>,
  url: URL,
  route: UrlPage,
  versions: Map<AppName, LiveVersion | null>,
  islands: Record<string, IslandLoad> | undefined,
): Promise<AreaParts | null> {
  const ask = c.get("inProcess");
  if (!edgeRenderingOn(c.env) || !ask) return null;
  // A first visit (no cart yet, not signed in) gets what every first visit gets: the empty cart and
  // "Sign in". Its whole page is then the same for all of them, and is cached whole (under a key of
  // its own): the most common document, the one a landing page or a crawler gets, costs no render.
  const firstVisit = (await cartIdMintedNow(c)) && !hasSessionCookie(c);
  const cookie = firstVisit ? (c.req.header("Cookie") ?? "") : await cookiesFromNowOn(c);
  const api = new InProcessApi((path) => ask(new Request(new URL(path, url.origin), { headers: { Cookie: cookie, Accept: "application/json" } })), firstVisit);
  const ctx: RenderContext = {
    env: c.env,
    audience: firstVisit ? "first visits" : "everyone",
    versions,
    url: `${url.pathname}${url.search}`,
    api,
    budgetMs: Number(c.env.EDGE_RENDER_BUDGET_MS) || DEFAULT_BUDGET_MS,
    coldBudgetMs: Math.max(Number(c.env.EDGE_RENDER_COLD_BUDGET_MS) || DEFAULT_COLD_BUDGET_MS, Number(c.env.EDGE_RENDER_BUDGET_MS) || 0),
    browserOnly: new Set(route.page?.render === "browser" ? [route.page.module] : []),
    ...(islands && { islands }),
    later: (work) => c.executionCtx.waitUntil(work),
  };
  return areaParts(ctx, { module: "shell/App", props: {} });
}

/** JSON for an inline `<script type="application/json">`: `<` escaped so no value can close the tag. */
export const inlineJson = (value: unknown) => JSON.stringify(value).replace(/</g, "\\u003c");

/**
 * The document after its head, whole: the page's root element with every area in it (each waited
 * for within its budget), the answers they were rendered from, once each, for the browser to
 * hydrate from without fetching them again, and the end of the document. Made whole before it is
 * sent, so the answer's X-Edge-Render header can say what the page holds.
 */
export async function documentBody(shell: AreaParts, pageKey: string, islands: boolean): Promise<{ text: string; outcome: AreaOutcome }> {
  const page = await complete(shell);
  const text = `<div id="root" data-rendered=""${islands ? " data-islands" : ""}>${page.html}</div>\n<script id="${RENDERED_DATA_ELEMENT_ID}" type="application/json">{"page":${inlineJson(pageKey)},"answers":${inlineJson(page.answers)}}</script>\n</body>\n</html>`;
  return { text, outcome: page.outcome };
}

const encoder = new TextEncoder();
// A page that came whole from the cache is the same bytes for every visitor who gets that entry
// (its key holds the page's URL): they are written and encoded once per entry, not per document.
const wholeBodies = new WeakMap<AreaParts["answers"], { bytes: Uint8Array; outcome: AreaOutcome }>();

/** The document's body as UTF-8, and what it holds (X-Edge-Render). */
export async function documentBodyBytes(shell: AreaParts, pageKey: string, islands: boolean): Promise<{ bytes: Uint8Array; outcome: AreaOutcome }> {
  const whole = shell.cached && isWhole(shell);
  let body = whole ? wholeBodies.get(shell.answers) : undefined;
  if (!body) {
    const { text, outcome } = await documentBody(shell, pageKey, islands);
    body = { bytes: encoder.encode(text), outcome };
    if (whole) wholeBodies.set(shell.answers, body);
  }
  return body;
}

/** Whether the page is whole already (from the cache, nothing left to render for this visitor). */
const isWhole = (shell: AreaParts) => shell.parts.every((part) => typeof part === "string");
