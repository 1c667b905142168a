import { createRoute, z } from "@hono/zod-openapi";
import { AddCartItem, ApplyCoupon, Cart as CartSchema, Sku, UpdateCartItem } from "@shop/contracts";
import type { Context } from "hono";
import type { AppEnv } from "../env";
import { ApiFailure } from "../errors";
import { errorResponse, jsonContent, routeGroup } from "../openapi";
import { cartIdFrom, cartStub, keepCartCookie } from "./cart-id";
import type { CartWrite } from "./cart-object";
import { cartSkus, findSellableSku } from "./catalog-view";
import { type CouponTerms, findCoupon, normaliseCouponCode } from "./coupons";
import { priceCart, type StoredCart } from "./pricing";

export const cartRoutes = routeGroup();

const noStore = { "Cache-Control": "private, no-store" };
const EMPTY_CART: StoredCart = { lines: [], coupon: null, version: 0 };
const IfMatch = z.object({
  "if-match": z
    .string()
    .regex(/^"?\d+"?$/, "If-Match must be the cart version you last saw, e.g. \"7\"")
    .optional()
    .openapi({ description: "The cart version the change is based on; a stale one is refused with 412." }),
});

/** The cart re-priced against the catalog and its coupon's terms now (`known` when just read). */
async function price(c: Context<AppEnv>, cart: StoredCart, known?: CouponTerms) {
  const terms = !cart.coupon ? undefined : cart.coupon === known?.code ? known : findCoupon(c.var.db(), cart.coupon);
  const [current, coupon] = await Promise.all([cartSkus(c, cart.lines.map((l) => l.sku)), terms]);
  return priceCart(cart, current, { coupon });
}

/** Every answer is the whole cart. */
async function respond(c: Context<AppEnv>, cart: StoredCart, known?: CouponTerms) {
  const priced = await price(c, cart, known);
  return c.json(priced, 200, { ...noStore, ETag: `"${priced.version}"` });
}

