import http from "node:http";
import type { AddressInfo } from "node:net";

/**
 * A copy of one edge-rendered document with every script taken out, served on its own local port
 * with the rest (styles, images) passed through to the shop. Audited beside the real page it shows
 * this machine's floor: what the browser itself costs here for the same HTML, CSS, images and
 * response headers, which no change to the page's scripts can go under.
 */
export async function serveScriptFreeCopy(base: string, pathname: string): Promise<{ url: string; close: () => Promise<void> }> {
  const page = await wholePage(`${base}${pathname}`);
  const document = withoutScripts(await page.text());
  const headers = copiedHeaders(page.headers);
  const shop = new URL(base);
  const server = http.createServer((request, response) => {
    if (request.url === pathname) {
      response.writeHead(200, headers);
      response.end(document);
      return;
    }
    const upstream = http.request({ host: shop.hostname, port: shop.port, path: request.url, method: request.method, headers: request.headers }, (answer) => {
      response.writeHead(answer.statusCode ?? 502, answer.headers);
      answer.pipe(response);
    });
    upstream.on("error", () => response.destroy());
    request.pipe(upstream);
  });
  await new Promise<void>((listening) => server.listen(0, "127.0.0.1", listening));
  const { port } = server.address() as AddressInfo;
  return { url: `http://127.0.0.1:${port}${pathname}`, close: () => new Promise((closed) => server.close(() => closed())) };
}

/**
 * The page as the edge renders it whole. A shop just started may leave an area to the browser (its
 * first render late): a copy of that page would lack the area, and be no control for the page.
 */
async function wholePage(url: string): Promise<Response> {
  for (let attempt = 1; attempt <= 20; attempt++) {
    const page = await fetch(url);
    if (page.ok && WHOLE.has(page.headers.get("x-edge-render") ?? "")) return page;
    await page.arrayBuffer();
    console.log(`  ${url}: not rendered whole yet (${page.status}, X-Edge-Render ${page.headers.get("x-edge-render")}), asking again`);
    await new Promise((wait) => setTimeout(wait, 500));
  }
  throw new Error(`${url} never came rendered whole at the edge (X-Edge-Render cached or rendered) in 20 tries: is the shop up and its catalog seeded?`);
}

const WHOLE = new Set(["cached", "rendered"]);

/** The document without its scripts, their data, or the hints that fetch them. */
export function withoutScripts(html: string): string {
  return html.replace(/<script\b[^>]*>[\s\S]*?<\/script>/g, "").replace(/<link\b[^>]*\b(?:modulepreload|as="script")[^>]*>/g, "");
}

/**
 * The page's own response headers, so the copy differs from it only in its scripts: its
 * Cross-Origin-Opener-Policy alone puts Lighthouse's navigation from `about:blank` in a new renderer
 * process, 100–300 ms of "unattributable" blocking time on this machine (a copy without it was
 * 57–85 ms against 109–354 with it, the same document). Not its cookies, nor what described the bytes
 * as they came (fetch has decoded them).
 */
export function copiedHeaders(headers: Headers): Record<string, string> {
  const copied: Record<string, string> = {};
  headers.forEach((value, name) => {
    if (!NOT_COPIED.has(name)) copied[name] = value;
  });
  return { ...copied, "cache-control": "no-store" };
}

const NOT_COPIED = new Set(["set-cookie", "content-length", "content-encoding", "transfer-encoding", "connection", "keep-alive", "date"]);
