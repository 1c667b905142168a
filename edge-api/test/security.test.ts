import { createExecutionContext, waitOnExecutionContext } from "cloudflare:test";
import { env, exports } from "cloudflare:workers";
import { createHash } from "node:crypto";
import { sql } from "drizzle-orm";
import { describe, expect, it } from "vitest";
import { app } from "../src/app";
import type { Env } from "../src/env";
import { cartOf, cartWith, skus } from "./cart-helpers";
import { BASE, call, deployHeaders, errorOf, file, json, publishShop, query } from "./helpers";

const bindings = env as unknown as Env;

/** The real app with the production configuration (https origin), as Cloudflare would run it. */
async function callInProduction(path: string, init: RequestInit = {}) {
  const production = { ...bindings, ENVIRONMENT: "production", PUBLIC_ORIGIN: "https://shop.example.com" };
  const ctx = createExecutionContext();
  const response = await app.fetch(new Request(`https://shop.example.com${path}`, init), production, ctx);
  await waitOnExecutionContext(ctx);
  return response;
}

function directives(response: Response): Map<string, string[]> {
  const policy = response.headers.get("Content-Security-Policy") ?? "";
  return new Map(
    policy
      .split(";")
      .map((part) => part.trim().split(/\s+/))
      .filter((words) => words[0])
      .map(([name, ...sources]) => [name!, sources]),
  );
}

/** Headers every answer carries, whatever it is. */
function expectBaseline(response: Response) {
  expect(response.headers.get("X-Content-Type-Options")).toBe("nosniff");
  expect(response.headers.get("Referrer-Policy")).toBe("strict-origin-when-cross-origin");
  expect(response.headers.get("Cross-Origin-Opener-Policy")).toBe("same-origin-allow-popups");
  expect(response.headers.get("Cross-Origin-Resource-Policy")).toBe("same-origin");
  expect(response.headers.get("X-Frame-Options")).toBe("DENY");
  expect(response.headers.get("Permissions-Policy")).toContain("camera=()");
  expect(directives(response).get("frame-ancestors")).toEqual(["'none'"]);
}

