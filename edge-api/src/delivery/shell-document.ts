import {
  AppName,
  CONFIRM_EXPOSURES_META,
  ISLANDS_CONFIG_ELEMENT_ID,
  type IslandsConfig,
  pageIslands,
  REMOTE_MAP_ELEMENT_ID,
  type RemoteMap,
} from "@shop/contracts";
import { type Context, Hono } from "hono";
import { html, raw } from "hono/html";
import { cachePolicy } from "../cache-policy";
import { cartIdOf } from "../cart/cart-id";
import { categoryPageMeta, homePageImages, type PageMeta, productPageMeta } from "../catalog/page-meta";
import type { AppEnv } from "../env";
import { type Exposure, versionsFor } from "../experiments/assignment";
import { recordExposures } from "../experiments/measurement";
import { ensureVisitorId, rememberExposures, seenExposures } from "../experiments/visitor";
import { rememberPins, requestedPins } from "../registry/pins";
import { type LiveVersion, liveRegistry } from "../registry/registry";
import { documentPolicy, securityHeaders } from "../security/headers";
import { publicOrigin } from "../security/public-origin";
import { EDGE_PAGE_STYLE, refusedUnlessOperator } from "./edge-page";
import type { AreaOutcome } from "./edge-render/areas";
import { documentBodyBytes, inlineJson, renderPage } from "./edge-render/page";
import { inlinableText } from "./inline-assets";
import { pageOfUrl, type UrlPage } from "./page-of-url";

export const shellDocument = new Hono<AppEnv>();

const assetUrl = (app: string, version: string, file: string) => `/mf/${app}/${version}/${file}`;

// What the first paint needs before the shell's stylesheet arrives; allowed by its hash in the CSP.
const CRITICAL_CSS = `*,*::before,*::after{box-sizing:border-box}body{margin:0;font:16px/1.5 system-ui,-apple-system,"Segoe UI",Roboto,sans-serif;color:#1d1d1f;background:#fafafa}`;

shellDocument.use(
  "*",
  securityHeaders((c) => documentPolicy([CRITICAL_CSS, ...(c.get("inlineStyles") ?? [])], c.get("inlineScripts"))),
);

/**
 * A page of islands asks the browser to get the next page ready as the shopper shows an intent
 * (hovering or pressing a link: `moderate`): product pages prerendered, the catalog's other pages
 * fetched. The browser itself holds back on Save-Data, low memory or battery. Same-origin only.
 */
const SPECULATION_RULES = JSON.stringify({
  prerender: [{ where: { href_matches: "/p/*" }, eagerness: "moderate" }],
  prefetch: [{ where: { or: [{ href_matches: "/" }, { href_matches: "/c/*" }, { href_matches: "/search" }] }, eagerness: "moderate" }],
});

/** The shell's header as static HTML, the same markup React renders, so the page does not shift. */
const staticHeader = (storeName: string) =>
  html`<header class="shop-header"><a class="skip-link" href="#main">Skip to main content</a><a class="shop-brand" href="/">${storeName}</a><form class="shop-search" role="search" action="/search"><input name="q" type="search" placeholder="Search products" aria-label="Search products"></form><nav class="shop-nav" aria-label="Account and cart"><a href="/account">Account</a><a class="shop-cart-link" href="/cart">Cart <span class="cart-count"></span></a></nav></header>`;

