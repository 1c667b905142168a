import { ProductList, SHELF_SIZE } from "@shop/contracts";
import { sql } from "drizzle-orm";
import { describe, expect, it } from "vitest";
import { adminHeaders, call, file, json, publishShop, publishVersion, query } from "./helpers";

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
      "/mf/account/2.0.0/remoteEntry.js",
      "/mf/cart/2.0.0/remoteEntry.js",
    ]);
    // Its stylesheet inline, allowed by its hash: the first paint waits for no request.
    expect(page).toContain('<style data-styles="shell">body{}</style>');
    expect(response.headers.get("Content-Security-Policy")).toContain("'sha256-fJgEClQWV1hGkK4qHMO0KotTsVnMYMXTq7/suurGyUo='");
    expect(page).toContain('<script defer src="/mf/shell/1.0.0/main.js"></script>');
  });

  it.each([
    ["/cart", 200, ["/mf/cart/2.0.0/remoteEntry.js", "/mf/catalog/2.0.0/remoteEntry.js", "/mf/account/2.0.0/remoteEntry.js"]],
    [
      "/checkout/shipping",
      200,
      ["/mf/checkout/2.0.0/remoteEntry.js", "/mf/cart/2.0.0/remoteEntry.js", "/mf/catalog/2.0.0/remoteEntry.js", "/mf/account/2.0.0/remoteEntry.js"],
    ],
    ["/account/orders", 200, ["/mf/account/2.0.0/remoteEntry.js", "/mf/catalog/2.0.0/remoteEntry.js", "/mf/cart/2.0.0/remoteEntry.js"]],
    ["/no/such/page", 404, ["/mf/catalog/2.0.0/remoteEntry.js", "/mf/account/2.0.0/remoteEntry.js", "/mf/cart/2.0.0/remoteEntry.js"]],
  ])("%s answers %i and preloads what it needs, no catalog data", async (path, status, remotes) => {
    await publishShop();
    const response = await call(path);
    expect(response.status).toBe(status);
    const page = await response.text();
    expect(preloads(page)).toEqual(["/mf/shell/1.0.0/main.js", "/mf/shell/1.0.0/react.1a2b.js", ...remotes]);
    expect(page).not.toContain('as="fetch"');
  });

  const fetchPreloads = (page: string) =>
    [...page.matchAll(/<link rel="preload" as="fetch" href="([^"]+)" crossorigin>/g)].map((m) => m[1]!.replaceAll("&amp;", "&"));

  it.each([
    ["/", ["/api/catalog/categories", "/api/catalog/products?sort=newest&limit=8&page=1"]],
    ["/c/shoes?brand=kestrel&page=3&utm_source=x", ["/api/catalog/categories", "/api/catalog/products?brand=kestrel&category=shoes&page=1"]],
    ["/search?q=rain%20jacket&sort=price_asc", ["/api/catalog/products?q=rain+jacket&sort=price_asc&page=1"]],
    ["/p/some-product-0000001", ["/api/catalog/products/some-product-0000001"]],
  ])("%s preloads the catalog data its page asks for first", async (path, data) => {
    await publishShop();
    expect(fetchPreloads(await (await call(path)).text())).toEqual(data);
  });

  it("preloads the chunks of the exposed modules the page renders, and only those", async () => {
    await publishShop();
    const exposes = { "./CartPage": ["page.js"], "./MiniCart": ["mini.js"], "./CartSummary": ["summary.js"] };
    const files = [file("remoteEntry.js", "var cart3;"), file("page.js", "p"), file("mini.js", "m"), file("summary.js", "s")];
    await publishVersion("cart", "3.0.0", [...files, file("entry.json", JSON.stringify({ initial: ["remoteEntry.js"], exposes }))]);
    const page = await (await call("/cart")).text();
    expect(preloads(page)).toEqual([
      "/mf/shell/1.0.0/main.js",
      "/mf/shell/1.0.0/react.1a2b.js",
      "/mf/cart/3.0.0/remoteEntry.js",
      "/mf/cart/3.0.0/page.js",
      "/mf/catalog/2.0.0/remoteEntry.js",
      "/mf/account/2.0.0/remoteEntry.js",
      "/mf/cart/3.0.0/mini.js",
    ]);
  });

  it("preloads Add to cart on a product page, where it always shows, and not on listings, where it may not", async () => {
    await publishShop();
    const exposes = { "./AddToCartButton": ["add.js"], "./MiniCart": ["mini.js"] };
    const files = [file("remoteEntry.js", "var cart3;"), file("add.js", "a"), file("mini.js", "m")];
    await publishVersion("cart", "3.0.0", [...files, file("entry.json", JSON.stringify({ initial: ["remoteEntry.js"], exposes }))]);
    const [product] = await query<{ slug: string }>(sql`SELECT slug FROM products ORDER BY id LIMIT 1`);
    expect(preloads(await (await call(`/p/${product!.slug}`)).text())).toContain("/mf/cart/3.0.0/add.js");
    for (const listing of ["/", "/c/headphones", "/search?q=tent"]) {
      expect(preloads(await (await call(listing)).text()), listing).not.toContain("/mf/cart/3.0.0/add.js");
    }
  });

  it("follows the registry: promoting a remote changes the document, the shell files stay the same", async () => {
    await publishShop();
    await publishVersion("catalog", "2.1.0", [file("remoteEntry.js", "var catalog2;")]);
    const page = await (await call("/")).text();
    expect(remoteMapOf(page).catalog.entry).toBe("/mf/catalog/2.1.0/remoteEntry.js");
    expect(page).toContain('<script defer src="/mf/shell/1.0.0/main.js"></script>');
  });
});

