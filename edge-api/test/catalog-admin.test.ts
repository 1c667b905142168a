import { env as workerEnv } from "cloudflare:workers";
import { AdminProduct, AdminProductList, AuditPage, CatalogTerms, PICTURE_SIZES, ProductDetail, ProductList } from "@shop/contracts";
import { sql } from "drizzle-orm";
import { describe, expect, it } from "vitest";
import type { Env } from "../src/env";
import { signedInOperator } from "./account-helpers";
import { adminHeaders, call, countOf, errorOf, json, publishShop, query } from "./helpers";

const env = workerEnv as unknown as Env;

// The catalog team's back office: products, variants and pictures, as operators make them and as the storefront then shows them.

const bytesOf = (base64: string) => Uint8Array.from(atob(base64), (ch) => ch.charCodeAt(0));
/** A 480×360 PNG (two colours), and one of 40×30. */
const PICTURE = bytesOf(
  "iVBORw0KGgoAAAANSUhEUgAAAeAAAAFoAQMAAAC1+bpjAAAAA1BMVEUobsj/5SYpAAAACXBIWXMAAAPoAAAD6AG1e1JrAAAALElEQVR42u3BgQAAAADDoPlT3+AEVQEAAAAAAAAAAAAAAAAAAAAAAAAAAPAMVcgAAZl0rjYAAAAASUVORK5CYII=",
);
const TINY = bytesOf(
  "iVBORw0KGgoAAAANSUhEUgAAACgAAAAeCAIAAADRv8uKAAAACXBIWXMAAAPoAAAD6AG1e1JrAAAAPUlEQVRIie3VQQ0AMAwCwMlBDrKRNRnb45L+mzSUO2uezLG4Tj3hineqApnKDCSKxWCxWBwWg8VicV+xeAEvntxMzTu5rAAAAABJRU5ErkJggg==",
);

let serial = 0;
const unique = (prefix: string) => `${prefix}-${Date.now().toString(36)}-${serial++}`;

async function filing() {
  const terms = CatalogTerms.parse(await (await call("/api/admin/catalog-terms", { headers: adminHeaders })).json());
  return { brand: terms.brands[0]!.slug, category: terms.categories.find((c) => c.leaf)!.slug, parent: terms.categories.find((c) => !c.leaf)!.slug };
}

async function newProduct(extra: Record<string, unknown> = {}) {
  const { brand, category } = await filing();
  const sku = unique("TRAIL").toUpperCase();
  const name = `Trail Runner ${unique("x")}`;
  const response = await json(
    "POST",
    "/api/admin/products",
    { name, brand, category, variant: { sku, options: { size: "42" }, price: 12900 }, ...extra },
    adminHeaders,
  );
  expect(response.status, await response.clone().text()).toBe(201);
  return { product: AdminProduct.parse(await response.json()), sku, name, brand, category };
}

function upload(slug: string, bytes: Uint8Array, name = "picture.png", type = "image/png", alt = "The shoe from the side") {
  const form = new FormData();
  form.append("file", new File([bytes], name, { type }));
  form.append("alt", alt);
  return call(`/api/admin/products/${slug}/images`, { method: "POST", body: form, headers: adminHeaders });
}

const mediaObjects = async () => (await env.MEDIA.list()).objects.length;

