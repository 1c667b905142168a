import { createRoute, z } from "@hono/zod-openapi";
import {
  AdminOrderList,
  CARRIER_NAMES,
  LOW_STOCK,
  MAX_LINE_QUANTITY,
  Order,
  OrderReturn,
  OrderStatus,
  PlainText,
  ReturnList,
  ReturnReceipt,
  ReturnStatus,
  Sku,
  StockAdjustment,
  StockDetail,
  StockLevel,
  StockList,
} from "@shop/contracts";
import type { Context } from "hono";
import { bumpCatalogVersion } from "../catalog/cache";
import type { AppEnv } from "../env";
import { ApiFailure } from "../errors";
import { announceRestocks } from "../notifications/stock-alerts";
import { errorResponse, jsonContent, routeGroup } from "../openapi";
import { actorOf, operatorOpenApi, requireRecentSignIn } from "../security/operator-access";
import { cancelOrder, moveOrder, refundOrder } from "./lifecycle";
import { refundOrderLines } from "./line-refunds";
import { listOrders } from "./order-admin";
import { approveReturn, listReturns, receiveReturn, refundReturn, rejectReturn, returnByNumber } from "./returns";
import { OrderNumber } from "./routes";
import { adjustStock, listStock, setStock, stockDetail } from "./stock-admin";
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
  const order = await orderView(c.get("db")(), number);
  if (!order) throw new ApiFailure(404, "order_not_found", `No order ${number}.`);
  return c.json(order, 200);
}

const Day = z
  .string()
  .regex(/^\d{4}-\d{2}-\d{2}$/, "A day as YYYY-MM-DD")
  .refine((day) => !Number.isNaN(Date.parse(`${day}T00:00:00Z`)), "Not a day");

checkoutAdminRoutes.openapi(
  createRoute({
    method: "get",
    path: "/orders",
    tags: ["admin"],
    summary: "Orders, newest first: by number or buyer's email (`q`), status and the days they were placed; a page at a time (`after`)",
    security,
    request: {
      query: z.object({
        q: z.string().trim().max(320).optional(),
        status: OrderStatus.optional(),
        from: Day.optional(),
        to: Day.optional(),
        after: z.string().max(100).optional(),
        limit: z.coerce.number().int().min(1).max(100).default(50),
      }),
    },
    responses: { 200: jsonContent(AdminOrderList, "A page of orders"), 400: errorResponse("Invalid query"), ...refusals },
  }),
  async (c) => c.json(await listOrders(c.get("db")(), c.req.valid("query")), 200),
);

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
    await moveOrder(c.get("db")(), c.env, number, "fulfil", actorOf(c), c.req.valid("json") ?? {});
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
    await moveOrder(c.get("db")(), c.env, number, "deliver", actorOf(c));
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
    await cancelOrder(c.get("db")(), c.env, number, c.req.valid("json").reason, actorOf(c));
    return answer(c, number);
  },
);

const OrderRefund = z
  .object({
    amount: z.number().int().min(1).max(99_999_999).optional(),
    lines: z
      .array(z.object({ sku: Sku, quantity: z.number().int().min(1).max(MAX_LINE_QUANTITY) }))
      .min(1, "Choose at least one item")
      .max(50)
      .refine((lines) => new Set(lines.map((l) => l.sku)).size === lines.length, "Each item once")
      .optional(),
    restock: z.boolean().default(false),
    reason: Reason,
  })
  .refine((r) => !(r.amount && r.lines), { message: "Refund either an amount or chosen items", path: ["amount"] })
  .refine((r) => !r.restock || r.lines, { message: "Only chosen items can go back on sale", path: ["restock"] });

