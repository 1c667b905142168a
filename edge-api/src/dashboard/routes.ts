import { createRoute } from "@hono/zod-openapi";
import { Dashboard } from "@shop/contracts";
import { jsonContent, routeGroup } from "../openapi";
import { operatorOpenApi } from "../security/operator-access";
import { dashboard } from "./figures";

/** The platform's operator route (under /api/admin): the back office's home figures. */
export const dashboardRoutes = routeGroup();

const { security, refusals } = operatorOpenApi("admin");

dashboardRoutes.openapi(
  createRoute({
    method: "get",
    path: "/dashboard",
    tags: ["admin"],
    summary: "Orders, revenue, average order and conversion today and over 7 and 30 days (UTC), by day; low stock, open returns, undelivered emails",
    security,
    responses: { 200: jsonContent(Dashboard, "The figures"), ...refusals },
  }),
  async (c) => c.json(await dashboard(c.get("db")()), 200, { "Cache-Control": "private, no-store" }),
);
