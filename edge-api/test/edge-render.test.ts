import { env as workerEnv } from "cloudflare:workers";
import { formatMoney, type ProductDetail, type ProductList } from "@shop/contracts";
import { sql } from "drizzle-orm";
import { describe, expect, it } from "vitest";
import { forgetRenderedAreas } from "../src/delivery/edge-render/area-cache";
import type { Env } from "../src/env";
import { variantOf } from "../src/experiments/assignment";
import { builtFiles, publishBuiltShop, publishCatalogWithServer } from "./built-apps";
import { adminHeaders, call, deployHeaders, json, pinLinkFor, publishVersion, query, visitorCookie } from "./helpers";

const env = workerEnv as unknown as Env;
// The tests' budgets (vitest.config.ts): wide, as their machine is busy; a late render is later still.
const TEST_BUDGET_MS = 2000;
const TEST_COLD_BUDGET_MS = 4000;
const mainOf = (page: string) => /<main[^>]*>([\s\S]*?)<\/main>/.exec(page)?.[1] ?? "";
const renderedData = (page: string) =>
  JSON.parse(/<script id="rendered-data" type="application\/json">(.*?)<\/script>/.exec(page)![1]!) as {
    page: string;
    answers: Record<string, { status: number; body: unknown }>;
  };
/** Everything after the head: the rendered root element and the data it was rendered from. */
const bodyOf = (page: string) => page.slice(page.indexOf("<body>"));
/** Text as it appears in React's HTML. */
const escaped = (text: string) => text.replace(/&/g, "&amp;").replace(/</g, "&lt;").replace(/>/g, "&gt;").replace(/"/g, "&quot;").replace(/'/g, "&#x27;");
const cookiesOf = (response: Response) =>
  response.headers
    .getSetCookie()
    .map((c) => c.split(";")[0]!)
    .join("; ");

async function sha256Base64(text: string) {
  const digest = new Uint8Array(await crypto.subtle.digest("SHA-256", new TextEncoder().encode(text)));
  return btoa(String.fromCharCode(...digest));
}

/** What `check` finds, once it finds it (work the edge finishes after its answer). */
async function waitFor<T>(check: () => Promise<T | undefined>, ms = 3000): Promise<T> {
  for (const end = Date.now() + ms; ; await new Promise((r) => setTimeout(r, 50))) {
    const found = await check();
    if (found !== undefined || Date.now() > end) return found as T;
  }
}

/**
 * The rendered-area cache's entries of pages whose HTML has `text` (once one is kept: the edge keeps
 * it after its answer). Other tests' pages may land meanwhile; one entry is expected.
 */
async function entriesOf(text: string) {
  const entries = await waitFor(async () => {
    const values = await Promise.all((await env.CACHE.list({ prefix: "area:" })).keys.map((key) => env.CACHE.get<{ parts: unknown[] }>(key.name, "json")));
    const found = values.filter((value) => value && JSON.stringify(value).includes(text));
    return found.length > 0 ? found : undefined;
  });
  expect(entries).toHaveLength(1);
  return entries as Array<{ parts: unknown[] }>;
}

async function page(path: string, headers: Record<string, string> = {}) {
  const response = await call(path, { headers });
  return { response, html: await response.text() };
}

async function stockedProduct(variants: "one" | "several") {
  const [row] = await query<{ slug: string }>(sql`SELECT p.slug FROM products p
    WHERE (SELECT count(*) FROM variants v WHERE v.product_id = p.id) ${variants === "one" ? sql`= 1` : sql`> 1`}
      AND EXISTS (SELECT 1 FROM variants v JOIN inventory i ON i.sku = v.sku WHERE v.product_id = p.id AND i.available > 5)
    ORDER BY p.id LIMIT 1`);
  return (await (await call(`/api/catalog/products/${row!.slug}`)).json()) as ProductDetail;
}

describe("edge rendering", () => {
  it("renders a product page: name, price, stock badge and an add-to-cart form in <main>, with the data it used inlined", async () => {
    await publishBuiltShop();
    const product = await stockedProduct("several");
    const { response, html } = await page(`/p/${product.slug}`);
    expect(response.status).toBe(200);
    expect(response.headers.get("Cache-Control")).toBe("private, no-cache");
    const main = mainOf(html);
    const variant = product.variants.find((v) => v.available > 0)!;
    expect(main).toContain(escaped(product.name));
    expect(main).toContain(formatMoney(variant.price));
    expect(main).toMatch(/badge--(in|low)">(In stock|Only \d+ left)</);
    expect(main).toMatch(/<form class="add-to-cart" action="\/cart\/add" method="post">/);
    expect(main).toContain(`<input type="hidden" name="sku" value="${variant.sku}"/>`);
    // Its options are a form of their own for pages without JavaScript.
    for (const option of product.options) expect(main).toContain(`name="${option}"`);
    // The answers it was made from are in the page once, as the API gives them.
    const data = renderedData(html);
    expect(data.page).toBe(`/p/${product.slug}`);
    expect(data.answers[`/api/catalog/products/${product.slug}`]).toEqual({ status: 200, body: product });
    expect(html).toContain('<div id="root" data-rendered="" data-islands>');
  });

  it("sanitises an operator's product description at the edge as the browser does", async () => {
    await publishBuiltShop();
    const product = await stockedProduct("one");
    const evil = `<p>Lovely paper.</p><script>window.__pwned = 1</script><img src="x" onerror="window.__pwned = 2"><a href="javascript:alert(1)">x</a>`;
    expect((await json("PATCH", `/api/admin/products/${product.slug}`, { descriptionHtml: evil }, adminHeaders)).status).toBe(200);
    try {
      const main = mainOf((await page(`/p/${product.slug}`)).html);
      expect(main).toContain("<p>Lovely paper.</p>");
      expect(main).not.toMatch(/<script|onerror|javascript:/);
    } finally {
      await json("PATCH", `/api/admin/products/${product.slug}`, { descriptionHtml: product.descriptionHtml }, adminHeaders);
    }
  });

  it("renders a category listing with its first products, filters as a form, and the header's widgets", async () => {
    await publishBuiltShop();
    const listing = (await (await call("/api/catalog/products?category=clothing&page=1")).json()) as ProductList;
    const { response, html } = await page("/c/clothing");
    expect(response.status).toBe(200);
    const main = mainOf(html);
    for (const product of listing.items.slice(0, 6)) expect(main).toContain(escaped(product.name));
    expect(main).toContain('<form id="listing-filters" method="get">');
    expect(main).toContain(`name="brand" value="${listing.facets.brands[0]!.slug}"`);
    expect(main).toMatch(/<a class="btn btn-secondary"[^>]*href="\/c\/clothing\?page=2#page-2"/);
    // The header: the search form, the account's link for a guest, the cart's link with its count.
    expect(html).toContain('action="/search"');
    expect(html).toContain(">Sign in</a>");
    expect(html).toMatch(/<a class="mini-cart__open" href="\/cart" data-opens="dialog" aria-label="Cart, 0 items">/);
    // The stylesheets of every app whose HTML it carries are inline, each allowed by its hash, and
    // marked with its app (whose code then adds none again).
    const policy = response.headers.get("Content-Security-Policy")!;
    for (const app of ["shell", "catalog", "cart", "account"]) {
      const css = new RegExp(`<style data-styles="${app}">([\\s\\S]*?)</style>`).exec(html)?.[1];
      expect(css, app).toBeTruthy();
      expect(policy).toContain(`'sha256-${await sha256Base64(css!)}'`);
    }
    expect(policy).not.toContain("unsafe-inline");
  });

  it("serves a listing's area from the cache the second time, the same for every visitor", async () => {
    await publishBuiltShop();
    // Returning visitors (each with a cart cookie): their cart and menu are their own.
    const visitor = async () => cookiesOf(await call("/api/cart"));
    const first = await page("/c/clothing?sort=price_asc", { Cookie: await visitor() });
    expect(first.response.headers.get("X-Edge-Render")).toBe("rendered");
    // One entry for the page (kept after the answer), with the listing in it and nothing of a visitor.
    const [value] = await entriesOf("sort=price_asc");
    expect(JSON.stringify(value)).toContain(">Clothing</h1>");
    expect(
      value!.parts
        .filter((p) => typeof p !== "string")
        .map((p) => (p as { module: string }).module)
        .sort(),
    ).toEqual(["account/AccountMenu", "cart/MiniCart"]);
    // What another visitor gets is that entry, with their own cart and menu in its open slots.
    const again = await page("/c/clothing?sort=price_asc", { Cookie: await visitor() });
    expect(again.response.headers.get("X-Edge-Render")).toBe("cached");
    expect(mainOf(again.html)).toBe(mainOf(first.html));
    expect(again.html).toContain('aria-label="Cart, 0 items"');
    // A catalog change (the operator's write bumps its version) renders it afresh.
    const [product] = ((await (await call("/api/catalog/products?category=clothing&sort=price_asc&page=1")).json()) as ProductList).items;
    const renamed = `${product!.name} (renamed)`;
    const admin = await json("PATCH", `/api/admin/products/${product!.slug}`, { name: renamed }, adminHeaders);
    expect(admin.status).toBe(200);
    try {
      const changed = await page("/c/clothing?sort=price_asc", { Cookie: await visitor() });
      expect(changed.response.headers.get("X-Edge-Render")).toBe("rendered");
      expect(mainOf(changed.html)).toContain(escaped(renamed));
    } finally {
      await json("PATCH", `/api/admin/products/${product!.slug}`, { name: product!.name }, adminHeaders);
    }
  });

  it("serves a first visit's page whole from the cache, header widgets included; a returning visitor's widgets stay their own", async () => {
    await publishBuiltShop();
    const product = await stockedProduct("one");
    const first = await page("/c/clothing?sort=rating");
    expect(first.response.headers.get("X-Edge-Render")).toBe("rendered");
    // One entry, with nothing left open: a first visit's cart is empty and it is not signed in.
    const [value] = await entriesOf("sort=rating");
    expect(value!.parts.filter((part) => typeof part !== "string")).toEqual([]);
    const second = await page("/c/clothing?sort=rating");
    expect(second.response.headers.get("X-Edge-Render")).toBe("cached");
    expect(second.html).toContain('aria-label="Cart, 0 items"');
    expect(second.html).toContain(">Sign in</a>");
    expect(renderedData(second.html)).toEqual(renderedData(first.html));
    // The entry's bytes are made once and sent to every first visit of this page, and of no other.
    const third = await page("/c/clothing?sort=rating");
    expect(bodyOf(third.html)).toBe(bodyOf(second.html));
    await page("/c/clothing?sort=price_asc");
    const otherPage = await page("/c/clothing?sort=price_asc");
    expect(otherPage.response.headers.get("X-Edge-Render")).toBe("cached");
    expect(renderedData(otherPage.html)).toMatchObject({ page: "/c/clothing?sort=price_asc" });
    expect(bodyOf(otherPage.html)).not.toBe(bodyOf(second.html));
    // Each first visit still gets a cart id of its own.
    expect(cookiesOf(second.response)).toMatch(/cart_id=/);
    expect(cookiesOf(second.response)).not.toBe(cookiesOf(first.response));
    // A visitor with a cart never gets that page: their count is theirs.
    const cookie = cookiesOf(first.response);
    expect((await json("POST", "/api/cart/items", { sku: product.variants[0]!.sku, quantity: 1 }, { Cookie: cookie, Origin: "http://shop.test" })).status).toBe(
      200,
    );
    const returning = await page("/c/clothing?sort=rating", { Cookie: cookie });
    expect(returning.response.headers.get("X-Edge-Render")).not.toBe("off");
    expect(returning.html).toContain('aria-label="Cart, 1 item"');
    expect(mainOf(returning.html)).toBe(mainOf(first.html));
  });

  it("renders the visitor's own cart page (never from another visitor's)", async () => {
    await publishBuiltShop();
    const product = await stockedProduct("one");
    const visit = await call("/");
    const cookie = cookiesOf(visit);
    const added = await call("/cart/add", {
      method: "POST",
      redirect: "manual",
      headers: { Cookie: cookie, "Content-Type": "application/x-www-form-urlencoded", Origin: "http://shop.test" },
      body: new URLSearchParams({ sku: product.variants[0]!.sku, return: `/p/${product.slug}` }),
    });
    expect(added.status).toBe(303);
    expect(added.headers.get("Location")).toBe(`/p/${product.slug}?added=${product.variants[0]!.sku}`);
    const mine = mainOf((await page("/cart", { Cookie: cookie })).html);
    expect(mine).toContain(escaped(product.name));
    expect(mine).toContain('action="/cart/remove"');
    const someoneElse = mainOf((await page("/cart")).html);
    expect(someoneElse).toContain("Your cart is empty.");
    expect(someoneElse).not.toContain(escaped(product.name));
    // Back on the product page the add is said, and the header counts it.
    const back = await page(`/p/${product.slug}?added=${product.variants[0]!.sku}`, { Cookie: cookie });
    expect(back.html).toContain("Added to your cart.");
    expect(back.html).toContain('aria-label="Cart, 1 item"');
  });

  it("leaves a remote that throws to the browser: its area is a client-rendered boundary, the document a 200, hydrated whole", async () => {
    await publishBuiltShop();
    await publishCatalogWithServer("1.0.1", `throw new Error("catalog bundle broke");`, true);
    const { response, html } = await page("/");
    expect(response.status).toBe(200);
    const main = mainOf(html);
    expect(main).toContain(
      '<!--$!--><template data-dgst=""></template><div class="area-loading" role="status" aria-busy="true" aria-label="Loading"></div><!--/$-->',
    );
    // The rest of the page is rendered: the header and the cart's widget.
    expect(html).toMatch(/aria-label="Cart, 0 items"/);
    // Home is a page of islands, where nobody would render that area: it is hydrated whole instead,
    // so the browser renders it (its fallback if it fails, reported to the guardrail).
    expect(html).not.toContain("<shop-island");
    expect(html).toContain('<div id="root" data-rendered="">');
    expect(html).toMatch(/<script defer src="\/mf\/shell\/1\.0\.0\/main\.js"><\/script>/);
    expect(response.headers.get("X-Edge-Render")).toBe("partial");
  });

  it("waits past the budget for an area nothing could stand in for (a cold start): the page holds it", async () => {
    await publishBuiltShop();
    await publishCatalogWithServer(
      "1.0.3",
      `await new Promise((r) => setTimeout(r, ${TEST_BUDGET_MS + 500})); return areas.map(() => ({ html: "<h1>slow but here</h1>", answers: {}, slots: [] }));`,
      true,
    );
    const { response, html } = await page("/search?q=cold-start");
    expect(mainOf(html)).toContain("<h1>slow but here</h1>");
    expect(response.headers.get("X-Edge-Render")).toBe("rendered");
  });

  it("leaves an area that passes even the cold budget to the browser, and says so", async () => {
    await publishBuiltShop();
    // A version of its own: the loader keeps isolates by version, which is immutable outside tests.
    await publishCatalogWithServer(
      "1.0.2",
      `await new Promise((r) => setTimeout(r, ${TEST_COLD_BUDGET_MS + 1000})); return areas.map(() => ({ html: "<h1>late</h1>", answers: {}, slots: [] }));`,
      true,
    );
    const { response, html } = await page("/search?q=jacket");
    expect(response.status).toBe(200);
    expect(mainOf(html)).not.toContain("<h1>late</h1>");
    expect(mainOf(html)).toContain("<!--$!-->");
    expect(response.headers.get("X-Edge-Render")).toBe("partial");
  });

  it("serves an area's last copy when its render, past the freshness bound, is late or fails: never a blank page", async () => {
    await publishBuiltShop();
    // Quick the first time, then late once, then broken: what a cold isolate or a bad moment does.
    await publishCatalogWithServer(
      "1.0.4",
      `if (areas[0].module !== "catalog/App") return areas.map(() => ({ html: "<p>search box</p>", answers: {}, slots: [] }));
       const call = (globalThis.calls = (globalThis.calls ?? 0) + 1);
       if (call === 2) await new Promise((r) => setTimeout(r, ${TEST_BUDGET_MS + 1000}));
       if (call === 3) throw new Error("broken for a moment");
       return areas.map(() => ({ html: "<h1>copy " + call + "</h1>", answers: {}, slots: [] }));`,
      true,
    );
    const path = "/search?q=last-copy";
    /** The cached areas (the page's, the catalog's inside it) holding `text`, once kept. */
    const keysHolding = (text: string, ms?: number) =>
      waitFor(async () => {
        const keys = (await env.CACHE.list({ prefix: "area:" })).keys.map((k) => k.name);
        const values = await Promise.all(keys.map((k) => env.CACHE.get(k)));
        const found = keys.filter((_, i) => values[i]?.includes(text));
        return found.length ? found : undefined;
      }, ms);
    /** A minute and more later: the entries aged past the catalog's freshness bound, the isolate's memory gone. */
    async function aMinuteLater(keys: string[]) {
      for (const key of keys) {
        const { value, metadata } = await env.CACHE.getWithMetadata<unknown, { storedAt: number }>(key, "json");
        await env.CACHE.put(key, JSON.stringify(value), { metadata: { storedAt: metadata!.storedAt - 120_000 } });
      }
      forgetRenderedAreas();
    }
    const first = await page(path);
    expect(mainOf(first.html)).toContain("<h1>copy 1</h1>");
    await aMinuteLater(await keysHolding("copy 1"));
    const late = await page(path);
    expect(mainOf(late.html)).toContain("<h1>copy 1</h1>");
    expect(late.response.headers.get("X-Edge-Render")).toBe("stale");
    const broken = await page(path);
    expect(mainOf(broken.html)).toContain("<h1>copy 1</h1>");
    expect(broken.response.headers.get("X-Edge-Render")).toBe("stale");
    // The remote answers again: a fresh render, kept as the next copy.
    const back = await page(path);
    expect(mainOf(back.html)).toContain("<h1>copy 4</h1>");
    expect(back.response.headers.get("X-Edge-Render")).toBe("rendered");
    expect(await keysHolding("copy 4")).not.toHaveLength(0);
  });

  it("renders with the server bundle of the visitor's variant, and with a QA pin's", async () => {
    await publishBuiltShop();
    await publishCatalogWithServer("1.1.0", `return areas.map(() => ({ html: "<h1>Catalog 1.1.0 at the edge</h1>", answers: {}, slots: [] }));`);
    const experiment = {
      id: "edge-render",
      variants: [
        { name: "control", weight: 50, versions: {} },
        { name: "b", weight: 50, versions: { catalog: "1.1.0" } },
      ],
    };
    expect(
      (
        await json(
          "PUT",
          `/api/registry/experiments/${experiment.id}`,
          { variants: experiment.variants.map(({ name, weight, versions }) => ({ name, weight, versions })) },
          deployHeaders,
        )
      ).status,
    ).toBe(201);
    let inB = "";
    let inControl = "";
    for (let n = 0; !inB || !inControl; n++) {
      const visitor = `edge-render-visitor-${String(n).padStart(6, "0")}`;
      if (variantOf(experiment, visitor).name === "b") inB ||= visitor;
      else inControl ||= visitor;
    }
    expect(mainOf((await page("/", { Cookie: visitorCookie(inB) })).html)).toContain("Catalog 1.1.0 at the edge");
    expect(mainOf((await page("/", { Cookie: visitorCookie(inControl) })).html)).toContain("Shop by category");
    expect(mainOf((await page(await pinLinkFor({ catalog: "1.1.0" }), { Cookie: visitorCookie(inControl) })).html)).toContain("Catalog 1.1.0 at the edge");
  });

  it("leaves pages the page table gives to the browser (checkout) to it, header rendered", async () => {
    await publishBuiltShop();
    const { response, html } = await page("/checkout");
    expect(response.status).toBe(200);
    expect(mainOf(html)).toContain("<!--$!-->");
    expect(html).toContain("<title>Checkout | Edge Shop</title>");
    expect(html).toContain('action="/search"');
  });

  it("falls back to rendering in the browser when the shell has no server bundle", async () => {
    await publishBuiltShop();
    await publishVersion(
      "shell",
      "1.0.1",
      builtFiles("shell")
        .filter((f) => f.path !== "server.js")
        .map((f) => (f.path === "entry.json" ? withoutServer(f) : f)),
    );
    const { response, html } = await page("/");
    expect(response.status).toBe(200);
    expect(html).toContain('<div id="root"><header class="shop-header">');
    expect(html).toContain('<main id="main" class="shop-main" tabindex="-1"></main>');
  });
});

/** The island elements of a page, in order: module, load, props, and whether the edge could render each. */
const islandsOf = (html: string) =>
  [...html.matchAll(/<shop-island data-module="([^"]+)" data-props="([^"]*)" data-load="([^"]+)"( data-empty)?>/g)].map(([, module, props, load, empty]) => ({
    module,
    load,
    props: JSON.parse(props!.replace(/&quot;/g, '"').replace(/&amp;/g, "&")) as Record<string, unknown>,
    rendered: !empty,
  }));