checkoutAdminRoutes.openapi(
  createRoute({
    method: "post",
    path: "/orders/{number}/refund",
    tags: ["admin"],
    summary:
      "Refund chosen lines (their paid share; `restock` puts their units back on sale), an amount in cents, or without either all that is left; never more than was captured",
    security,
    middleware: [requireRecentSignIn()] as const,
    request: { params: Params, body: { content: { "application/json": { schema: OrderRefund } }, required: true } },
    responses: { ...responses, 409: errorResponse("Those units or that money were refunded already"), 422: errorResponse("More than is left to refund") },
  }),
  async (c) => {
    const { number } = c.req.valid("param");
    const { amount, lines, restock, reason } = c.req.valid("json");
    if (lines) await refundOrderLines(c.get("db")(), c.env, number, lines, restock, reason, actorOf(c));
    else await refundOrder(c.get("db")(), c.env, number, amount, reason, actorOf(c));
    return answer(c, number);
  },
);

const SkuParams = z.object({ sku: Sku });
const stockRefusals = { 400: errorResponse("Invalid input (each field's message in `fields`)"), ...refusals, 404: errorResponse("No such SKU") };

/** After a change: pages show it at once, and shoppers waiting for a SKU back hear (the sweep answers stock that came back any other way). */
async function stockChanged(c: Context<AppEnv>, sku: string, { before, after }: { before: number; after: number }) {
  await bumpCatalogVersion(c.env.CACHE);
  if (after > before && after > 0) await announceRestocks(c.get("db")(), [sku]);
}

checkoutAdminRoutes.openapi(
  createRoute({
    method: "put",
    path: "/inventory/{sku}",
    tags: ["admin"],
    summary: "Set a SKU's sellable stock outright, as a count found it (kept in its movements)",
    security,
    request: { params: SkuParams, body: { content: { "application/json": { schema: StockLevel } }, required: true } },
    responses: { 200: jsonContent(z.object({ ok: z.literal(true) }), "Stock set"), ...stockRefusals },
  }),
  async (c) => {
    const { sku } = c.req.valid("param");
    await stockChanged(c, sku, await setStock(c.get("db")(), actorOf(c), sku, c.req.valid("json").available));
    return c.json({ ok: true as const }, 200);
  },
);

checkoutAdminRoutes.openapi(
  createRoute({
    method: "get",
    path: "/stock",
    tags: ["admin"],
    summary: `Stock levels by SKU, a page at a time (\`after\`); \`low=true\`: only those at or below ${LOW_STOCK}, lowest first; \`q\`: one SKU`,
    security,
    request: {
      query: z.object({
        q: z.string().trim().max(64).optional(),
        low: z
          .enum(["true", "false"])
          .transform((v) => v === "true")
          .optional(),
        after: z.string().max(100).optional(),
        limit: z.coerce.number().int().min(1).max(100).default(50),
      }),
    },
    responses: { 200: jsonContent(StockList, "A page of stock levels"), 400: errorResponse("Invalid query"), ...refusals },
  }),
  async (c) => c.json(await listStock(c.get("db")(), c.req.valid("query")), 200),
);

checkoutAdminRoutes.openapi(
  createRoute({
    method: "get",
    path: "/stock/{sku}",
    tags: ["admin"],
    summary: "One SKU's stock, what checkouts hold, and its newest movements",
    security,
    request: { params: SkuParams },
    responses: { 200: jsonContent(StockDetail, "The SKU's stock"), ...stockRefusals },
  }),
  async (c) => c.json(await stockDetail(c.get("db")(), c.req.valid("param").sku), 200),
);

checkoutAdminRoutes.openapi(
  createRoute({
    method: "post",
    path: "/stock/{sku}/adjustments",
    tags: ["admin"],
    summary: "Units in (more than 0) or out (less than 0) with the reason, kept in the SKU's movements; never below zero",
    security,
    request: { params: SkuParams, body: { content: { "application/json": { schema: StockAdjustment } }, required: true } },
    responses: { 200: jsonContent(StockDetail, "The SKU's stock after it"), ...stockRefusals, 409: errorResponse("More units out than it has") },
  }),
  async (c) => {
    const { sku } = c.req.valid("param");
    const { change, reason } = c.req.valid("json");
    await stockChanged(c, sku, await adjustStock(c.get("db")(), actorOf(c), sku, change, reason));
    return c.json(await stockDetail(c.get("db")(), sku), 200);
  },
);

