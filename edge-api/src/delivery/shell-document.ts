import { APP_NAMES, REMOTE_MAP_ELEMENT_ID, type RemoteMap, type RemoteName } from "@shop/contracts";
import { Hono } from "hono";
import { html, raw } from "hono/html";
import type { AppEnv } from "../env";
import { pageRoute } from "./page-routes";
import { stableVersions } from "./registry";

export const shellDocument = new Hono<AppEnv>();

const assetUrl = (app: string, version: string, file: string) => `/mf/${app}/${version}/${file}`;

// Only what the first paint needs; everything else comes with the shell's stylesheet.
const CRITICAL_CSS = `*,*::before,*::after{box-sizing:border-box}body{margin:0;font:16px/1.5 system-ui,-apple-system,"Segoe UI",Roboto,sans-serif;color:#1d1d1f;background:#fafafa}
.shop-header{display:flex;align-items:center;gap:16px;min-height:64px;padding:8px 24px;background:#fff;border-bottom:1px solid #e5e5e5}
.shop-brand{font-weight:800;font-size:20px;color:#1d1d1f;text-decoration:none}`;

/** JSON for an inline `<script type="application/json">`: `<` escaped so no value can close the tag. */
const inlineJson = (value: unknown) => JSON.stringify(value).replace(/</g, "\\u003c");

shellDocument.get("*", async (c) => {
  const route = pageRoute(c.req.path);
  const live = await stableVersions(c.env, APP_NAMES);
  const shell = live.get("shell");
  if (!shell) {
    return c.html(notDeployedPage(c.env.STORE_NAME), 503, { "Cache-Control": "no-store", "Retry-After": "10" });
  }

  const remoteMap = {} as RemoteMap;
  for (const [app, version] of live) {
    if (app !== "shell" && version) remoteMap[app] = { version: version.version, entry: assetUrl(app, version.version, version.entry[0]!) };
  }
  const shellScripts = shell.entry.filter((f) => f.endsWith(".js")).map((f) => assetUrl("shell", shell.version, f));
  const shellStyles = shell.entry.filter((f) => f.endsWith(".css")).map((f) => assetUrl("shell", shell.version, f));
  const remoteEntries = route.remotes.flatMap((name: RemoteName) => (remoteMap[name] ? [remoteMap[name].entry] : []));

  const document = html`<!doctype html>
<html lang="en">
<head>
<meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<link rel="icon" href="data:,">
<title>${c.env.STORE_NAME}</title>
<meta name="description" content="${c.env.STORE_NAME}: everyday products, shipped fast.">
${shellStyles.map((href) => html`<link rel="stylesheet" href="${href}">\n`)}${[...shellScripts, ...remoteEntries].map((href) => html`<link rel="preload" as="script" href="${href}">\n`)}<style>${raw(CRITICAL_CSS)}</style>
<script id="${REMOTE_MAP_ELEMENT_ID}" type="application/json">${raw(inlineJson(remoteMap))}</script>
${shellScripts.map((src) => html`<script defer src="${src}"></script>\n`)}</head>
<body>
<div id="root"><header class="shop-header"><a class="shop-brand" href="/">${c.env.STORE_NAME}</a></header></div>
<noscript>${c.env.STORE_NAME} needs JavaScript to run.</noscript>
</body>
</html>`;
  return c.html(document, route.status, { "Cache-Control": "no-cache", Vary: "Cookie" });
});

function notDeployedPage(storeName: string) {
  return html`<!doctype html><html lang="en"><head><meta charset="utf-8"><title>${storeName}</title></head>
<body><h1>${storeName} is not deployed yet</h1><p>No stable shell version is registered. Publish one with
<code>npm run deploy -w shell -- --promote</code>, or start the whole shop with <code>npm start</code>.</p></body></html>`;
}
