import { createRoute, z } from "@hono/zod-openapi";
import { AddCartItem, ApplyCoupon, Cart as CartSchema, Sku, UpdateCartItem } from "@shop/contracts";
import type { Context } from "hono";
import { cachePolicy } from "../cache-policy";
import type { AppEnv } from "../env";
import { ApiFailure } from "../errors";
import { errorResponse, jsonContent, routeGroup } from "../openapi";
import { COUPON_GUESSES_PER_ADDRESS, COUPON_GUESSES_PER_CART, clientAddress, limitFailures } from "../security/attempt-limit";
import { crossOriginRefusal, fromAnotherOrigin } from "../security/same-origin";
import { cartStub, keepCartCookie } from "./cart-id";
import type { CartWrite, WriteOptions } from "./cart-object";
import { cartSkus, findSellableSku } from "./catalog-view";
import { type CouponTerms, findCoupon, normaliseCouponCode } from "./coupons";
import { currentCartOf, existingCartOf } from "./current-cart";
import { priceCart, type StoredCart } from "./pricing";

export const cartRoutes = routeGroup();

const EMPTY_CART: StoredCart = { lines: [], coupon: null, version: 0 };
const WriteHeaders = z.object({
  "if-match": z
    .string()
    .regex(/^"?\d+"?$/, 'If-Match must be the cart version you last saw, e.g. "7"')
    .optional()
    .openapi({ description: "The cart version the change is based on; a stale one is refused with 412." }),
  "idempotency-key": z
    .string()
    .regex(/^[\x21-\x7e]{1,255}$/, "Idempotency-Key must be 1 to 255 visible ASCII characters, e.g. a UUID")
    .optional()
    .openapi({
      description:
        "Makes the change safe to retry: a request with a key this cart has seen in the last 24 hours gets the first answer again (with `Idempotent-Replayed: true`) and changes nothing; the same key with a different request is refused with 422 `idempotency_key_reused`. Send a new key (a UUID) per change.",
    }),
});

/** The cart re-priced against the catalog and its coupon's terms now (`known` when just read). */
async function price(c: Context<AppEnv>, cart: StoredCart, known?: CouponTerms) {
  const terms = !cart.coupon ? undefined : cart.coupon === known?.code ? known : findCoupon(c.get("db")(), cart.coupon);
  const [current, coupon] = await Promise.all([
    cartSkus(
      c,
      cart.lines.map((l) => l.sku),
    ),
    terms,
  ]);
  return priceCart(cart, current, { coupon });
}

/** Every answer is the whole cart. */
async function respond(c: Context<AppEnv>, cart: StoredCart & { replayed?: true }, known?: CouponTerms) {
  const priced = await price(c, cart, known);
  return c.json(priced, 200, { ...cachePolicy.private, ETag: `"${priced.version}"`, ...(cart.replayed && { "Idempotent-Replayed": "true" }) });
}

async function sha256Hex(text: string): Promise<string> {
  const digest = await crypto.subtle.digest("SHA-256", new TextEncoder().encode(text));
  return Array.from(new Uint8Array(digest), (b) => b.toString(16).padStart(2, "0")).join("");
}