shellDocument.get("*", async (c) => {
  const url = new URL(c.req.url);
  const route = pageOfUrl(url);
  if (route.page?.backOffice) {
    const refused = await refusedUnlessOperator(c);
    if (refused) {
      c.set("inlineStyles", [EDGE_PAGE_STYLE]);
      return refused;
    }
  }
  // The visitor's cart id comes with its first page, so whatever the page adds goes to one cart.
  const [registry, meta] = await Promise.all([liveRegistry(c.env), pageMeta(c, url, route), cartIdOf(c)]);
  const { versions: live, pinned, exposures } = versionsFor(registry, ensureVisitorId(c), requestedPins(c, url), pageApps(route.modules));
  const shell = live.get("shell");
  if (!shell) {
    return c.html(notDeployedPage(c.env.STORE_NAME), 503, { ...cachePolicy.none, "Retry-After": "10" });
  }
  rememberPins(c, url, pinned);
  const exposed = await recordNewExposures(c, exposures, new Set(registry.experiments.map((e) => `${e.id}.${e.phase}`)));

  const remoteMap: Partial<RemoteMap> = {};
  for (const [app, version] of live) {
    if (app !== "shell" && version)
      remoteMap[app] = { version: version.version, entry: assetUrl(app, version.version, version.entry[0]!), ...(pinned.has(app) && { pinned: true }) };
  }
  const shellFile = (file: string) => assetUrl("shell", shell.version, file);
  // A page of islands, when the live shell has its loader (the page table says which pages are).
  const declared = pageIslands(route.page);
  const loader = declared && (await islandLoader(c, shell));
  const pageKey = `${url.pathname}${url.search}`;
  // The visitor's versions decide which server bundles render, so browser and edge run the same code.
  let rendered = await renderPage(c, url, route, live, loader ? declared : undefined);
  let body = rendered && (await documentBodyBytes(rendered, pageKey, Boolean(loader)));
  // A page of islands must be whole: an area the edge could not render (late, or its remote failed)
  // would be rendered by nobody there. It is hydrated whole instead, so the browser renders that
  // area, shows its fallback if it fails, and reports it (the guardrail counts it).
  const islandsWhole = Boolean(loader && body && body.outcome !== "left to the browser");
  if (loader && rendered && !islandsWhole) {
    rendered = await renderPage(c, url, route, live, undefined);
    body = rendered && (await documentBodyBytes(rendered, pageKey, false));
  }
  const islandsPage = rendered && loader && islandsWhole ? { loader, host: (shell.exposes["./islands"] ?? []).map(shellFile) } : undefined;
  if (islandsPage) c.set("inlineScripts", [islandsPage.loader, SPECULATION_RULES]);
  const shellScripts = shell.entry.filter((f) => f.endsWith(".js")).map(shellFile);
  // The shell's stylesheet, and on a rendered page those of the remotes whose HTML it carries, are
  // inline: the first paint waits for no request (each allowed by its hash; remotes' code then
  // adds none again). One that cannot be inlined is linked.
  const stylesheets = [{ app: "shell" as AppName, version: shell, files: shell.entry.filter((f) => f.endsWith(".css")) }];
  if (rendered) for (const app of pageApps(route.modules)) stylesheets.push({ app, version: live.get(app)!, files: live.get(app)?.styles ?? [] });
  const styles = (
    await Promise.all(
      stylesheets.flatMap(({ app, version, files }) =>
        version
          ? files.map(async (file) => ({ app, href: assetUrl(app, version.version, file), css: await inlinableText(c.env, app, version.version, file) }))
          : [],
      ),
    )
  ).filter((style, i, all) => all.findIndex((other) => other.href === style.href) === i);
  c.set(
    "inlineStyles",
    styles.flatMap((style) => (style.css === null ? [] : [style.css])),
  );
  // Everything the page needs is requested at once, instead of each file after the one that names it.
  // (Its data only when the browser renders it: a rendered page carries the answers it was made from.)
  // (A page of islands preloads none: its scripts load when an island is needed.)
  const scriptPreloads = islandsPage
    ? []
    : [...new Set([...shellScripts, ...shell.preload.map(shellFile), ...route.modules.flatMap((m) => moduleFiles(live, m))])];

  const head = html`<!doctype html>
<html lang="en">
<head>
<meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<link rel="icon" href="data:,">
${metaTags(meta, publicOrigin(c.env), c.env.STORE_NAME)}
${
  exposed
    ? html`<meta name="${CONFIRM_EXPOSURES_META}" content="">
`
    : ""
}<style>${raw(CRITICAL_CSS)}</style>
${styles.map(({ href, app, css }) => (css === null ? html`<link rel="stylesheet" href="${href}" data-styles="${app}">\n` : html`<style data-styles="${app}">${raw(css)}</style>\n`))}${scriptPreloads.map((href) => html`<link rel="preload" as="script" href="${href}">\n`)}${(rendered ? [] : route.data()).map((href) => html`<link rel="preload" as="fetch" href="${href}" crossorigin>\n`)}<script id="${REMOTE_MAP_ELEMENT_ID}" type="application/json">${raw(inlineJson(remoteMap))}</script>
${
  islandsPage
    ? html`<script id="${ISLANDS_CONFIG_ELEMENT_ID}" type="application/json">${raw(inlineJson({ host: islandsPage.host, ...(pinned.size > 0 && { preview: true }) } satisfies IslandsConfig))}</script>
<script>${raw(islandsPage.loader)}</script>
<script type="speculationrules">${raw(SPECULATION_RULES)}</script>
`
    : shellScripts.map((src) => html`<script defer src="${src}"></script>\n`)
}</head>
<body>
`;
  // Private: the document carries this visitor's versions (and cart id); remote files stay shared.
  const headers = { ...cachePolicy.privateRevalidate, Vary: "Cookie" };
  if (!rendered || !body) {
    const body = html`<div id="root">${staticHeader(c.env.STORE_NAME)}<main id="main" class="shop-main" tabindex="-1"></main></div>
<noscript>${c.env.STORE_NAME} needs JavaScript to run.</noscript>
</body>
</html>`;
    return c.html(html`${head}${body}`, meta.status, { ...headers, "X-Edge-Render": "off" });
  }
  // X-Edge-Render says what the page's HTML is: from the rendered-page cache, a render, the last
  // copy standing in for a render that did not come, or partly left to the browser.
  const headText = await head;
  const htmlHeaders = { ...headers, "Content-Type": "text/html; charset=UTF-8", "X-Edge-Render": EDGE_RENDER_HEADER[body.outcome] };
  return c.body(joinedBytes(encoder.encode(headText), body.bytes), meta.status, htmlHeaders);
});

const EDGE_RENDER_HEADER: Record<AreaOutcome, string> = { cached: "cached", rendered: "rendered", stale: "stale", "left to the browser": "partial" };

