// Every route in the OpenAPI document, fed random and hostile bytes in each of its path parameters,
// query parameters, headers and JSON fields (one at a time, the rest left valid so the hostile one is
// what the route meets): never a 5xx, always a JSON error on the API, never a change when refused.
// The routes come from the document, so a route added tomorrow is covered the day it is added.
import { env, exports } from "cloudflare:workers";
import { ApiError } from "@shop/contracts";
import { sql } from "drizzle-orm";
import fc from "fast-check";
import { describe, expect, it } from "vitest";
import type { Env } from "../src/env";
import { Browser, signedInShopper } from "./account-helpers";
import { cartOf, cartWith, skus } from "./cart-helpers";
import { adminHeaders, BASE, call, deployHeaders, publishShop, query } from "./helpers";

const bindings = env as unknown as Env;
const RUNS = 20;
const SEED = 20261201;

interface Schema {
  $ref?: string;
  type?: string | string[];
  properties?: Record<string, Schema>;
  items?: Schema;
  anyOf?: Schema[];
  minimum?: number;
}
interface Parameter {
  name: string;
  in: "path" | "query" | "header";
}
interface Operation {
  method: string;
  path: string;
  parameters: Parameter[];
  body?: Schema;
  secured: boolean;
}

const doc = (await (await call("/api/openapi.json")).json()) as {
  paths: Record<string, Record<string, { parameters?: Parameter[]; requestBody?: { content: Record<string, { schema: Schema }> }; security?: unknown[] }>>;
  components: { schemas: Record<string, Schema> };
};
const resolve = (schema: Schema): Schema => (schema.$ref ? doc.components.schemas[schema.$ref.split("/").pop()!]! : schema);
const operations: Operation[] = Object.entries(doc.paths).flatMap(([path, methods]) =>
  Object.entries(methods).map(([method, op]) => ({
    method: method.toUpperCase(),
    path,
    parameters: op.parameters ?? [],
    body: op.requestBody?.content["application/json"]?.schema,
    secured: Boolean(op.security?.length),
  })),
);

// ── Hostile values ────────────────────────────────────────────────────────────────────────────
const HOSTILE_TEXT = [
  "",
  " ",
  "\u0000",
  "a\u0000b",
  "\ud800",
  "x\udfffy",
  "\u202e\u0041",
  "\ufeff",
  "\u001b[2J",
  "%00",
  "%",
  "%%",
  "'; DROP TABLE products; --",
  '" OR 1=1 --',
  "\\",
  "a\\",
  "%_\\%",
  "<script>alert(1)</script>",
  "../../etc/passwd",
  "..\\..\\win.ini",
  "\r\nSet-Cookie: x=1", // biome-ignore lint/suspicious/noTemplateCurlyInString: a template-injection probe, meant literally
  "${7*7}",
  "{{7*7}}",
  "__proto__",
  "constructor",
  "💥".repeat(40),
  "a".repeat(5000),
  "NaN",
  "-1",
  "1e309",
  "0x10",
  "null",
  "true",
  "[]",
  "{}",
  "SKU-1",
  "WELCOME10",
];
const bytesToPercent = (bytes: Uint8Array) => Array.from(bytes, (b) => `%${b.toString(16).padStart(2, "0").toUpperCase()}`).join("");
const percentText = (text: string) => bytesToPercent(new TextEncoder().encode(text));

/**
 * What can stand in each place: every known hostile value is tried first (fast-check's examples),
 * then random ones. Path segments and query values: malformed escapes, random bytes, any text.
 */
const URL_EXAMPLES = [
  "%",
  "%G1",
  "%E0%A4%A",
  "%00",
  "%C0%AF",
  "%ED%A0%80",
  "%FF%FE",
  "%2e%2e%2f",
  "..",
  ";",
  "%3B",
  "a%2Fb",
  "%25",
  "+",
  "%0D%0A",
  ...HOSTILE_TEXT.map(percentText),
];
const urlPart = fc.oneof(
  fc.uint8Array({ maxLength: 24 }).map(bytesToPercent),
  fc.string({ unit: "grapheme", maxLength: 30 }).map(percentText),
  fc.string({ unit: "binary", maxLength: 30 }).map(percentText),
);
/**
 * Header values as a client can send them: any ASCII byte but NUL, CR and LF, which no request can
 * carry (workerd would send other bytes as UTF-8, not as the client's raw bytes).
 */
