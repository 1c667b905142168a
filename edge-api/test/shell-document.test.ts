import { describe, expect, it } from "vitest";
import { call, file, publishVersion } from "./helpers";

async function publishShop() {
  const entry = JSON.stringify({ initial: ["shell.css", "main.js"], preload: ["react.1a2b.js"] });
  await publishVersion("shell", "1.0.0", [file("entry.json", entry), file("main.js", "shell()"), file("react.1a2b.js", "react()"), file("shell.css", "body{}")]);
  for (const remote of ["catalog", "cart", "checkout", "account"]) {
    await publishVersion(remote, "2.0.0", [file("remoteEntry.js", `var ${remote};`)]);
  }
}

const remoteMapOf = (page: string) => JSON.parse(/<script id="remote-map" type="application\/json">(.*?)<\/script>/.exec(page)![1]!);
const preloads = (page: string) => [...page.matchAll(/<link rel="preload" as="script" href="([^"]+)">/g)].map((m) => m[1]);

describe("shell document", () => {
  it("says the shop is not deployed (503) until a shell version is stable", async () => {
    const response = await call("/");
    expect(response.status).toBe(503);
    expect(await response.text()).toContain("not deployed yet");
  });

  it("inlines the remote map and preloads the shell and the route's remotes", async () => {
    await publishShop();
    const response = await call("/");
    expect(response.status).toBe(200);
    expect(response.headers.get("Content-Type")).toContain("text/html");
    const page = await response.text();
    expect(remoteMapOf(page)).toEqual({
      catalog: { version: "2.0.0", entry: "/mf/catalog/2.0.0/remoteEntry.js" },
      cart: { version: "2.0.0", entry: "/mf/cart/2.0.0/remoteEntry.js" },
      checkout: { version: "2.0.0", entry: "/mf/checkout/2.0.0/remoteEntry.js" },
      account: { version: "2.0.0", entry: "/mf/account/2.0.0/remoteEntry.js" },
    });
    expect(preloads(page)).toEqual([
      "/mf/shell/1.0.0/main.js",
      "/mf/shell/1.0.0/react.1a2b.js",
      "/mf/catalog/2.0.0/remoteEntry.js",
      "/mf/cart/2.0.0/remoteEntry.js",
    ]);
    expect(page).toContain('<link rel="preload" as="fetch" href="/api/catalog/products?page=1&amp;limit=24" crossorigin>');
    expect(page).toContain('<link rel="stylesheet" href="/mf/shell/1.0.0/shell.css">');
    expect(page).toContain('<script defer src="/mf/shell/1.0.0/main.js"></script>');
  });

  it.each([
    ["/cart", 200, ["/mf/cart/2.0.0/remoteEntry.js"]],
    ["/checkout/shipping", 200, ["/mf/checkout/2.0.0/remoteEntry.js", "/mf/cart/2.0.0/remoteEntry.js"]],
    ["/account/orders", 200, ["/mf/account/2.0.0/remoteEntry.js", "/mf/cart/2.0.0/remoteEntry.js"]],
    ["/p/some-product", 200, ["/mf/catalog/2.0.0/remoteEntry.js", "/mf/cart/2.0.0/remoteEntry.js"]],
    ["/no/such/page", 404, ["/mf/cart/2.0.0/remoteEntry.js"]],
  ])("%s answers %i and preloads what it needs", async (path, status, remotes) => {
    await publishShop();
    const response = await call(path);
    expect(response.status).toBe(status);
    const page = await response.text();
    expect(preloads(page)).toEqual(["/mf/shell/1.0.0/main.js", "/mf/shell/1.0.0/react.1a2b.js", ...remotes]);
    expect(page).not.toContain('as="fetch"');
  });

  it("preloads the chunks of the exposed modules the page renders, and only those", async () => {
    await publishShop();
    const exposes = { "./CartPage": ["page.js"], "./CartCount": ["count.js"], "./CartSummary": ["summary.js"] };
    const files = [file("remoteEntry.js", "var cart3;"), file("page.js", "p"), file("count.js", "c"), file("summary.js", "s")];
    await publishVersion("cart", "3.0.0", [...files, file("entry.json", JSON.stringify({ initial: ["remoteEntry.js"], exposes }))]);
    const page = await (await call("/cart")).text();
    expect(preloads(page)).toEqual([
      "/mf/shell/1.0.0/main.js",
      "/mf/shell/1.0.0/react.1a2b.js",
      "/mf/cart/3.0.0/remoteEntry.js",
      "/mf/cart/3.0.0/page.js",
      "/mf/cart/3.0.0/count.js",
    ]);
  });

  it("preloads the listing page the catalog will ask for", async () => {
    await publishShop();
    const page = await (await call("/?page=3")).text();
    expect(page).toContain('href="/api/catalog/products?page=3&amp;limit=24"');
    const bad = await (await call("/?page=-2")).text();
    expect(bad).toContain('href="/api/catalog/products?page=1&amp;limit=24"');
  });

  it("follows the registry: promoting a remote changes the document, the shell files stay the same", async () => {
    await publishShop();
    await publishVersion("catalog", "2.1.0", [file("remoteEntry.js", "var catalog2;")]);
    const page = await (await call("/")).text();
    expect(remoteMapOf(page).catalog.entry).toBe("/mf/catalog/2.1.0/remoteEntry.js");
    expect(page).toContain('<script defer src="/mf/shell/1.0.0/main.js"></script>');
  });
});