describe("products (the catalog team's back office)", () => {
  it("an operator creates a product with its first variant and stock: the storefront sells it at once, and the audit log says who made it", async () => {
    const operator = await signedInOperator();
    const { brand, category } = await filing();
    const sku = unique("LAMP").toUpperCase();
    const created = await operator.browser.post("/api/admin/products", {
      name: "Arc Floor Lamp",
      slug: unique("arc-floor-lamp"),
      brand,
      category,
      descriptionHtml: '<p>Warm <b>light</b>.<script>alert(1)</script><img src=x onerror="alert(2)"></p>',
      variant: { sku, options: { colour: "Black" }, price: 8900, compareAtPrice: 9900 },
    });
    expect(created.status, await created.clone().text()).toBe(201);
    const product = AdminProduct.parse(await created.json());
    expect(product.descriptionHtml).not.toMatch(/script|onerror/);
    expect(product.descriptionHtml).toContain("<b>light</b>");
    expect(product.variants).toEqual([{ sku, options: { colour: "Black" }, price: 8900, compareAtPrice: 9900, discontinued: false, available: 0 }]);

    expect((await json("PUT", `/api/admin/inventory/${sku}`, { available: 4 }, adminHeaders)).status).toBe(200);
    const page = ProductDetail.parse(await (await call(`/api/catalog/products/${product.slug}`)).json());
    expect(page).toMatchObject({ name: "Arc Floor Lamp", variants: [{ sku, available: 4, price: { amount: 8900 } }] });
    const listing = ProductList.parse(await (await call(`/api/catalog/products?${new URLSearchParams({ category, q: "Arc Floor Lamp" })}`)).json());
    expect(listing.items.map((p) => p.slug)).toContain(product.slug);

    const [entry] = AuditPage.parse(await (await call(`/api/admin/audit?subject=product:${product.slug}`, { headers: adminHeaders })).json()).entries;
    expect(entry).toMatchObject({
      actor: `admin:${operator.email.toLowerCase()}`,
      action: "product.create",
      before: null,
      after: { name: "Arc Floor Lamp", sku },
    });
  });

  it("refuses a taken web address or SKU (409), an unknown brand, a category with sub-categories and a bad price (400), each by its field, creating nothing", async () => {
    const { product, sku } = await newProduct();
    const { brand, category, parent } = await filing();
    const variant = { sku: unique("NEW"), options: {}, price: 1000 };
    const before = await countOf(sql`SELECT count(*) FROM products`);
    const cases: Array<[Record<string, unknown>, number, string]> = [
      [{ name: "Again", slug: product.slug, brand, category, variant }, 409, "slug"],
      [{ name: "Again", brand, category, variant: { ...variant, sku } }, 409, "sku"],
      [{ name: "Unbranded", brand: "no-such-brand", category, variant }, 400, "brand"],
      [{ name: "Too wide", brand, category: parent, variant }, 400, "category"],
      [{ name: "Cheap", brand, category, variant: { ...variant, compareAtPrice: 500 } }, 400, "variant.compareAtPrice"],
      [{ name: "", brand, category, variant }, 400, "name"],
    ];
    for (const [body, status, field] of cases) {
      const response = await json("POST", "/api/admin/products", body, adminHeaders);
      expect(response.status, JSON.stringify(body)).toBe(status);
      expect(Object.keys((await errorOf(response)).fields ?? {}), JSON.stringify(body)).toContain(field);
    }
    expect(await countOf(sql`SELECT count(*) FROM products`)).toBe(before);
  });

  it("edits a product (filing too), adds and discontinues variants; the list finds it by name, SKU and brand", async () => {
    const { product, sku, brand } = await newProduct();
    const terms = CatalogTerms.parse(await (await call("/api/admin/catalog-terms", { headers: adminHeaders })).json());
    const otherCategory = terms.categories.filter((c) => c.leaf)[1]!.slug;
    const edited = await json("PATCH", `/api/admin/products/${product.slug}`, { name: `${product.name} II`, category: otherCategory }, adminHeaders);
    expect(AdminProduct.parse(await edited.json())).toMatchObject({ name: `${product.name} II`, category: otherCategory });

    const second = `${sku}-W`;
    const added = await json("POST", `/api/admin/products/${product.slug}/variants`, { sku: second, options: { size: "43" }, price: 13900 }, adminHeaders);
    expect(added.status).toBe(201);
    expect((await json("POST", `/api/admin/products/${product.slug}/variants`, { sku: second, options: {}, price: 1 }, adminHeaders)).status).toBe(409);
    expect((await json("PATCH", `/api/admin/variants/${sku}`, { discontinued: true }, adminHeaders)).status).toBe(200);
    const now = AdminProduct.parse(await (await call(`/api/admin/products/${product.slug}`, { headers: adminHeaders })).json());
    expect(now.variants.map((v) => [v.sku, v.discontinued])).toEqual([
      [sku, true],
      [second, false],
    ]);
    const storefront = ProductDetail.parse(await (await call(`/api/catalog/products/${product.slug}`)).json());
    expect(storefront.variants.map((v) => v.sku)).toEqual([second]);

    const find = async (query: Record<string, string>) =>
      AdminProductList.parse(await (await call(`/api/admin/products?${new URLSearchParams(query)}`, { headers: adminHeaders })).json()).items.map(
        (p) => p.slug,
      );
    expect(await find({ q: `${product.name} II` })).toEqual([product.slug]);
    expect(await find({ q: second })).toEqual([product.slug]);
    expect(await find({ q: "%" })).not.toContain(product.slug);
    expect(await find({ brand, category: otherCategory })).toContain(product.slug);
  });
});