const HEADER_EXAMPLES = [
  "",
  " ",
  '"1"',
  'W/"1"',
  "*",
  "-1",
  "99999999999999999999",
  "1e3",
  "a".repeat(8000),
  "null",
  "%00",
  "%FF",
  "\u0001\u007f",
  "a=b; c",
  "\t",
];
const headerValue = fc
  .uint8Array({ minLength: 1, maxLength: 64, max: 127 })
  .map((bytes) => String.fromCharCode(...bytes.filter((b) => b !== 0 && b !== 10 && b !== 13)));
/** A JSON field: wrong types, strings no text has, numbers out of every range; `undefined` leaves it out. */
const JSON_EXAMPLES: unknown[] = [
  ...HOSTILE_TEXT,
  -1,
  0,
  0.5,
  2 ** 31,
  2 ** 53 + 2,
  -(2 ** 53),
  1e308,
  -0,
  Number.NaN,
  true,
  null,
  undefined,
  [],
  {},
  ["x"],
  { nested: "\u0000" },
];
const jsonField = fc.oneof(
  fc.string({ unit: "binary", maxLength: 40 }),
  fc.integer(),
  fc.double(),
  fc.boolean(),
  fc.jsonValue({ maxDepth: 3 }),
  fc.dictionary(fc.string(), fc.string(), { maxKeys: 3 }),
);
const EXAMPLES = { json: JSON_EXAMPLES, header: HEADER_EXAMPLES, path: URL_EXAMPLES, query: URL_EXAMPLES };
const RAW_BODIES = [
  "",
  "{",
  "[",
  "null",
  '"x"',
  "1",
  "[]",
  "{}}",
  '{"a":1,"a":2}',
  '{"__proto__":{"admin":true}}',
  `${"[".repeat(4000)}${"]".repeat(4000)}`,
  "\ufeff{}",
  '{"sku":"\\ud800"}',
];

// ── Requests ──────────────────────────────────────────────────────────────────────────────────
interface Fixture {
  cookie: string;
  /** A SKU in the fuzz cart. */
  lineSku: string;
  /** A real product and one of its SKUs, so operators' routes reach their writes (restored after). */
  slug: string;
  productSku: string;
  /** A published review (the demo catalog's), so the review routes reach their writes. */
  reviewId: string;
}

/** Valid values for everything the hostile one is not: real targets, so each route gets as far as it can. */
function exampleParam(op: Operation, name: string, fixture: Fixture): string {
  const examples: Record<string, string> = {
    slug: fixture.slug,
    sku: op.path.startsWith("/api/cart") ? fixture.lineSku : fixture.productSku,
    app: "catalog",
    version: "0.0.1-fuzz",
    file: "0-800x800.svg",
    id: fixture.reviewId,
  };
  return examples[name] ?? "x";
}

function exampleOf(schema: Schema, field: string, fixture: Fixture): unknown {
  const s = resolve(schema);
  const named: Record<string, unknown> = {
    sku: fixture.lineSku,
    code: "NOPE-FUZZ",
    version: "0.0.1-fuzz",
    path: "remoteEntry.js",
    contentBase64: "eA==",
    // The account's endpoints (/api/auth): well-formed credentials, so each gets past its validation.
    email: "fuzz@example.com",
    newEmail: "fuzz.new@example.com",
    password: "fuzzing passphrase",
    currentPassword: "fuzzing passphrase",
    newPassword: "another fuzzing passphrase",
    callbackURL: "/account",
    redirectTo: "/account/reset-password",
    token: "fuzz.token.x",
  };
  if (field in named) return named[field];
  if (s.anyOf) return exampleOf(s.anyOf.find((option) => resolve(option).type !== "null") ?? s.anyOf[0]!, field, fixture);
  const type = Array.isArray(s.type) ? s.type.find((t) => t !== "null") : s.type;
  if (type === "object") return Object.fromEntries(Object.entries(s.properties ?? {}).map(([key, value]) => [key, exampleOf(value, key, fixture)]));
  if (type === "array") return [exampleOf(s.items ?? {}, field, fixture)];
  if (type === "integer" || type === "number") return Math.max(s.minimum ?? 1, 1);
  if (type === "boolean") return false;
  return "Fuzz text";
}

