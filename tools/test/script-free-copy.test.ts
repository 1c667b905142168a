import { describe, expect, it } from "vitest";
import { copiedHeaders, withoutScripts } from "../src/bench/script-free-copy";

describe("the bench's script-free copy of a page (Lighthouse's floor on this machine)", () => {
  const page = `<!doctype html><html><head>
<link rel="preload" as="image" href="/api/catalog/images/a/0-800x800.svg" fetchpriority="high">
<link rel="preload" as="script" href="/mf/shell/1/main.js">
<link rel="modulepreload" href="/mf/shell/1/x.js">
<link rel="stylesheet" href="/mf/shell/1/shell.css">
<style>main{display:block}</style>
</head><body><main><h1>Shop by category</h1><img src="/api/catalog/images/a/0-800x800.svg" alt="A"></main>
<script id="rendered-data" type="application/json">{"page":"/"}</script>
<script src="/mf/shell/1/main.js" async></script>
<script type="module">import "/x.js";
</script></body></html>`;
  const copy = withoutScripts(page);

  it("takes out every script, its data and the hints that fetch scripts", () => {
    expect(copy).not.toMatch(/<script/);
    expect(copy).not.toMatch(/as="script"|modulepreload/);
  });

  it("keeps the page's markup, styles and image hints", () => {
    for (const kept of [
      '<link rel="preload" as="image"',
      '<link rel="stylesheet"',
      "<style>main{display:block}</style>",
      "<h1>Shop by category</h1>",
      '<img src="/api/catalog/images/a/0-800x800.svg" alt="A">',
    ]) {
      expect(copy).toContain(kept);
    }
  });

  it("answers with the page's own headers (its opener policy moves Lighthouse's figures), not its cookies", () => {
    const headers = copiedHeaders(
      new Headers([
        ["Content-Type", "text/html; charset=UTF-8"],
        ["Cross-Origin-Opener-Policy", "same-origin-allow-popups"],
        ["Content-Security-Policy", "default-src 'self'"],
        ["Origin-Agent-Cluster", "?1"],
        ["Set-Cookie", "cart_id=1; Path=/"],
        ["Content-Encoding", "gzip"],
        ["Content-Length", "123"],
        ["Cache-Control", "private, no-cache"],
      ]),
    );
    expect(headers).toMatchObject({
      "content-type": "text/html; charset=UTF-8",
      "cross-origin-opener-policy": "same-origin-allow-popups",
      "content-security-policy": "default-src 'self'",
      "origin-agent-cluster": "?1",
      "cache-control": "no-store",
    });
    for (const dropped of ["set-cookie", "content-encoding", "content-length"]) expect(headers).not.toHaveProperty(dropped);
  });
});
