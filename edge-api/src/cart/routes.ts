import { createRoute, z } from "@hono/zod-openapi";
import { AddCartItem, Cart as CartSchema, Sku, UpdateCartItem } from "@shop/contracts";
import type { Context } from "hono";
import { currentSkus, findSellableSku } from "../catalog/products";
import type { AppEnv } from "../env";
import { ApiFailure } from "../errors";
import { errorResponse, jsonContent, routeGroup } from "../openapi";
import { cartIdFrom, cartStub } from "./cart-id";
import type { CartWrite } from "./cart-object";
import { priceCart, type StoredLine } from "./pricing";

export const cartRoutes = routeGroup();

const noStore = { "Cache-Control": "private, no-store" };
const IfMatch = z.object({
  "if-match": z
    .string()
    .regex(/^"?\d+"?$/, "If-Match must be the cart version you last saw, e.g. \"7\"")
    .optional()
    .openapi({ description: "The cart version the change is based on; a stale one is refused with 412." }),
});

/** Every answer is the whole cart, re-priced against the catalog now. */
async function respond(c: Context<AppEnv>, cart: { lines: StoredLine[]; version: number }) {
  const current = await currentSkus(c.var.db(), cart.lines.map((l) => l.sku));
  const priced = priceCart(cart.lines, current, cart.version);
  return c.json(priced, 200, { ...noStore, ETag: `"${priced.version}"` });
}

function expectedVersion(c: Context<AppEnv>): number | undefined {
  const header = c.req.header("If-Match");
  return header ? Number(header.replace(/"/g, "")) : undefined;
}

function written(result: CartWrite) {
  if (!result.ok) throw new ApiFailure(result.status, result.code, result.message);
  return result;
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
    return respond(c, cartId ? await cartStub(c, cartId).read() : { lines: [], version: 0 });
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
    const item = await findSellableSku(c.var.db(), sku);
    if (!item) throw new ApiFailure(404, "unknown_sku", `We do not sell a product with SKU ${sku}.`);
    const cartId = cartIdFrom(c, { create: true })!;
    return respond(c, written(await cartStub(c, cartId).add(item, quantity, expectedVersion(c))));
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
    const cartId = cartIdFrom(c, { create: false });
    if (!cartId) throw new ApiFailure(404, "not_in_cart", `${sku} is not in the cart.`);
    const item = quantity > 0 ? await findSellableSku(c.var.db(), sku) : undefined;
    return respond(c, written(await cartStub(c, cartId).setQuantity(sku, quantity, item, expectedVersion(c))));
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
    const cartId = cartIdFrom(c, { create: false });
    if (!cartId) throw new ApiFailure(404, "not_in_cart", `${sku} is not in the cart.`);
    return respond(c, written(await cartStub(c, cartId).remove(sku, expectedVersion(c))));
  },
);

cartRoutes.openapi(
  createRoute({ method: "delete", path: "/", tags: ["cart"], summary: "Empty the cart", request: { headers: IfMatch }, responses: cartResponses }),
  async (c) => {
    const cartId = cartIdFrom(c, { create: false });
    if (!cartId) return respond(c, { lines: [], version: 0 });
    return respond(c, written(await cartStub(c, cartId).clear(expectedVersion(c))));
  },
);