/** Each place a hostile value can go: a parameter, a common header, or a JSON field (by its path in the body). */
type Slot = { kind: "path" | "query" | "header"; name: string } | { kind: "json"; at: Array<string | number> };

function slotsOf(op: Operation, fixture: Fixture): Slot[] {
  const slots: Slot[] = op.parameters.map((p) => ({ kind: p.in, name: p.name }));
  slots.push({ kind: "header", name: "cookie" });
  if (op.method === "GET") slots.push({ kind: "header", name: "if-none-match" });
  if (op.body) {
    slots.push({ kind: "header", name: "content-type" });
    const walk = (value: unknown, at: Array<string | number>) => {
      if (at.length > 0) slots.push({ kind: "json", at });
      if (Array.isArray(value)) for (const [i, item] of value.entries()) walk(item, [...at, i]);
      else if (value && typeof value === "object") for (const [key, item] of Object.entries(value)) walk(item, [...at, key]);
    };
    walk(exampleOf(op.body, "", fixture), []);
  }
  return slots;
}

const describeSlot = (slot: Slot) => (slot.kind === "json" ? `body.${slot.at.join(".")}` : `${slot.kind} ${slot.name}`);

function withValueAt(body: unknown, at: Array<string | number>, value: unknown): unknown {
  const copy = structuredClone(body) as Record<string | number, unknown>;
  let parent = copy;
  for (const key of at.slice(0, -1)) parent = parent[key] as Record<string | number, unknown>;
  const last = at[at.length - 1]!;
  if (value === undefined) delete parent[last];
  else parent[last] = value;
  return copy;
}

function buildRequest(op: Operation, fixture: Fixture, slot?: Slot, value?: unknown, rawBody?: string): Request | undefined {
  const param = (name: string) => (slot?.kind === "path" && slot.name === name ? String(value) : percentText(exampleParam(op, name, fixture)));
  const path = op.path.replace(/\{(\w+)\}/g, (_, name: string) => param(name));
  const search = slot?.kind === "query" ? `?${slot.name}=${String(value)}` : "";
  const headers = new Headers({ Cookie: fixture.cookie, ...(op.secured && (op.path.startsWith("/api/admin") ? adminHeaders : deployHeaders)) });
  let body: string | undefined;
  if (op.body) {
    headers.set("Content-Type", "application/json");
    const example = exampleOf(op.body, "", fixture);
    body = rawBody ?? JSON.stringify(slot?.kind === "json" ? withValueAt(example, slot.at, value) : example);
  }
  try {
    if (slot?.kind === "header") headers.set(slot.name, String(value));
    return new Request(`${BASE}${path}${search}`, { method: op.method, headers, body });
  } catch {
    return undefined; // not a request any client can send (the URL or header cannot be built)
  }
}

// ── What must hold ────────────────────────────────────────────────────────────────────────────
const STACK_FRAME = /\n\s+at [^\n]*:\d+:\d+/;

async function expectSafeAnswer(request: Request, response: Response) {
  const what = `${request.method} ${request.url}`;
  const text = await response.text();
  expect(response.status, `${what} → ${response.status} ${text.slice(0, 300)}`).toBeLessThan(500);
  expect(text, what).not.toMatch(STACK_FRAME);
  const path = new URL(request.url).pathname;
  if (!path.startsWith("/api/") || response.status < 400 || response.status === 304) return;
  expect(response.headers.get("Content-Type"), what).toContain("application/json");
  const error = ApiError.safeParse(JSON.parse(text));
  expect(error.success, `${what}: ${text.slice(0, 200)}`).toBe(true);
}

