import { createRoute } from "@hono/zod-openapi";
import { AddCartItem, Cart as CartSchema, type Cart } from "@shop/contracts";
import { findSellableSku } from "../catalog/products";
import { ApiFailure } from "../errors";
import { errorResponse, jsonContent, routeGroup } from "../openapi";
import { cartIdFrom, cartStub } from "./cart-id";

export const cartRoutes = routeGroup();

const EMPTY_CART: Cart = { lines: [], itemCount: 0, subtotal: { amount: 0, currency: "USD" }, version: 0 };
const noStore = { "Cache-Control": "private, no-store" };

cartRoutes.openapi(
  createRoute({
    method: "get",
    path: "/",
    tags: ["cart"],
    summary: "The visitor's cart",
    responses: { 200: jsonContent(CartSchema, "The whole cart") },
  }),
  async (c) => {
    const cartId = cartIdFrom(c, { create: false });
    const cart = cartId ? await cartStub(c, cartId).getCart() : EMPTY_CART;
    return c.json(cart, 200, noStore);
  },
);

cartRoutes.openapi(
  createRoute({
    method: "post",
    path: "/items",
    tags: ["cart"],
    summary: "Add units of a SKU (to its existing line if there is one)",
    request: { body: { content: { "application/json": { schema: AddCartItem } }, required: true } },
    responses: {
      200: jsonContent(CartSchema, "The whole cart after the change"),
      400: errorResponse("Malformed request"),
      404: errorResponse("Unknown SKU"),
      409: errorResponse("Not enough stock"),
      422: errorResponse("Per-line quantity limit reached"),
    },
  }),
  async (c) => {
    const { sku, quantity } = c.req.valid("json");
    const item = await findSellableSku(c.var.db(), sku);
    if (!item) throw new ApiFailure(404, "unknown_sku", `We do not sell a product with SKU ${sku}.`);
    const cartId = cartIdFrom(c, { create: true })!;
    const result = await cartStub(c, cartId).addItem(item, quantity);
    if (!result.ok) throw new ApiFailure(result.status, result.code, result.message);
    return c.json(result.cart, 200, noStore);
  },
);
