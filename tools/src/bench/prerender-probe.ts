import { spawn } from "node:child_process";
import fs from "node:fs";
import http from "node:http";
import type { AddressInfo } from "node:net";
import os from "node:os";
import path from "node:path";
import { CHROME_PATH } from "./lighthouse";

// A real prerender, measured with no debugger attached. Chromium turns prerendering off while
// DevTools is attached (PrerenderingDisabledByDevTools), so every automated browser (Playwright,
// Lighthouse) gets the speculation rule's prefetch instead. Here Chromium runs as a plain headless
// process against a local proxy of the shop, which adds two probes to the shop's documents (and
// drops their CSP, which would refuse them): on the first product page, a rule asking for the
// next product's prerender as the shop's own rule does once a shopper hovers (eagerness immediate:
// nobody hovers here), then a click on that link; on every page, a report of how it was shown and
// its LCP from activation.

export interface ShownPage {
  path: string;
  /** ms from the navigation's start to its activation: more than 0 when it was shown from a prerender. */
  activationStart: number;
  /** The page's LCP from its activation, ms. */
  lcpMs: number;
}

const FOLLOW = (delayMs: number) => `<script>addEventListener("load", () => {
  const link = document.querySelector('.product [data-testid="product-card"] a[href^="/p/"]');
  const rules = document.createElement("script");
  rules.type = "speculationrules";
  rules.textContent = JSON.stringify({ prerender: [{ urls: [link.getAttribute("href")], eagerness: "immediate" }] });
  document.head.append(rules);
  setTimeout(() => link.click(), ${delayMs});
});</script>`;

const REPORT = `<script>(() => {
  const report = () => {
    const nav = performance.getEntriesByType("navigation")[0];
    const activation = nav.activationStart || 0;
    new PerformanceObserver((list) => {
      const last = list.getEntries().at(-1);
      setTimeout(() => fetch("/__probe", { method: "POST", body: JSON.stringify({ path: location.pathname, activationStart: activation, lcpMs: Math.max(0, last.startTime - activation) }) }), 500);
    }).observe({ type: "largest-contentful-paint", buffered: true });
  };
  if (document.prerendering) document.addEventListener("prerenderingchange", report, { once: true });
  else report();
})();</script>`;

/** The product page reached from `slug`'s first product link, as a shopper's browser shows it after a prerender. */
export async function prerenderedWithoutDebugger(base: string, slug: string, waitMs = 3000): Promise<ShownPage | undefined> {
  const shop = new URL(base);
  const reports: ShownPage[] = [];
  const server = http.createServer((request, response) => {
    if (request.url === "/__probe") {
      let body = "";
      request.on("data", (chunk) => (body += chunk));
      request.on("end", () => {
        reports.push(JSON.parse(body) as ShownPage);
        response.end();
      });
      return;
    }
    const upstream = http.request(
      {
        host: shop.hostname,
        port: shop.port,
        path: request.url,
        method: request.method,
        headers: { ...request.headers, host: shop.host, "accept-encoding": "identity" },
      },
      (answer) => {
        const isDocument = (answer.headers["content-type"] ?? "").startsWith("text/html");
        if (!isDocument) {
          response.writeHead(answer.statusCode ?? 502, answer.headers);
          answer.pipe(response);
          return;
        }
        const chunks: Buffer[] = [];
        answer.on("data", (chunk: Buffer) => chunks.push(chunk));
        answer.on("end", () => {
          const first = request.url === `/p/${slug}`;
          const html = Buffer.concat(chunks)
            .toString("utf8")
            .replace("</head>", `${REPORT}${first ? FOLLOW(waitMs) : ""}</head>`);
          const { "content-security-policy": _, "content-length": __, ...headers } = answer.headers;
          response.writeHead(answer.statusCode ?? 502, headers);
          response.end(html);
        });
      },
    );
    upstream.on("error", () => response.destroy());
    request.pipe(upstream);
  });
  await new Promise<void>((listening) => server.listen(0, "127.0.0.1", listening));
  const { port } = server.address() as AddressInfo;
  const profile = fs.mkdtempSync(path.join(os.tmpdir(), "prerender-probe-"));
  const chrome = spawn(
    CHROME_PATH,
    [
      "--headless=new",
      "--no-sandbox",
      "--disable-gpu",
      "--no-first-run",
      `--user-data-dir=${profile}`,
      "--window-size=1350,940",
      `http://127.0.0.1:${port}/p/${slug}`,
    ],
    { detached: true, stdio: "ignore" },
  );
  try {
    for (const end = Date.now() + waitMs + 15_000; Date.now() < end; await new Promise((r) => setTimeout(r, 100))) {
      const next = reports.find((r) => r.path !== `/p/${slug}`);
      if (next) return next;
    }
    return undefined;
  } finally {
    if (chrome.pid) process.kill(-chrome.pid, "SIGKILL");
    await new Promise((closed) => server.close(closed));
    fs.rmSync(profile, { recursive: true, force: true });
  }
}