/** Everything a refused request must leave as it was: catalog rows, stock, coupons, the registry, the fuzz cart. */
async function stateOf(fixture: Fixture): Promise<string> {
  const [rows] = await query<{ digest: string }>(sql`SELECT md5(
      (SELECT string_agg(id || ':' || name || ':' || md5(description_html), ',' ORDER BY id) FROM products) ||
      (SELECT string_agg(sku || ':' || price_cents || ':' || coalesce(compare_at_cents, -1) || ':' || discontinued, ',' ORDER BY sku) FROM variants) ||
      (SELECT string_agg(sku || ':' || available, ',' ORDER BY sku) FROM inventory) ||
      (SELECT coalesce(string_agg(code || ':' || times_used, ',' ORDER BY code), '') FROM coupons) ||
      (SELECT count(*) FROM stock_alerts) || ':' || (SELECT count(*) FROM mail_opt_outs) ||
      (SELECT md5(coalesce(string_agg(id || status || stars || helpful || reports || md5(title || text), ',' ORDER BY id), '')) FROM reviews) ||
      (SELECT string_agg(rating_distribution::text, ',' ORDER BY id) FROM products)) AS digest`);
  const registry = await bindings.REGISTRY.list();
  const values = await Promise.all(registry.keys.map((key) => bindings.REGISTRY.get(key.name)));
  const cart = await cartOf(fixture.cookie);
  return JSON.stringify([rows!.digest, registry.keys.map((k) => k.name), values, cart]);
}

// A product in the middle of the catalog, which no other test picks, and a review no other test picks.
const FUZZ_PRODUCT = sql`SELECT p.slug, v.sku FROM products p JOIN variants v ON v.product_id = p.id ORDER BY p.id, v.id LIMIT 1 OFFSET 1000`;
const FUZZ_REVIEW = sql`SELECT id FROM reviews WHERE status = 'published' AND user_id IS NULL ORDER BY id LIMIT 1 OFFSET 500`;

/** A guest's cart; for the account's routes, also a shopper's session of its own, so they get past their 401. */
async function fixture(op: Operation): Promise<Fixture> {
  const [line] = await skus(1);
  const [product] = await query<{ slug: string; sku: string }>(FUZZ_PRODUCT);
  const [review] = await query<{ id: string }>(FUZZ_REVIEW);
  let { cookie } = await cartWith([[line!.sku, 1]]);
  if (/^\/api\/(auth|account)\/|^\/api\/catalog\/(reviews|products\/\{slug\}\/reviews)/.test(op.path)) {
    const { browser } = await signedInShopper("fuzz", new Browser(), "fuzzing passphrase");
    cookie = `${cookie}; ${browser.cookie}`;
  }
  return { cookie, lineSku: line!.sku, slug: product!.slug, productSku: product!.sku, reviewId: review!.id };
}

/** What operators' writes may change on the fuzz product, put back as it was once its route is done. */
async function keepingProduct<T>(fx: Fixture, work: () => Promise<T>): Promise<T> {
  const [before] = await query<{
    name: string;
    description_html: string;
    price_cents: number;
    compare_at_cents: number | null;
    discontinued: boolean;
    available: number;
  }>(
    sql`SELECT p.name, p.description_html, v.price_cents, v.compare_at_cents, v.discontinued, i.available
      FROM products p JOIN variants v ON v.product_id = p.id JOIN inventory i ON i.sku = v.sku WHERE v.sku = ${fx.productSku}`,
  );
  try {
    return await work();
  } finally {
    await query(sql`UPDATE products SET name = ${before!.name}, description_html = ${before!.description_html} WHERE slug = ${fx.slug}`);
    await query(
      sql`UPDATE variants SET price_cents = ${before!.price_cents}, compare_at_cents = ${before!.compare_at_cents}, discontinued = ${before!.discontinued} WHERE sku = ${fx.productSku}`,
    );
    await query(sql`UPDATE inventory SET available = ${before!.available} WHERE sku = ${fx.productSku}`);
  }
}

/** Sends one request; a refused write must have changed nothing. Answers the state after it. */
async function probe(request: Request, fx: Fixture, before: string | undefined): Promise<string | undefined> {
  const response = await exports.default.fetch(request.clone());
  await expectSafeAnswer(request, response);
  if (before === undefined) return undefined; // a read: checked once, after all its probes
  const after = await stateOf(fx);
  if (response.status >= 400) expect(after, `${request.method} ${request.url} was refused (${response.status}) but changed state`).toBe(before);
  return after;
}