const encoder = new TextEncoder();

function joinedBytes(first: Uint8Array, second: Uint8Array): Uint8Array<ArrayBuffer> {
  const bytes = new Uint8Array(first.length + second.length);
  bytes.set(first);
  bytes.set(second, first.length);
  return bytes;
}

/** The remotes a page loads (`catalog/App` → catalog). */
const pageApps = (modules: string[]) => new Set(modules.map((m) => m.split("/")[0] as AppName));

/**
 * Exposures this browser has not been counted for yet, written before the answer, then remembered in
 * its cookie. Whether there were any: the document then asks its shell to confirm them (they count
 * for the guardrail only once a browser that ran the page says so).
 */
async function recordNewExposures(c: Context<AppEnv>, exposures: Exposure[], running: Set<string>): Promise<boolean> {
  const seen = seenExposures(c);
  const fresh = exposures.filter((e) => !seen.has(`${e.experiment}.${e.phase}`));
  if (fresh.length === 0) return false;
  await recordExposures(c.get("db")(), ensureVisitorId(c), fresh);
  // Only running experiments' entries are kept, so the cookie does not grow with old ones.
  rememberExposures(c, [...[...seen].filter((entry) => running.has(entry)), ...fresh.map((e) => `${e.experiment}.${e.phase}`)]);
  return true;
}

/** Title, description, canonical URL, Open Graph and JSON-LD for the page: the catalog's where it owns the page, else the page table's title. */
async function pageMeta(c: Context<AppEnv>, url: URL, route: UrlPage): Promise<PageMeta> {
  const store = c.env.STORE_NAME;
  const generic: PageMeta = {
    status: route.status,
    title: route.status === 404 ? `Page not found | ${store}` : store,
    description: `${store}: everyday products, shipped fast, with free returns within 30 days.`,
    canonicalPath: url.pathname,
    ogType: "website",
  };
  const { page, match } = route;
  if (!page || !match) return generic;
  if ("title" in page.head) return { ...generic, title: `${page.head.title(match)} | ${store}` };
  if (page.head.catalog === "home") return { ...generic, preloadImages: await homePageImages(c) };
  const slug = match.params.slug ?? "";
  const found =
    page.head.catalog === "product" ? await productPageMeta(c, slug, url.searchParams, store) : await categoryPageMeta(c, slug, url.searchParams, store);
  return found ?? { ...generic, status: 404, title: `Not found | ${store}` };
}

function metaTags(meta: PageMeta, origin: string, storeName: string) {
  const canonical = `${origin}${meta.canonicalPath}`;
  return html`<title>${meta.title}</title>
<meta name="description" content="${meta.description}">
<link rel="canonical" href="${canonical}">
<meta property="og:site_name" content="${storeName}">
<meta property="og:type" content="${meta.ogType}">
<meta property="og:title" content="${meta.title}">
<meta property="og:description" content="${meta.description}">
<meta property="og:url" content="${canonical}">
${
  meta.image
    ? html`<meta property="og:image" content="${origin}${meta.image.url}">
<meta property="og:image:width" content="${meta.image.width}">
<meta property="og:image:height" content="${meta.image.height}">
<meta property="og:image:alt" content="${meta.image.alt}">`
    : ""
}
${(meta.preloadImages ?? []).map(({ image, sizes }) =>
  image.srcset
    ? html`<link rel="preload" as="image" href="${image.url}" imagesrcset="${image.srcset}" imagesizes="${sizes}" fetchpriority="high">\n`
    : html`<link rel="preload" as="image" href="${image.url}" fetchpriority="high">\n`,
)}
${meta.jsonLd ? html`<script type="application/ld+json">${raw(inlineJson(meta.jsonLd))}</script>` : ""}`;
}

/** The live shell's islands loader, to inline; undefined when that version has none (its pages are then hydrated whole). */
async function islandLoader(c: Context<AppEnv>, shell: LiveVersion): Promise<string | undefined> {
  const file = shell.exposes["./island-loader"]?.[0];
  if (!file || !shell.exposes["./islands"]?.length) return undefined;
  return (await inlinableText(c.env, "shell", shell.version, file)) ?? undefined;
}

/** A remote's entry and the chunks of one of its exposed modules (`cart/CartCount`). */
function moduleFiles(live: Map<AppName, LiveVersion | null>, module: string): string[] {
  const [remote, expose] = module.split("/");
  const app = AppName.safeParse(remote);
  const version = app.success ? live.get(app.data) : undefined;
  if (!version || !app.success) return [];
  const chunks = version.exposes[`./${expose}`] ?? [];
  return [version.entry[0]!, ...chunks].map((file) => assetUrl(app.data, version.version, file));
}

function notDeployedPage(storeName: string) {
  return html`<!doctype html><html lang="en"><head><meta charset="utf-8"><title>${storeName}</title></head>
<body><h1>${storeName} is not deployed yet</h1><p>No stable shell version is registered. Publish one with
<code>npm run deploy -w shell -- --promote</code>, or start the whole shop with <code>npm start</code>.</p></body></html>`;
}
