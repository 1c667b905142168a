import { type AppName, RENDERED_DATA_ELEMENT_ID } from "@shop/contracts";
import type { Context } from "hono";
import { hasSessionCookie } from "../../account/shopper";
import { cartIdMintedNow, cookiesFromNowOn } from "../../cart/cart-id";
import type { AppEnv } from "../../env";
import type { PageRoute } from "../page-routes";
import type { LiveVersion } from "../registry";
import { type AreaParts, areaParts, boundary, complete, type RenderContext } from "./areas";
import { type ApiAnswer, InProcessApi } from "./in-process-api";

/** An area's default time budget: past it, the browser renders the area (README: edge rendering). */
const DEFAULT_BUDGET_MS = 50;


/** Whether this edge renders pages at all: a Worker Loader bound, and not switched off. */
export const edgeRenderingOn = (env: AppEnv["Bindings"]) => env.EDGE_RENDER !== "off" && Boolean(env.LOADER);

/**
 * The page's HTML as the shell and the remotes render it at the edge, as parts: the shell's layout
 * first (its own render is quick), then each area inside it as soon as it and those before it are
 * ready. Null when the shell cannot render here: the page renders in the browser, as before.
 */
export async function renderPage(c: Context<AppEnv>, url: URL, route: PageRoute, versions: Map<AppName, LiveVersion | null>): Promise<AreaParts | null> {
  if (!edgeRenderingOn(c.env) || !c.var.inProcess) return null;
  // A first visit (no cart yet, not signed in) gets what every first visit gets: the empty cart and
  // "Sign in". Its whole page is then the same for all of them, and is cached whole (under a key of
  // its own): the most common document, the one a landing page or a crawler gets, costs no render.
  const firstVisit = (await cartIdMintedNow(c)) && !hasSessionCookie(c);
  const cookie = firstVisit ? (c.req.header("Cookie") ?? "") : await cookiesFromNowOn(c);
  const ask = c.var.inProcess;
  const api = new InProcessApi((path) => ask(new Request(new URL(path, url.origin), { headers: { Cookie: cookie, Accept: "application/json" } })), firstVisit);
  const ctx: RenderContext = {
    env: c.env,
    audience: firstVisit ? "first visits" : "everyone",
    versions,
    url: `${url.pathname}${url.search}`,
    api,
    budgetMs: Number(c.env.EDGE_RENDER_BUDGET_MS) || DEFAULT_BUDGET_MS,
    browserOnly: new Set(route.page?.render === "browser" ? [route.page.module] : []),
    later: (work) => c.executionCtx.waitUntil(work),
  };
  return areaParts(ctx, { module: "shell/App", props: {} });
}

/** JSON for an inline `<script type="application/json">`: `<` escaped so no value can close the tag. */
export const inlineJson = (value: unknown) => JSON.stringify(value).replace(/</g, "\\u003c");

/**
 * The page's root element, streamed: each area in document order as it is ready, then the answers they were
 * rendered from, once each, for the browser to hydrate from without fetching them again.
 */
export async function* pageBody(shell: AreaParts, pageKey: string): AsyncGenerator<string> {
  yield `<div id="root" data-rendered="">`;
  let answers = shell.answers;
  for (const part of shell.parts) {
    if (typeof part === "string") {
      yield part;
      continue;
    }
    const child = await part.rendered;
    if (child) answers = { ...answers, ...child.answers };
    yield boundary(child, part.slot);
  }
  // Its areas are all in: the shell's own entry goes to the cache (if it is the same for everyone).
  await complete(shell);
  yield `</div>\n<script id="${RENDERED_DATA_ELEMENT_ID}" type="application/json">{"page":${inlineJson(pageKey)},"answers":${inlineJson(answers)}}</script>\n`;
}

/** The document after its head: the page's root element, then the end of the document. */
export async function* documentBody(shell: AreaParts, pageKey: string): AsyncGenerator<string> {
  yield* pageBody(shell, pageKey);
  yield "</body>\n</html>";
}

const encoder = new TextEncoder();
// A page that came whole from the cache is the same bytes for every visitor who gets that entry
// (its key holds the page's URL): they are written and encoded once per entry, not per document.
const wholeBodies = new WeakMap<AreaParts["answers"], Uint8Array>();

/** The document's body of a page that is whole already, as UTF-8. */
export async function wholeBodyBytes(shell: AreaParts, pageKey: string): Promise<Uint8Array> {
  let bytes = shell.cached ? wholeBodies.get(shell.answers) : undefined;
  if (!bytes) {
    let text = "";
    for await (const chunk of documentBody(shell, pageKey)) text += chunk;
    bytes = encoder.encode(text);
    if (shell.cached) wholeBodies.set(shell.answers, bytes);
  }
  return bytes;
}

/** Whether the page is whole already (from the cache, nothing left to render for this visitor). */
export const isWhole = (shell: AreaParts) => shell.parts.every((part) => typeof part === "string");