describe("product pictures (R2, served through Images)", () => {
  it("an uploaded picture is on the product page in responsive widths, as AVIF or WebP when the browser takes them", async () => {
    const { product } = await newProduct();
    const uploaded = await upload(product.slug, PICTURE, "side.png");
    expect(uploaded.status, await uploaded.clone().text()).toBe(201);
    const [picture] = AdminProduct.parse(await uploaded.json()).images;
    expect(picture).toMatchObject({ width: 480, height: 360, alt: "The shoe from the side", uploaded: true, position: 0 });

    const page = ProductDetail.parse(await (await call(`/api/catalog/products/${product.slug}`)).json());
    const image = page.images[0]!;
    expect(image.srcset?.split(", ").map((s) => s.split(" ")[1])).toEqual(["200w", "400w", "480w"]);
    const url = image.url;
    const avif = await call(url, { headers: { Accept: "image/avif,image/webp,*/*" } });
    expect(avif.status).toBe(200);
    expect(avif.headers.get("content-type")).toBe("image/avif");
    expect(avif.headers.get("cache-control")).toContain("immutable");
    const bytes = new Uint8Array(await avif.arrayBuffer());
    expect(String.fromCharCode(...bytes.subarray(4, 12))).toBe("ftypavif");
    const webp = await call(url.replace(/w=\d+/, "w=200"), { headers: { Accept: "image/webp,*/*" } });
    expect(webp.headers.get("content-type")).toBe("image/webp");
    const info = await env.IMAGES.info(webp.body!);
    expect(info).toMatchObject({ width: 200 });
    expect((await call(url.replace(/w=\d+/, "w=999"))).status).toBe(400);
    // Again: now from the edge's cache, answered the same.
    const again = await call(url, { headers: { Accept: "image/avif,image/webp,*/*" } });
    expect(again.status).toBe(200);
    expect(again.headers.get("content-type")).toBe("image/avif");
    expect(new Uint8Array(await again.arrayBuffer())).toEqual(bytes);

    // The product page's document preloads the same picture the page shows: by its srcset and sizes.
    await publishShop();
    const document = await (await call(`/p/${product.slug}`)).text();
    expect(document).toContain(`<link rel="preload" as="image" href="${url}" imagesrcset="${image.srcset}" imagesizes="${PICTURE_SIZES.product}"`);

    // Listings show the first picture too.
    const summaries = AdminProductList.parse(await (await call(`/api/admin/products?q=${encodeURIComponent(product.name)}`, { headers: adminHeaders })).json());
    expect(summaries.items[0]!.image?.url).toBe(url);
  });

  it("refuses a script disguised as a PNG, a broken PNG, a picture too small and one over 5 MB, storing nothing", async () => {
    const { product } = await newProduct();
    const objects = await mediaObjects();
    const script = new TextEncoder().encode("<script>alert(document.cookie)</script>".padEnd(400, " "));
    const brokenPng = new Uint8Array([...PICTURE.subarray(0, 24), ...new Uint8Array(300).fill(7)]);
    const oversized = new Uint8Array(5 * 1024 * 1024 + 1);
    oversized.set(PICTURE);
    const cases: Array<[Uint8Array, number, string]> = [
      [script, 415, "unsupported_image"],
      [brokenPng, 415, "unsupported_image"],
      [TINY, 400, "image_too_small"],
      [oversized, 413, "image_too_large"],
    ];
    for (const [bytes, status, code] of cases) {
      const response = await upload(product.slug, bytes, "photo.png", "image/png");
      expect(response.status, code).toBe(status);
      expect((await errorOf(response)).code).toBe(code);
    }
    const noAlt = await upload(product.slug, PICTURE, "photo.png", "image/png", "");
    expect(noAlt.status).toBe(400);
    expect(Object.keys((await errorOf(noAlt)).fields ?? {})).toContain("alt");
    expect(await mediaObjects()).toBe(objects);
    expect(await countOf(sql`SELECT count(*) FROM product_images i JOIN products p ON p.id = i.product_id WHERE p.slug = ${product.slug}`)).toBe(0);
  });

  it("taking a picture off moves the next one up and deletes its upload", async () => {
    const { product } = await newProduct();
    await upload(product.slug, PICTURE, "a.png", "image/png", "First");
    await upload(product.slug, PICTURE, "b.png", "image/png", "Second");
    const objects = await mediaObjects();
    const removed = await call(`/api/admin/products/${product.slug}/images/0`, { method: "DELETE", headers: adminHeaders });
    expect(AdminProduct.parse(await removed.json()).images.map((i) => [i.position, i.alt])).toEqual([[0, "Second"]]);
    expect(await mediaObjects()).toBe(objects - 1);
    expect((await call(`/api/admin/products/${product.slug}/images/5`, { method: "DELETE", headers: adminHeaders })).status).toBe(404);
    const rows = await query<{ action: string }>(sql`SELECT action FROM audit_entries WHERE subject = ${`product:${product.slug}`} ORDER BY id`);
    expect(rows.map((r) => r.action)).toEqual(["product.create", "image.add", "image.add", "image.remove"]);
  });
});