describe("security headers", () => {
  it("a document allows the shop's own files and Stripe's, and nothing inline that runs", async () => {
    await publishShop();
    const response = await call("/");
    expect(response.status).toBe(200);
    expectBaseline(response);
    const csp = directives(response);
    expect(csp.get("default-src")).toEqual(["'self'"]);
    expect(csp.get("script-src")).toEqual(["'self'", "https://js.stripe.com"]);
    expect(csp.get("object-src")).toEqual(["'none'"]);
    expect(csp.get("base-uri")).toEqual(["'none'"]);
    expect(response.headers.get("Content-Security-Policy")).not.toMatch(/unsafe-inline|unsafe-eval/);
    // The inline <style> blocks (first paint's basics, the shell's stylesheet) are allowed by their hashes, and only they.
    const page = await response.text();
    const inline = [...page.matchAll(/<style[^>]*>(.*?)<\/style>/gs)].map((m) => `'sha256-${createHash("sha256").update(m[1]!).digest("base64")}'`);
    expect(inline).toHaveLength(2);
    expect(csp.get("style-src")).toEqual(["'self'", ...inline]);
    // Inline scripts are data blocks only (the remote map, JSON-LD), which browsers never run.
    for (const [, type] of page.matchAll(/<script(?![^>]*\bsrc=)[^>]*?type="([^"]*)"/g)) expect(["application/json", "application/ld+json"]).toContain(type);
    expect(page.match(/<script(?![^>]*\b(?:src|type)=)/g)).toBeNull();
    expect(response.headers.get("Strict-Transport-Security")).toBeNull();
  });

  it.each([
    ["an API answer", "/api/catalog/categories"],
    ["an API error", "/api/no-such-thing"],
    ["an image", "/api/catalog/images/some-product/0-800x800.svg"],
    ["an asset", "/mf/catalog/1.2.3/remoteEntry.js"],
    ["liveness", "/livez"],
  ])("%s may run, load and be framed by nothing", async (_what, path) => {
    await json("PUT", "/api/registry/catalog/versions/1.2.3", { files: [file("remoteEntry.js", "var catalog;")] }, deployHeaders);
    const response = await call(path);
    expect(response.status).toBeLessThan(500);
    expectBaseline(response);
    expect(directives(response).get("default-src")).toEqual(["'none'"]);
  });

  it("in production adds HSTS and upgrade-insecure-requests, and the cart cookie is __Host- and Secure", async () => {
    const response = await callInProduction("/api/cart");
    expect(response.headers.get("Strict-Transport-Security")).toBe("max-age=63072000; includeSubDomains");
    expect(directives(response).has("upgrade-insecure-requests")).toBe(true);
    const cookie = response.headers.get("Set-Cookie")!;
    expect(cookie).toMatch(/^__Host-cart_id=/);
    expect(cookie).toMatch(/; Secure/);
    expect(cookie).toMatch(/; Path=\//);
  });
});

describe("writes only from the shop's own pages", () => {
  it("refuses a cookie-bearing write from another origin, whatever its body, and changes nothing", async () => {
    const [a] = await skus(1);
    const { cookie, cart } = await cartWith([[a!.sku, 1]]);
    const attempts: Array<[string, string, Record<string, string>, string?]> = [
      ["POST", "/api/cart/items", { Origin: "https://evil.example", "Content-Type": "application/json" }, JSON.stringify({ sku: a!.sku, quantity: 1 })],
      ["POST", "/api/cart/items", { "Sec-Fetch-Site": "cross-site", "Content-Type": "application/json" }, JSON.stringify({ sku: a!.sku, quantity: 1 })],
      ["POST", "/api/cart/items", { Origin: "null", "Content-Type": "application/json" }, JSON.stringify({ sku: a!.sku, quantity: 1 })],
      ["DELETE", "/api/cart", { Origin: "https://evil.example" }],
      ["PUT", "/api/cart/coupon", { "Sec-Fetch-Site": "same-site", "Content-Type": "application/json" }, JSON.stringify({ code: "WELCOME10" })],
      // What a form on another site can send without a preflight, with no header saying where from.
      ["POST", "/api/cart/items", { "Content-Type": "text/plain" }, JSON.stringify({ sku: a!.sku, quantity: 1 })],
      ["POST", "/api/cart/items", { "Content-Type": "application/x-www-form-urlencoded" }, "sku=x"],
    ];
    for (const [method, path, headers, body] of attempts) {
      const response = await call(path, { method, headers: { ...headers, Cookie: cookie }, body });
      expect(response.status, `${method} ${path} ${JSON.stringify(headers)}`).toBe(403);
      expect((await errorOf(response)).code).toMatch(/^(cross_origin_request|forbidden)$/);
    }
    expect((await cartOf(cookie)).version).toBe(cart.version);
  });

  it("takes the same write from the shop's own page, and from clients that are not browsers", async () => {
    const [a] = await skus(1);
    const { cookie } = await cartWith([[a!.sku, 1]]);
    const own = await json("POST", "/api/cart/items", { sku: a!.sku, quantity: 1 }, { Cookie: cookie, Origin: BASE, "Sec-Fetch-Site": "same-origin" });
    expect(own.status).toBe(200);
    const tool = await json("POST", "/api/cart/items", { sku: a!.sku, quantity: 1 }, { Cookie: cookie });
    expect(tool.status).toBe(200);
    expect((await cartOf(cookie)).lines[0]!.quantity).toBe(3);
  });
});

describe("request bodies", () => {
  it("refuses a body larger than its route takes with 413, by length or as it streams, and changes nothing", async () => {
    const [a] = await skus(1);
    const { cookie, cart } = await cartWith([[a!.sku, 1]]);
    const big = JSON.stringify({ sku: a!.sku, quantity: 1, padding: "x".repeat(17 * 1024) });
    const sized = await call("/api/cart/items", { method: "POST", headers: { "Content-Type": "application/json", Cookie: cookie }, body: big });
    expect(sized.status).toBe(413);
    expect((await errorOf(sized)).code).toBe("payload_too_large");
    const stream = new ReadableStream({
      start(controller) {
        for (let i = 0; i < 40; i++) controller.enqueue(new TextEncoder().encode("x".repeat(1024)));
        controller.close();
      },
    });
    const streamed = await call("/api/cart/items", {
      method: "POST",
      headers: { "Content-Type": "application/json", Cookie: cookie },
      body: stream,
      duplex: "half",
    } as RequestInit);
    expect(streamed.status).toBe(413);
    expect((await cartOf(cookie)).version).toBe(cart.version);
  });

  it("lets a version's files through in one large request", async () => {
    const bundle = "x".repeat(2 * 1024 * 1024);
    const response = await json("PUT", "/api/registry/catalog/versions/3.0.0", { files: [file("remoteEntry.js", bundle)] }, deployHeaders);
    expect(response.status).toBe(201);
  });
});

describe("absolute URLs", () => {
  it("come from the configured origin, never from the Host header", async () => {
    await publishShop();
    const [product] = await query<{ slug: string }>(sql`SELECT slug FROM products ORDER BY id LIMIT 1`);
    for (const path of [`/p/${product!.slug}`, "/c/headphones", "/"]) {
      // What the Worker sees when a client sends `Host: evil.example`.
      const response = await exports.default.fetch(new Request(`http://evil.example${path}`, { headers: { "X-Forwarded-Host": "evil.example" } }));
      expect(response.status).toBe(200);
      const page = await response.text();
      expect(page).not.toContain("evil.example");
      expect(page).toContain(`<link rel="canonical" href="${BASE}${path}">`);
    }
  });
});

describe("one local origin", () => {
  /** The real app as `npm start` runs it on this machine (`PUBLIC_ORIGIN` http://localhost:8787), or as production runs it. */
  async function callAs(environment: "local" | "production", url: string, init: RequestInit = {}) {
    const configured = { ...bindings, ENVIRONMENT: environment, PUBLIC_ORIGIN: environment === "local" ? "http://localhost:8787" : "https://shop.example.com" };
    const ctx = createExecutionContext();
    const response = await app.fetch(new Request(url, { redirect: "manual", ...init }), configured, ctx);
    await waitOnExecutionContext(ctx);
    return response;
  }

  it("sends a browser that opens the local shop under another loopback spelling to the configured one, keeping path and query (308)", async () => {
    const navigation = { headers: { "Sec-Fetch-Mode": "navigate", Accept: "text/html,application/xhtml+xml" } };
    for (const url of ["http://127.0.0.1:8787/p/some-thing?color=red", "http://[::1]:8787/account"]) {
      const answer = await callAs("local", url, navigation);
      expect(answer.status, url).toBe(308);
      const target = new URL(url);
      expect(answer.headers.get("Location")).toBe(`http://localhost:8787${target.pathname}${target.search}`);
    }
    // Tools calling the API there keep their answers (a redirect to another origin would drop their token).
    expect((await callAs("local", "http://127.0.0.1:8787/api/registry")).status).toBe(200);
  });

  it("never redirects by the Host header in production, or to another port", async () => {
    const navigation = { headers: { "Sec-Fetch-Mode": "navigate" } };
    expect((await callAs("production", "http://127.0.0.1:8787/livez", navigation)).status).toBe(200);
    expect((await callAs("local", "http://127.0.0.1:9999/livez", navigation)).status).toBe(200);
    expect((await callAs("local", "http://localhost:8787/livez", navigation)).status).toBe(200);
  });
});

describe("API answers", () => {
  it.each([
    ["PUT", "/api/cart/items", "POST"],
    ["GET", "/api/cart/items/SKU-1", "PATCH, DELETE"],
    ["DELETE", "/api/catalog/products", "GET, HEAD"],
    ["POST", "/livez", null],
  ])("%s %s answers 405 with Allow", async (method, path, allow) => {
    const response = await call(path, { method });
    if (allow === null) return expect(response.status).toBe(404); // not an API route
    expect(response.status).toBe(405);
    expect(response.headers.get("Allow")).toBe(allow);
    expect((await errorOf(response)).code).toBe("method_not_allowed");
  });

  it("says which bound a query number broke", async () => {
    const response = await call("/api/catalog/products?limit=101");
    expect(response.status).toBe(400);
    expect((await errorOf(response)).message).toBe("limit: must be at most 100");
  });

  it.each([
    "/api/catalog/products?q=%00",
    "/api/catalog/suggest?q=head%00phones",
    "/api/catalog/products?q=%",
    "/api/catalog/products?q=%E0%A4%A",
    "/api/catalog/products/%ZZ",
    "/api/cart/items/%C0%AF",
  ])("refuses the malformed URL %s with a JSON 400", async (path) => {
    const response = await call(path, { method: path.startsWith("/api/cart/items/") ? "DELETE" : "GET" });
    expect(response.status).toBe(400);
    expect((await errorOf(response)).code).toBe("malformed_url");
  });

  it.each(["/p/%E0%A4%A", "/c/%", "/c/%00", "/search?q=%FF"])("answers the malformed page address %s with a 400 page", async (path) => {
    await publishShop();
    const response = await call(path);
    expect(response.status).toBe(400);
    expect(response.headers.get("Content-Type")).toContain("text/html");
    expect(await response.text()).toContain("This address is not valid");
  });
});