// ── Returns ─────────────────────────────────────────────────────────────────────────────────────

const ReturnParams = z.object({ number: z.string().regex(/^RMA-[0-9A-F]{10}$/, "Not a return number (RMA-XXXXXXXXXX)") });
const returnResponses = {
  200: jsonContent(OrderReturn, "The return after the change, with its history"),
  400: errorResponse("Malformed request"),
  ...refusals,
  404: errorResponse("No such return"),
  409: errorResponse("Not allowed from the return's current status (another operator may have moved it)"),
};
const returnAnswer = async (c: Context<AppEnv>, number: string) => c.json(await returnByNumber(c.get("db")(), number), 200);

checkoutAdminRoutes.openapi(
  createRoute({
    method: "get",
    path: "/returns",
    tags: ["admin"],
    summary: "Returns, newest first, in one status or all; a page at a time (`after`)",
    security,
    request: {
      query: z.object({
        status: ReturnStatus.optional(),
        after: z.string().max(100).optional(),
        limit: z.coerce.number().int().min(1).max(100).default(50),
      }),
    },
    responses: { 200: jsonContent(ReturnList, "A page of returns"), 400: errorResponse("Invalid query"), ...refusals },
  }),
  async (c) => c.json(await listReturns(c.get("db")(), c.req.valid("query")), 200),
);

checkoutAdminRoutes.openapi(
  createRoute({
    method: "get",
    path: "/returns/{number}",
    tags: ["admin"],
    summary: "A return with its history",
    security,
    request: { params: ReturnParams },
    responses: returnResponses,
  }),
  (c) => returnAnswer(c, c.req.valid("param").number),
);

checkoutAdminRoutes.openapi(
  createRoute({
    method: "post",
    path: "/returns/{number}/approve",
    tags: ["admin"],
    summary: "Approve a requested return: the shopper is emailed where to send the items",
    security,
    request: { params: ReturnParams },
    responses: returnResponses,
  }),
  async (c) => {
    const { number } = c.req.valid("param");
    await approveReturn(c.get("db")(), c.env, number, actorOf(c));
    return returnAnswer(c, number);
  },
);

checkoutAdminRoutes.openapi(
  createRoute({
    method: "post",
    path: "/returns/{number}/reject",
    tags: ["admin"],
    summary: "Reject a requested return, with the reason the shopper is told",
    security,
    request: { params: ReturnParams, body: { content: { "application/json": { schema: z.object({ reason: Reason }).strict() } }, required: true } },
    responses: returnResponses,
  }),
  async (c) => {
    const { number } = c.req.valid("param");
    await rejectReturn(c.get("db")(), c.env, number, actorOf(c), c.req.valid("json").reason);
    return returnAnswer(c, number);
  },
);

checkoutAdminRoutes.openapi(
  createRoute({
    method: "post",
    path: "/returns/{number}/receive",
    tags: ["admin"],
    summary: "The parcel arrived: how many of each item came, and how many go back on sale (never more than asked for; once)",
    security,
    request: { params: ReturnParams, body: { content: { "application/json": { schema: ReturnReceipt } }, required: true } },
    responses: { ...returnResponses, 422: errorResponse("An item not in the return, more than it asked for, or nothing at all") },
  }),
  async (c) => {
    const { number } = c.req.valid("param");
    await receiveReturn(c.get("db")(), number, actorOf(c), c.req.valid("json"));
    await bumpCatalogVersion(c.env.CACHE);
    return returnAnswer(c, number);
  },
);

checkoutAdminRoutes.openapi(
  createRoute({
    method: "post",
    path: "/returns/{number}/refund",
    tags: ["admin"],
    summary: "Refund the received items' paid share (discount and tax included), never more than captured less refunded; once",
    security,
    middleware: [requireRecentSignIn()] as const,
    request: { params: ReturnParams },
    responses: returnResponses,
  }),
  async (c) => {
    const { number } = c.req.valid("param");
    await refundReturn(c.get("db")(), c.env, number, actorOf(c));
    return returnAnswer(c, number);
  },
);