describe("pages of islands (product, listings, home)", () => {
  it("wraps each island the page table names, with its load and props; areas inside an island are not islands of their own", async () => {
    await publishBuiltShop();
    const product = await stockedProduct("several");
    const { html } = await page(`/p/${product.slug}`);
    const islands = islandsOf(html);
    const own = { slug: product.slug };
    expect(islands.slice(0, 6)).toEqual([
      { module: "catalog/SearchBox", load: "interaction", props: {}, rendered: true },
      { module: "account/AccountMenu", load: "interaction", props: {}, rendered: true },
      { module: "cart/MiniCart", load: "with-its-remote", props: {}, rendered: true },
      { module: "catalog/ProductBuying", load: "interaction", props: own, rendered: true },
      { module: "catalog/ProductReviews", load: "visible", props: own, rendered: true },
      // The shelves' cards: each card's own widgets are islands.
      expect.objectContaining({ load: "interaction" }),
    ]);
    expect(islands.at(-1)).toEqual({ module: "catalog/RecentlyViewed", load: "visible", props: own, rendered: true });
    // Add to cart and the heart of the product itself hydrate with its buying island, inside it.
    const from = html.indexOf('data-module="catalog/ProductBuying"');
    const buying = html.slice(from, html.indexOf("</shop-island>", from));
    expect(buying).toContain('<form class="add-to-cart" action="/cart/add" method="post">');
    expect(buying).toContain('class="wishlist-heart"');
    expect(buying).not.toContain("<shop-island");
    for (const option of product.options) expect(buying).toContain(`name="${option}"`);
  });

  it("loads no script of its own: the loader and the speculation rules are inline, allowed by their hashes, and name the islands host", async () => {
    await publishBuiltShop();
    const product = await stockedProduct("one");
    const { response, html } = await page(`/p/${product.slug}`);
    const head = html.slice(0, html.indexOf("<body>"));
    expect(head).not.toMatch(/<script[^>]* src=/);
    expect(head).not.toContain('rel="preload" as="script"');
    const entry = JSON.parse(atob(builtFiles("shell").find((f) => f.path === "entry.json")!.contentBase64)) as { exposes: Record<string, string[]> };
    const config = JSON.parse(/<script id="shop-islands" type="application\/json">(.*?)<\/script>/.exec(head)![1]!) as { host: string[] };
    expect(config.host).toEqual(entry.exposes["./islands"]!.map((file) => `/mf/shell/1.0.0/${file}`));
    const loader = /<script>([\s\S]*?)<\/script>/.exec(head)![1]!;
    expect(loader).toContain("shop-island");
    const rules = /<script type="speculationrules">(.*?)<\/script>/.exec(head)![1]!;
    expect(JSON.parse(rules).prerender[0]).toEqual({ where: { href_matches: "/p/*" }, eagerness: "moderate" });
    const policy = response.headers.get("Content-Security-Policy")!;
    const scriptSrc = policy.split(";").find((d) => d.trim().startsWith("script-src"))!;
    expect(scriptSrc).toContain(`'sha256-${await sha256Base64(loader)}'`);
    expect(scriptSrc).toContain(`'sha256-${await sha256Base64(rules)}'`);
    expect(scriptSrc).not.toContain("unsafe-inline");
  });

  it("makes a listing's filters, sort and filters in use islands, and its cards' widgets; Load more is a link that goes on from the first new product", async () => {
    await publishBuiltShop();
    const { html } = await page("/search?inStock=true");
    const islands = islandsOf(html);
    expect(islands.slice(0, 7).map(({ module, load }) => `${module}:${load}`)).toEqual([
      "catalog/SearchBox:interaction",
      "account/AccountMenu:interaction",
      "cart/MiniCart:with-its-remote",
      "catalog/FiltersDrawer:interaction",
      "catalog/ListingSort:interaction",
      "catalog/ActiveFilters:interaction",
      "catalog/Facets:interaction",
    ]);
    // Each island is rendered, with what it needs to hydrate: the counts for the filters.
    expect(islands.every((island) => island.rendered)).toBe(true);
    expect(islands[6]!.props).toMatchObject({ facets: { brands: expect.any(Array), price: expect.any(Array) } });
    expect(html).toContain('aria-label="Remove filter In stock"');
    // On a phone the filters' drawer: a link to the filters on the page until its code runs.
    expect(html).toMatch(/<a id="filters-button" href="#filters" class="btn btn-secondary filters-button" data-opens="dialog">Filters(<!-- -->)? \(1\)<\/a>/);
    const cards = islands.slice(7).map((island) => island.module);
    expect(new Set(cards)).toEqual(new Set(["account/WishlistHeart", "cart/AddToCartButton"]));
    expect(html).not.toMatch(/<script[^>]* src=/);
    // Load more: the next page's document, at its first new product.
    expect(html).toContain('href="/search?inStock=true&amp;page=2#page-2"');
    const next = await page("/search?inStock=true&page=2");
    expect(next.html).toMatch(/<a (?=[^>]*class="product-card__link")(?=[^>]*id="page-2")[^>]*>/);
  });

  it("keeps other pages hydrated whole: the cart page loads the shell's application, with no loader", async () => {
    await publishBuiltShop();
    const { response, html } = await page("/cart");
    expect(html).toContain('<div id="root" data-rendered="">');
    expect(html).toMatch(/<script defer src="\/mf\/shell\/1\.0\.0\/main\.js"><\/script>/);
    expect(html).not.toContain("<shop-island");
    expect(html).not.toContain('type="speculationrules"');
    expect(response.headers.get("Content-Security-Policy")).not.toMatch(/script-src[^;]*sha256/);
  });

  it("hydrates a product page whole under a shell published before islands (no loader in its files)", async () => {
    await publishBuiltShop();
    const withoutIslands = builtFiles("shell")
      .filter((f) => !f.path.startsWith("island"))
      .map((f) => {
        if (f.path !== "entry.json") return f;
        const entry = JSON.parse(atob(f.contentBase64)) as Record<string, unknown>;
        delete entry.exposes;
        return { path: f.path, contentBase64: btoa(JSON.stringify(entry)) };
      });
    await publishVersion("shell", "1.0.2", withoutIslands);
    const product = await stockedProduct("one");
    const { html } = await page(`/p/${product.slug}`);
    expect(html).toContain('<div id="root" data-rendered="">');
    expect(html).not.toContain("<shop-island");
    expect(html).toContain('<script defer src="/mf/shell/1.0.2/main.js"></script>');
  });
});