/** If-Match and Idempotency-Key as the cart object takes them; the request a key stands for is its method, path, precondition and body. */
async function writeOptions(c: Context<AppEnv>, body?: unknown): Promise<WriteOptions> {
  const ifMatch = c.req.header("If-Match");
  const key = c.req.header("Idempotency-Key");
  return {
    expectedVersion: ifMatch ? Number(ifMatch.replace(/"/g, "")) : undefined,
    idempotency: key ? { key, request: await sha256Hex(JSON.stringify([c.req.method, c.req.path, ifMatch ?? null, body ?? null])) } : undefined,
  };
}

/** A change went through: the cookie lives on for as long as the cart does. */
async function written(c: Context<AppEnv>, cartId: string, result: CartWrite) {
  if (!result.ok) throw new ApiFailure(result.status, result.code, result.message);
  await keepCartCookie(c, cartId);
  return result;
}

// The line changes, for the API and for the forms of pages without JavaScript alike. Each answers
// the cart after the change, or throws the refusal (an ApiFailure: unknown SKU, stock, limits).

export async function addLine(c: Context<AppEnv>, sku: string, quantity: number, options: WriteOptions = {}) {
  const item = await findSellableSku(c, sku);
  if (!item) throw new ApiFailure(404, "unknown_sku", `We do not sell a product with SKU ${sku}.`);
  const { cartId } = await currentCartOf(c);
  return written(c, cartId, await cartStub(c.env, cartId).add(item, quantity, options));
}

export async function setLineQuantity(c: Context<AppEnv>, sku: string, quantity: number, options: WriteOptions = {}) {
  const cartId = await cartHolding(c, sku);
  const item = quantity > 0 ? await findSellableSku(c, sku) : undefined;
  return written(c, cartId, await cartStub(c.env, cartId).setQuantity(sku, quantity, item, options));
}

export async function removeLine(c: Context<AppEnv>, sku: string, options: WriteOptions = {}) {
  const cartId = await cartHolding(c, sku);
  return written(c, cartId, await cartStub(c.env, cartId).remove(sku, options));
}

/** A change to the visitor's cart; a cart with nothing stored yet has nothing to change. */
async function changeCartIfAny(c: Context<AppEnv>, change: (cart: ReturnType<typeof cartStub>) => Promise<CartWrite>) {
  const { cartId, fresh } = await currentCartOf(c);
  if (fresh) return respond(c, EMPTY_CART);
  return respond(c, await written(c, cartId, await change(cartStub(c.env, cartId))));
}

async function cartHolding(c: Context<AppEnv>, sku: string) {
  const { cartId, fresh } = await currentCartOf(c);
  if (fresh) throw new ApiFailure(404, "not_in_cart", `${sku} is not in the cart.`);
  return cartId;
}

const cartResponses = {
  200: jsonContent(CartSchema, "The whole cart after the change"),
  400: errorResponse("Malformed request"),
  404: errorResponse("Unknown SKU, or not in the cart"),
  409: errorResponse("Not enough stock, or no longer sold"),
  412: errorResponse("The cart changed since the version in If-Match"),
  422: errorResponse("Per-line quantity limit reached, or an Idempotency-Key reused for another request"),
};

cartRoutes.openapi(
  createRoute({
    method: "get",
    path: "/",
    tags: ["cart"],
    summary: "The visitor's cart, re-priced (a first visit is given its cart id here, before any cart exists)",
    responses: { 200: jsonContent(CartSchema, "The whole cart") },
  }),
  async (c) => {
    // First contact gives the visitor its id, so the first changes a page makes land in one cart.
    const { cartId, fresh } = await currentCartOf(c);
    return respond(c, fresh ? EMPTY_CART : await cartStub(c.env, cartId).read());
  },
);

cartRoutes.openapi(
  createRoute({
    method: "post",
    path: "/items",
    tags: ["cart"],
    summary: "Add units of a SKU (to its existing line if there is one)",
    request: { headers: WriteHeaders, body: { content: { "application/json": { schema: AddCartItem } }, required: true } },
    responses: cartResponses,
  }),
  async (c) => {
    const body = c.req.valid("json");
    return respond(c, await addLine(c, body.sku, body.quantity, await writeOptions(c, body)));
  },
);

cartRoutes.openapi(
  createRoute({
    method: "patch",
    path: "/items/{sku}",
    tags: ["cart"],
    summary: "Set a line's quantity (0 removes it)",
    request: { params: z.object({ sku: Sku }), headers: WriteHeaders, body: { content: { "application/json": { schema: UpdateCartItem } }, required: true } },
    responses: cartResponses,
  }),
  async (c) => {
    const { sku } = c.req.valid("param");
    const body = c.req.valid("json");
    return respond(c, await setLineQuantity(c, sku, body.quantity, await writeOptions(c, body)));
  },
);

cartRoutes.openapi(
  createRoute({
    method: "delete",
    path: "/items/{sku}",
    tags: ["cart"],
    summary: "Remove a line",
    request: { params: z.object({ sku: Sku }), headers: WriteHeaders },
    responses: cartResponses,
  }),
  async (c) => {
    const { sku } = c.req.valid("param");
    return respond(c, await removeLine(c, sku, await writeOptions(c)));
  },
);

cartRoutes.openapi(
  createRoute({
    method: "delete",
    path: "/",
    tags: ["cart"],
    summary: "Empty the cart (lines and coupon)",
    request: { headers: WriteHeaders },
    responses: cartResponses,
  }),
  (c) => changeCartIfAny(c, async (cart) => cart.clear(await writeOptions(c))),
);

// A known code that cannot be used answers exactly as an unknown one does, so guessing codes learns
// nothing; a usable code says what this cart lacks for it.
const UNUSABLE = new Set(["expired", "not_started", "used_up"]);
const CART_REFUSALS = { minimum_not_reached: "coupon_minimum_not_reached", not_applicable: "coupon_not_applicable" } as const;
const notValid = (code: string) => new ApiFailure(422, "coupon_not_valid", `${code} can't be used: it may be mistyped, expired or used up.`);

/** The terms of a code that takes money off this cart; anything else is a refusal (which counts as a guess). */
async function usableCoupon(c: Context<AppEnv>, code: string, cart: StoredCart): Promise<CouponTerms> {
  const terms = await findCoupon(c.get("db")(), code);
  if (!terms) throw notValid(code);
  const { coupon } = await price(c, { ...cart, coupon: terms.code }, terms);
  if (coupon!.status === "applied") return terms;
  if (UNUSABLE.has(coupon!.status)) throw notValid(code);
  throw new ApiFailure(422, CART_REFUSALS[coupon!.status as keyof typeof CART_REFUSALS], coupon!.message);
}

cartRoutes.openapi(
  createRoute({
    method: "put",
    path: "/coupon",
    tags: ["cart"],
    summary: "Apply a coupon code (replaces any other)",
    description:
      "Refusals change nothing. 422 `coupon_not_valid` for a code that is unknown, expired, not started or used up, all with the same answer; 422 `coupon_minimum_not_reached` and `coupon_not_applicable` (nothing in the cart it covers) for a code that works on another cart. Refused codes count as guesses: after 10 in 15 minutes on one cart, or 50 in an hour from one address, the answer is 429 with `Retry-After`.",
    request: { headers: WriteHeaders, body: { content: { "application/json": { schema: ApplyCoupon } }, required: true } },
    responses: {
      ...cartResponses,
      422: errorResponse("The code is not valid, or does not apply to this cart and why"),
      429: errorResponse("Too many refused codes; wait Retry-After seconds"),
    },
  }),
  async (c) => {
    const body = c.req.valid("json");
    const { cart, terms } = await applyCouponCode(c, body.code, await writeOptions(c, body));
    return respond(c, cart, terms);
  },
);

/** Puts a code on the visitor's cart when it takes money off it; a refusal (4xx) counts as a guess. */
export async function applyCouponCode(c: Context<AppEnv>, typed: string, options: WriteOptions = {}) {
  const code = normaliseCouponCode(typed);
  const { cartId, fresh } = await currentCartOf(c);
  const cart = fresh ? EMPTY_CART : await cartStub(c.env, cartId).read();
  const guesses = [
    [COUPON_GUESSES_PER_CART, cartId],
    [COUPON_GUESSES_PER_ADDRESS, clientAddress(c)],
  ] as const;
  const terms = await limitFailures(c, guesses, () => usableCoupon(c, code, cart));
  return { cart: await written(c, cartId, await cartStub(c.env, cartId).applyCoupon(terms.code, options)), terms };
}

cartRoutes.openapi(
  createRoute({
    method: "delete",
    path: "/coupon",
    tags: ["cart"],
    summary: "Take the coupon off the cart",
    request: { headers: WriteHeaders },
    responses: cartResponses,
  }),
  (c) => changeCartIfAny(c, async (cart) => cart.removeCoupon(await writeOptions(c))),
);

/** Takes the coupon off the visitor's cart (nothing to do for a cart not stored yet). */
export async function removeCouponCode(c: Context<AppEnv>) {
  const { cartId, fresh } = await currentCartOf(c);
  if (!fresh) await written(c, cartId, await cartStub(c.env, cartId).removeCoupon());
}

cartRoutes.openapi(
  createRoute({
    method: "get",
    path: "/live",
    tags: ["cart"],
    summary: "WebSocket: hear about every change to this cart",
    description:
      'Upgrade to a WebSocket; each change (from any tab) sends `{"type":"cart","version":N}`, and one is sent on connect. Fetch `GET /api/cart` when the version differs from yours. Send `ping` to keep the connection alive (answered `pong`).',
    responses: {
      101: { description: "Switching to the WebSocket" },
      403: errorResponse("The handshake comes from another origin's page"),
      404: errorResponse("No valid cart id yet"),
      426: errorResponse("Not a WebSocket upgrade"),
    },
  }),
  async (c) => {
    if (c.req.header("Upgrade")?.toLowerCase() !== "websocket") throw new ApiFailure(426, "upgrade_required", "Connect with a WebSocket.");
    // Browsers send the page's origin with every WebSocket handshake: another site's page may not listen in.
    if (fromAnotherOrigin(c)) throw crossOriginRefusal();
    const cartId = await existingCartOf(c);
    if (!cartId) throw new ApiFailure(404, "no_cart", "There is no cart to follow yet; load the shop first.");
    const upgraded = await cartStub(c.env, cartId).fetch(c.req.raw);
    // The object's answer has immutable headers; a new one can carry the edge's security headers.
    return new Response(upgraded.body, { status: upgraded.status, headers: upgraded.headers, webSocket: upgraded.webSocket });
  },
);
