/// <reference types="vite/client" />
// The apps as their real builds made them (turbo builds them before these tests), published through
// the registry as a team's release does: what the edge renders in these tests is the shop's own code.
import { file, publishVersion } from "./helpers";

const builds = import.meta.glob(["../../shell/dist/*", "../../mfe-*/dist/*"], { query: "?raw", import: "default", eager: true }) as Record<string, string>;

const distOf = (app: string) => (app === "shell" ? "../../shell/dist/" : `../../mfe-${app}/dist/`);

/** Text as base64 of its UTF-8 bytes (the builds hold characters btoa cannot take). */
function utf8Base64(text: string): string {
  const bytes = new TextEncoder().encode(text);
  let binary = "";
  for (let i = 0; i < bytes.length; i += 0x8000) binary += String.fromCharCode(...bytes.subarray(i, i + 0x8000));
  return btoa(binary);
}

export function builtFiles(app: string) {
  const dir = distOf(app);
  const files = Object.entries(builds)
    .filter(([path]) => path.startsWith(dir))
    .map(([path, content]) => ({ path: path.slice(dir.length), contentBase64: utf8Base64(content) }));
  if (!files.some((f) => f.path === "entry.json")) throw new Error(`${app} is not built: run npm run build (npm test builds it first)`);
  return files;
}

/** The whole shop, built, published and promoted: every app at `version`. */
export async function publishBuiltShop(version = "1.0.0") {
  for (const app of ["shell", "catalog", "cart", "checkout", "account"]) await publishVersion(app, version, builtFiles(app));
}

/**
 * A catalog version whose server bundle is a stand-in: `render` is the body of its render method
 * (a remote that throws, runs late, or says which version it is), beside the real browser files.
 */
export async function publishCatalogWithServer(version: string, render: string, promote = false) {
  const files = builtFiles("catalog").filter((f) => f.path !== "server.js");
  const server = `import { WorkerEntrypoint } from "cloudflare:workers";\nexport default class extends WorkerEntrypoint { async render(areas, url, api) { ${render} } }`;
  await publishVersion("catalog", version, [...files, file("server.js", server)], promote);
}