describe("cart forms (pages without JavaScript)", () => {
  const form = (path: string, body: Record<string, string>, headers: Record<string, string> = {}) =>
    // Not followed: the answer is the redirect back to the page.
    call(path, {
      method: "POST",
      redirect: "manual",
      headers: { "Content-Type": "application/x-www-form-urlencoded", Origin: "http://shop.test", ...headers },
      body: new URLSearchParams(body),
    });

  it("adds, changes the quantity and removes, going back to the page each time", async () => {
    const product = await stockedProduct("one");
    const sku = product.variants[0]!.sku;
    const first = await form("/cart/add", { sku, quantity: "2", return: "/search?q=x&added=old" });
    expect(first.status).toBe(303);
    expect(first.headers.get("Location")).toBe(`/search?q=x&added=${sku}`);
    const cookie = cookiesOf(first);
    const cart = async () => (await (await call("/api/cart", { headers: { Cookie: cookie } })).json()) as { lines: Array<{ sku: string; quantity: number }> };
    expect((await cart()).lines).toEqual([expect.objectContaining({ sku, quantity: 2 })]);
    expect((await form("/cart/quantity", { sku, quantity: "3" }, { Cookie: cookie })).headers.get("Location")).toBe("/cart");
    expect((await cart()).lines).toEqual([expect.objectContaining({ sku, quantity: 3 })]);
    expect((await form("/cart/remove", { sku }, { Cookie: cookie })).status).toBe(303);
    expect((await cart()).lines).toEqual([]);
  });

  it("says a refusal on the page it goes back to, and changes nothing", async () => {
    const product = await stockedProduct("one");
    const sku = product.variants[0]!.sku;
    const refused = await form("/cart/add", { sku, quantity: "10", return: `/p/${product.slug}` });
    const cookie = cookiesOf(refused);
    const again = await form("/cart/add", { sku, quantity: "10", return: `/p/${product.slug}` }, { Cookie: cookie });
    expect(again.status).toBe(303);
    const location = new URL(again.headers.get("Location")!, "http://shop.test");
    expect(location.searchParams.get("cart_refused")).toBe(sku);
    expect(location.searchParams.get("cart_reason")).toMatch(/\w/);
  });

  it.each([
    ["no SKU", { quantity: "1" }],
    ["a malformed SKU", { sku: "<script>" }],
    ["a quantity out of range", { sku: "ABC-1", quantity: "99" }],
    ["a return to another site", { sku: "ABC-1", return: "//evil.example/x" }],
    ["a return to another site (backslash)", { sku: "ABC-1", return: "/\\evil.example" }],
    // Paths that a browser resolves to another host once their dot segments are removed.
    ["a return to another site (dot segment)", { sku: "ABC-1", return: "/.//evil.example" }],
    ["a return to another site (dot-dot segment)", { sku: "ABC-1", return: "/a/..//evil.example/x" }],
    ["a return to another site (tab)", { sku: "ABC-1", return: "/\t/evil.example" }],
  ])("refuses %s with a 400 JSON error", async (_, body) => {
    const response = await form("/cart/add", body as Record<string, string>);
    expect(response.status).toBe(400);
    expect(((await response.json()) as { error: { code: string } }).error.code).toBe("invalid_form");
  });

  it("refuses a form from another site, and a JSON body", async () => {
    expect((await form("/cart/add", { sku: "ABC-1" }, { Origin: "https://evil.example" })).status).toBe(403);
    const asJson = await call("/cart/add", {
      method: "POST",
      headers: { "Content-Type": "application/json", Origin: "http://shop.test" },
      body: JSON.stringify({ sku: "ABC-1" }),
    });
    expect(asJson.status).toBe(415);
  });
});

function withoutServer(f: { path: string; contentBase64: string }) {
  const entry = JSON.parse(atob(f.contentBase64)) as Record<string, unknown>;
  delete entry.server;
  delete entry.edgeRendered;
  return { path: f.path, contentBase64: btoa(JSON.stringify(entry)) };
}
