import { createRoute, z } from "@hono/zod-openapi";
import { CARRIER_NAMES, Order, PlainText, Sku, StockLevel } from "@shop/contracts";
import type { Context } from "hono";
import { bumpCatalogVersion } from "../catalog/cache";
import type { AppEnv } from "../env";
import { ApiFailure } from "../errors";
import { announceRestocks } from "../notifications/stock-alerts";
import { errorResponse, jsonContent, routeGroup } from "../openapi";
import { operatorOpenApi, requireRecentSignIn } from "../security/operator-access";
import { setStock } from "./inventory";
import { cancelOrder, moveOrder, refundOrder } from "./lifecycle";
import { OrderNumber } from "./routes";
import { orderView } from "./view";

/** The checkout team's operator routes (under /api/admin, behind the admin token or an admin's session): stock levels and orders. */
export const checkoutAdminRoutes = routeGroup();

const { security, refusals } = operatorOpenApi("admin");
const Params = z.object({ number: OrderNumber });
const Reason = PlainText.pipe(z.string().trim().min(1, "Say why").max(200));
const responses = {
  200: jsonContent(Order, "The order after the change, with its history"),
  400: errorResponse("Malformed request"),
  ...refusals,
  404: errorResponse("No such order"),
  409: errorResponse("Not allowed from the order's current status"),
};

async function answer(c: Context<AppEnv>, number: string) {
  const order = await orderView(c.var.db(), number);
  if (!order) throw new ApiFailure(404, "order_not_found", `No order ${number}.`);
  return c.json(order, 200);
}

checkoutAdminRoutes.openapi(
  createRoute({
    method: "get",
    path: "/orders/{number}",
    tags: ["admin"],
    summary: "An order with its history",
    security,
    request: { params: Params },
    responses,
  }),
  (c) => answer(c, c.req.valid("param").number),
);

const Shipment = z
  .object({
    carrier: z.enum(CARRIER_NAMES, { error: `Carrier must be one of ${CARRIER_NAMES.join(", ")}` }).optional(),
    trackingNumber: z
      .string()
      .trim()
      .regex(/^[A-Za-z0-9 -]{4,40}$/, "A tracking number is 4–40 letters, digits, spaces or dashes")
      .optional(),
  })
  .strict()
  .refine((s) => !s.trackingNumber || s.carrier, { message: "Say which carrier the tracking number is for", path: ["carrier"] });

checkoutAdminRoutes.openapi(
  createRoute({
    method: "post",
    path: "/orders/{number}/fulfil",
    tags: ["admin"],
    summary: "Mark a paid order shipped, with its carrier and tracking number (the shipped email carries them)",
    security,
    request: { params: Params, body: { content: { "application/json": { schema: Shipment } }, required: false } },
    responses,
  }),
  async (c) => {
    const { number } = c.req.valid("param");
    await moveOrder(c.var.db(), c.env, number, "fulfil", "shipped by an operator", c.req.valid("json") ?? {});
    return answer(c, number);
  },
);

checkoutAdminRoutes.openapi(
  createRoute({
    method: "post",
    path: "/orders/{number}/deliver",
    tags: ["admin"],
    summary: "Mark a shipped order delivered (the review request follows some days later)",
    security,
    request: { params: Params },
    responses,
  }),
  async (c) => {
    const { number } = c.req.valid("param");
    await moveOrder(c.var.db(), c.env, number, "deliver", "delivered (operator)");
    return answer(c, number);
  },
);

checkoutAdminRoutes.openapi(
  createRoute({
    method: "post",
    path: "/orders/{number}/cancel",
    tags: ["admin"],
    summary: "Cancel an order not yet shipped: refunds what was paid and puts its units back on sale",
    security,
    middleware: [requireRecentSignIn()] as const,
    request: { params: Params, body: { content: { "application/json": { schema: z.object({ reason: Reason }) } }, required: true } },
    responses,
  }),
  async (c) => {
    const { number } = c.req.valid("param");
    await cancelOrder(c.var.db(), c.env, number, c.req.valid("json").reason);
    return answer(c, number);
  },
);

checkoutAdminRoutes.openapi(
  createRoute({
    method: "post",
    path: "/orders/{number}/refund",
    tags: ["admin"],
    summary: "Refund part of an order (amount in cents) or, without an amount, all that is left; never more than was captured",
    security,
    middleware: [requireRecentSignIn()] as const,
    request: {
      params: Params,
      body: {
        content: { "application/json": { schema: z.object({ amount: z.number().int().min(1).max(99_999_999).optional(), reason: Reason }) } },
        required: true,
      },
    },
    responses: { ...responses, 422: errorResponse("More than is left to refund") },
  }),
  async (c) => {
    const { number } = c.req.valid("param");
    const { amount, reason } = c.req.valid("json");
    await refundOrder(c.var.db(), c.env, number, amount, reason);
    return answer(c, number);
  },
);

checkoutAdminRoutes.openapi(
  createRoute({
    method: "put",
    path: "/inventory/{sku}",
    tags: ["admin"],
    summary: "Set a SKU's sellable stock",
    security,
    request: { params: z.object({ sku: Sku }), body: { content: { "application/json": { schema: StockLevel } }, required: true } },
    responses: {
      200: jsonContent(z.object({ ok: z.literal(true) }), "Stock set"),
      400: errorResponse("Invalid level"),
      ...refusals,
      404: errorResponse("No such SKU"),
    },
  }),
  async (c) => {
    const { sku } = c.req.valid("param");
    const { available } = c.req.valid("json");
    if (!(await setStock(c.var.db(), sku, available))) throw new ApiFailure(404, "unknown_sku", `No SKU ${sku}.`);
    await bumpCatalogVersion(c.env.CACHE);
    // Shoppers waiting for it hear at once (the sweep answers stock that came back any other way).
    if (available > 0) await announceRestocks(c.var.db(), [sku]);
    return c.json({ ok: true as const }, 200);
  },
);
