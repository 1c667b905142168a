import { createRoute, z } from "@hono/zod-openapi";
import { AdminCoupon, AdminCouponList, CouponChange, CouponDraft } from "@shop/contracts";
import { errorResponse, jsonContent, routeGroup } from "../openapi";
import { actorOf, operatorOpenApi } from "../security/operator-access";
import { changeCoupon, couponByCode, createCoupon, listCoupons } from "./coupon-admin";

/** The cart team's operator routes (under /api/admin): coupons. */
export const cartAdminRoutes = routeGroup();

const { security, refusals } = operatorOpenApi("admin");
const Code = z
  .string()
  .min(1)
  .max(32)
  .regex(/^[A-Za-z0-9-]+$/, "Letters, digits and dashes only");

cartAdminRoutes.openapi(
  createRoute({
    method: "get",
    path: "/coupons",
    tags: ["admin"],
    summary: "Coupons, by code, with how often each was used",
    security,
    request: {
      query: z.object({
        q: z.string().trim().max(64).optional(),
        limit: z.coerce.number().int().min(1).max(100).default(50),
        offset: z.coerce.number().int().min(0).max(100_000).default(0),
      }),
    },
    responses: { 200: jsonContent(AdminCouponList, "A page of coupons"), 400: errorResponse("Invalid query"), ...refusals },
  }),
  async (c) => c.json(await listCoupons(c.get("db")(), c.req.valid("query")), 200),
);

cartAdminRoutes.openapi(
  createRoute({
    method: "get",
    path: "/coupons/{code}",
    tags: ["admin"],
    summary: "One coupon's terms and use",
    security,
    request: { params: z.object({ code: Code }) },
    responses: { 200: jsonContent(AdminCoupon, "The coupon"), 400: errorResponse("Invalid code"), ...refusals, 404: errorResponse("No such coupon") },
  }),
  async (c) => c.json(await couponByCode(c.get("db")(), c.req.valid("param").code), 200),
);

cartAdminRoutes.openapi(
  createRoute({
    method: "post",
    path: "/coupons",
    tags: ["admin"],
    summary: "Create a coupon; carts can use it from its start",
    security,
    request: { body: { content: { "application/json": { schema: CouponDraft } }, required: true } },
    responses: {
      201: jsonContent(AdminCoupon, "Created"),
      400: errorResponse("Invalid terms (each field's message in `fields`)"),
      ...refusals,
      409: errorResponse("That code is taken"),
    },
  }),
  async (c) => c.json(await createCoupon(c.get("db")(), actorOf(c), c.req.valid("json")), 201),
);

cartAdminRoutes.openapi(
  createRoute({
    method: "patch",
    path: "/coupons/{code}",
    tags: ["admin"],
    summary: "Change a coupon's terms, or switch it off (`disabled: true`) and on; carts follow at their next pricing",
    security,
    request: { params: z.object({ code: Code }), body: { content: { "application/json": { schema: CouponChange } }, required: true } },
    responses: {
      200: jsonContent(AdminCoupon, "Changed"),
      400: errorResponse("Invalid change (each field's message in `fields`)"),
      ...refusals,
      404: errorResponse("No such coupon"),
    },
  }),
  async (c) => c.json(await changeCoupon(c.get("db")(), actorOf(c), c.req.valid("param").code, c.req.valid("json")), 200),
);