describe("catalog pages in the document, for crawlers and link previews", () => {
  const head = (page: string) => page.slice(0, page.indexOf("</head>"));
  const jsonLd = (page: string) => JSON.parse(/<script type="application\/ld\+json">(.*?)<\/script>/s.exec(page)![1]!);

  it("puts a product's title, description, canonical URL, Open Graph and JSON-LD into the HTML", async () => {
    await publishShop();
    const [product] = await query<{ slug: string; name: string; price_cents: number }>(
      sql`SELECT p.slug, p.name, p.price_cents FROM products p ORDER BY p.id LIMIT 1`,
    );
    const response = await call(`/p/${product!.slug}?utm_source=newsletter`);
    expect(response.status).toBe(200);
    const page = head(await response.text());
    expect(page).toContain(`<title>${product!.name} | Edge Shop</title>`);
    expect(page).toContain(`<link rel="canonical" href="http://shop.test/p/${product!.slug}">`);
    expect(page).toContain('<meta property="og:type" content="product">');
    expect(page).toMatch(/<meta property="og:image" content="http:\/\/shop\.test\/api\/catalog\/images\/[^"]+\.svg">/);
    expect(page).toMatch(/<meta name="description" content="[^"]{20,}">/);
    const ld = jsonLd(page);
    expect(ld).toMatchObject({ "@type": "Product", name: product!.name, brand: { "@type": "Brand" } });
    const cents = product!.price_cents;
    expect(ld.offers[0].price).toBe(`${Math.floor(cents / 100)}.${String(cents % 100).padStart(2, "0")}`);
    expect(ld.offers[0].availability).toMatch(/^https:\/\/schema\.org\/(InStock|OutOfStock)$/);
  });

  it("preloads the images a page shows first: the home page's newest products, a product's main image", async () => {
    await publishShop();
    const shelf = ProductList.parse(await (await call(`/api/catalog/products?sort=newest&limit=${SHELF_SIZE}&page=1`)).json()).items;
    const home = head(await (await call("/")).text());
    const images = [...home.matchAll(/<link rel="preload" as="image" href="([^"]+)"/g)].map((m) => m[1]!);
    expect(images).toEqual(shelf.slice(0, 2).map((p) => p.image.url));
    // A product with drawn artwork (no upload): its one file; uploads are preloaded by srcset (catalog-admin.test.ts).
    const [drawn] = await query<{ slug: string }>(sql`SELECT p.slug FROM products p
      WHERE NOT EXISTS (SELECT 1 FROM product_images i WHERE i.product_id = p.id AND i.object_key IS NOT NULL) ORDER BY p.id LIMIT 1`);
    const product = head(await (await call(`/p/${drawn!.slug}`)).text());
    expect(product).toMatch(new RegExp(`<link rel="preload" as="image" href="/api/catalog/images/${drawn!.slug}/0-[^"]+" fetchpriority="high">`));
  });

  it("puts a category's title, description and breadcrumbs into the HTML", async () => {
    await publishShop();
    const page = head(await (await call("/c/headphones")).text());
    expect(page).toContain("<title>Headphones | Edge Shop</title>");
    expect(page).toContain('<link rel="canonical" href="http://shop.test/c/headphones">');
    expect(jsonLd(page).itemListElement.map((i: { name: string }) => i.name)).toEqual(["Electronics", "Audio", "Headphones"]);
  });

  it("answers 404 for unknown products and categories, with the shell's not-found page", async () => {
    await publishShop();
    for (const path of ["/p/no-such-product", "/c/no-such-category", "/p/Bad%20Slug"]) {
      const response = await call(path);
      expect(response.status, path).toBe(404);
      expect(await response.text()).toContain("<title>Not found | Edge Shop</title>");
    }
  });

  it("escapes what operators write, so a product name cannot inject markup", async () => {
    await publishShop();
    const [product] = await query<{ slug: string; name: string }>(sql`SELECT slug, name FROM products ORDER BY id DESC LIMIT 1`);
    const evil = `</script><script>alert(1)</script> "quoted"`;
    await json("PATCH", `/api/admin/products/${product!.slug}`, { name: evil }, adminHeaders);
    try {
      const page = head(await (await call(`/p/${product!.slug}`)).text());
      expect(page).not.toContain("<script>alert(1)</script>");
      expect(page).toContain("&lt;/script&gt;");
      expect(jsonLd(page).name).toBe(evil);
    } finally {
      await json("PATCH", `/api/admin/products/${product!.slug}`, { name: product!.name }, adminHeaders);
    }
  });
});