function expectedVersion(c: Context<AppEnv>): number | undefined {
  const header = c.req.header("If-Match");
  return header ? Number(header.replace(/"/g, "")) : undefined;
}

/** A change went through: the cookie lives on for as long as the cart does. */
function written(c: Context<AppEnv>, cartId: string, result: CartWrite) {
  if (!result.ok) throw new ApiFailure(result.status, result.code, result.message);
  keepCartCookie(c, cartId);
  return result;
}

/** A change to a cart that may not exist yet: without one there is nothing to change. */
async function changeCartIfAny(c: Context<AppEnv>, change: (cart: ReturnType<typeof cartStub>) => Promise<CartWrite>) {
  const cartId = cartIdFrom(c, { create: false });
  if (!cartId) return respond(c, EMPTY_CART);
  return respond(c, written(c, cartId, await change(cartStub(c.env, cartId))));
}

function existingCartId(c: Context<AppEnv>, sku: string) {
  const cartId = cartIdFrom(c, { create: false });
  if (!cartId) throw new ApiFailure(404, "not_in_cart", `${sku} is not in the cart.`);
  return cartId;
}

const cartResponses = {
  200: jsonContent(CartSchema, "The whole cart after the change"),
  400: errorResponse("Malformed request"),
  404: errorResponse("Unknown SKU, or not in the cart"),
  409: errorResponse("Not enough stock, or no longer sold"),
  412: errorResponse("The cart changed since the version in If-Match"),
  422: errorResponse("Per-line quantity limit reached"),
};

cartRoutes.openapi(
  createRoute({ method: "get", path: "/", tags: ["cart"], summary: "The visitor's cart, re-priced", responses: { 200: jsonContent(CartSchema, "The whole cart") } }),
  async (c) => {
    const cartId = cartIdFrom(c, { create: false });
    return respond(c, cartId ? await cartStub(c.env, cartId).read() : EMPTY_CART);
  },
);

cartRoutes.openapi(
  createRoute({
    method: "post",
    path: "/items",
    tags: ["cart"],
    summary: "Add units of a SKU (to its existing line if there is one)",
    request: { headers: IfMatch, body: { content: { "application/json": { schema: AddCartItem } }, required: true } },
    responses: cartResponses,
  }),
  async (c) => {
    const { sku, quantity } = c.req.valid("json");
    const item = await findSellableSku(c, sku);
    if (!item) throw new ApiFailure(404, "unknown_sku", `We do not sell a product with SKU ${sku}.`);
    const cartId = cartIdFrom(c, { create: true })!;
    return respond(c, written(c, cartId, await cartStub(c.env, cartId).add(item, quantity, expectedVersion(c))));
  },
);

cartRoutes.openapi(
  createRoute({
    method: "patch",
    path: "/items/{sku}",
    tags: ["cart"],
    summary: "Set a line's quantity (0 removes it)",
    request: { params: z.object({ sku: Sku }), headers: IfMatch, body: { content: { "application/json": { schema: UpdateCartItem } }, required: true } },
    responses: cartResponses,
  }),
  async (c) => {
    const { sku } = c.req.valid("param");
    const { quantity } = c.req.valid("json");
    const cartId = existingCartId(c, sku);
    const item = quantity > 0 ? await findSellableSku(c, sku) : undefined;
    return respond(c, written(c, cartId, await cartStub(c.env, cartId).setQuantity(sku, quantity, item, expectedVersion(c))));
  },
);

cartRoutes.openapi(
  createRoute({
    method: "delete",
    path: "/items/{sku}",
    tags: ["cart"],
    summary: "Remove a line",
    request: { params: z.object({ sku: Sku }), headers: IfMatch },
    responses: cartResponses,
  }),
  async (c) => {
    const { sku } = c.req.valid("param");
    const cartId = existingCartId(c, sku);
    return respond(c, written(c, cartId, await cartStub(c.env, cartId).remove(sku, expectedVersion(c))));
  },
);

cartRoutes.openapi(
  createRoute({ method: "delete", path: "/", tags: ["cart"], summary: "Empty the cart (lines and coupon)", request: { headers: IfMatch }, responses: cartResponses }),
  (c) => changeCartIfAny(c, (cart) => cart.clear(expectedVersion(c))),
);

const COUPON_REFUSALS = {
  expired: "coupon_expired",
  not_started: "coupon_not_started",
  minimum_not_reached: "coupon_minimum_not_reached",
  used_up: "coupon_used_up",
  not_applicable: "coupon_not_applicable",
} as const;

cartRoutes.openapi(
  createRoute({
    method: "put",
    path: "/coupon",
    tags: ["cart"],
    summary: "Apply a coupon code (replaces any other)",
    description:
      "Refusals change nothing and say why: 404 `unknown_coupon`; 422 `coupon_expired`, `coupon_not_started`, `coupon_minimum_not_reached`, `coupon_used_up`, `coupon_not_applicable` (nothing in the cart it covers).",
    request: { headers: IfMatch, body: { content: { "application/json": { schema: ApplyCoupon } }, required: true } },
    responses: { ...cartResponses, 404: errorResponse("No such coupon"), 422: errorResponse("The coupon does not apply to this cart, and why") },
  }),
  async (c) => {
    const code = normaliseCouponCode(c.req.valid("json").code);
    const terms = await findCoupon(c.var.db(), code);
    if (!terms) throw new ApiFailure(404, "unknown_coupon", `${code} is not a coupon we know. Check the spelling.`);
    const cartId = cartIdFrom(c, { create: false });
    const cart = cartId ? await cartStub(c.env, cartId).read() : EMPTY_CART;
    const { coupon } = await price(c, { ...cart, coupon: terms.code }, terms);
    if (coupon!.status !== "applied") throw new ApiFailure(422, COUPON_REFUSALS[coupon!.status], coupon!.message);
    return respond(c, written(c, cartId!, await cartStub(c.env, cartId!).applyCoupon(terms.code, expectedVersion(c))), terms);
  },
);

cartRoutes.openapi(
  createRoute({ method: "delete", path: "/coupon", tags: ["cart"], summary: "Take the coupon off the cart", request: { headers: IfMatch }, responses: cartResponses }),
  (c) => changeCartIfAny(c, (cart) => cart.removeCoupon(expectedVersion(c))),
);

cartRoutes.openapi(
  createRoute({
    method: "get",
    path: "/live",
    tags: ["cart"],
    summary: "WebSocket: hear about every change to this cart",
    description:
      'Upgrade to a WebSocket; each change (from any tab) sends `{"type":"cart","version":N}`, and one is sent on connect. Fetch `GET /api/cart` when the version differs from yours. Send `ping` to keep the connection alive (answered `pong`).',
    responses: { 101: { description: "Switching to the WebSocket" }, 404: errorResponse("No cart yet"), 426: errorResponse("Not a WebSocket upgrade") },
  }),
  async (c) => {
    if (c.req.header("Upgrade")?.toLowerCase() !== "websocket") throw new ApiFailure(426, "upgrade_required", "Connect with a WebSocket.");
    // Tabs connect once they have a cart, so a visitor who never adds anything costs no object.
    const cartId = cartIdFrom(c, { create: false });
    if (!cartId) throw new ApiFailure(404, "no_cart", "There is no cart to follow yet; add an item first.");
    return cartStub(c.env, cartId).fetch(c.req.raw);
  },
);