describe("hostile input on every route in the OpenAPI document", () => {
  it("reads routes from the document", () => {
    expect(operations.length).toBeGreaterThanOrEqual(20);
  });

  for (const op of operations) {
    it(`${op.method} ${op.path}`, { timeout: 180_000 }, async () => {
      await publishShop();
      const fx = await fixture(op);
      await keepingProduct(fx, () => fuzz(op, fx));
    });
  }
});

async function fuzz(op: Operation, fx: Fixture) {
  const isWrite = op.method !== "GET";
  const start = await stateOf(fx);
  let state: string | undefined = start;
  for (const slot of slotsOf(op, fx)) {
    const values: fc.Arbitrary<unknown> = slot.kind === "json" ? jsonField : slot.kind === "header" ? headerValue : urlPart;
    await fc
      .assert(
        fc.asyncProperty(values, async (value) => {
          const request = buildRequest(op, fx, slot, value);
          fc.pre(request !== undefined);
          state = await probe(request!, fx, isWrite ? state : undefined);
        }),
        { numRuns: RUNS, seed: SEED, endOnFailure: true, examples: EXAMPLES[slot.kind].map((example) => [example]) },
      )
      .catch((err: Error) => {
        throw new Error(`${op.method} ${op.path}, hostile ${describeSlot(slot)}: ${err.message}`);
      });
  }
  if (op.body) {
    for (const raw of RAW_BODIES) state = await probe(buildRequest(op, fx, undefined, undefined, raw)!, fx, state);
  }
  if (!isWrite) expect(await stateOf(fx), `${op.method} ${op.path} changed state`).toBe(start);
}

describe("hostile page addresses", () => {
  const pages = ["/c/{}", "/p/{}", "/search?q={}", "/{}", "/checkout/{}", "/account/{}", "/c/headphones?brand={}&page={}"];
  it.each(pages)("%s answers a page (200, 400 or 404), never an error", { timeout: 120_000 }, async (pattern) => {
    await publishShop();
    await fc.assert(
      fc.asyncProperty(urlPart, async (part: string) => {
        const path = pattern.replaceAll("{}", part);
        let request: Request;
        try {
          request = new Request(`${BASE}${path}`);
        } catch {
          return fc.pre(false);
        }
        const response = await exports.default.fetch(request);
        const text = await response.text();
        expect([200, 400, 404], `${path} → ${response.status}`).toContain(response.status);
        expect(response.headers.get("Content-Type"), path).toContain("text/html");
        expect(text, path).not.toMatch(STACK_FRAME);
      }),
      { numRuns: RUNS * 2, seed: SEED, endOnFailure: true, examples: URL_EXAMPLES.map((example) => [example]) },
    );
  });
});

describe("hostile unsubscribe links", () => {
  it("a token the edge did not sign, in the link or the form, answers 400 HTML and unsubscribes nobody", { timeout: 120_000 }, async () => {
    const [before] = await query<{ n: number }>(sql`SELECT count(*)::int AS n FROM mail_opt_outs`);
    await fc.assert(
      fc.asyncProperty(urlPart, fc.boolean(), async (part: string, inBody: boolean) => {
        let request: Request;
        try {
          request = inBody
            ? new Request(`${BASE}/mail/unsubscribe`, {
                method: "POST",
                headers: { "Content-Type": "application/x-www-form-urlencoded" },
                body: `token=${part}`,
              })
            : new Request(`${BASE}/mail/unsubscribe?token=${part}`, { method: "POST", body: "List-Unsubscribe=One-Click" });
        } catch {
          return fc.pre(false);
        }
        const response = await exports.default.fetch(request);
        const text = await response.text();
        expect(response.status, `${part} → ${response.status}`).toBe(400);
        expect(response.headers.get("Content-Type")).toContain("text/html");
        expect(text).not.toMatch(STACK_FRAME);
      }),
      { numRuns: RUNS * 2, seed: SEED, endOnFailure: true, examples: URL_EXAMPLES.map((example) => [example, true]) },
    );
    const [after] = await query<{ n: number }>(sql`SELECT count(*)::int AS n FROM mail_opt_outs`);
    expect(after!.n).toBe(before!.n);
  });
});
