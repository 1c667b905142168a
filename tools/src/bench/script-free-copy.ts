import http from "node:http";
import type { AddressInfo } from "node:net";

/**
 * A copy of one edge-rendered document with every script taken out, served on its own local port
 * with the rest (styles, images) passed through to the shop. Audited beside the real page it shows
 * this machine's floor: what the browser itself costs here for the same HTML, CSS and images, which
 * no change to the page's scripts can go under.
 */
export async function serveScriptFreeCopy(base: string, pathname: string): Promise<{ url: string; close: () => Promise<void> }> {
  const document = withoutScripts(await (await fetch(`${base}${pathname}`)).text());
  const shop = new URL(base);
  const server = http.createServer((request, response) => {
    if (request.url === pathname) {
      response.writeHead(200, { "content-type": "text/html; charset=utf-8", "cache-control": "no-store" });
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

/** The document without its scripts, their data, or the hints that fetch them. */
export function withoutScripts(html: string): string {
  return html.replace(/<script\b[^>]*>[\s\S]*?<\/script>/g, "").replace(/<link\b[^>]*\b(?:modulepreload|as="script")[^>]*>/g, "");
}
