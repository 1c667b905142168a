import { createRoute, z } from "@hono/zod-openapi";
import { errorResponse, jsonContent, routeGroup } from "../openapi";
import { actorOf, operatorOpenApi } from "../security/operator-access";
import { markSent, sendAgain } from "./undelivered";

/** The platform's operator routes for emails the shop could not deliver (under /api/admin); `/admin/messages` lists them. */
export const messageAdminRoutes = routeGroup();

const { security, refusals } = operatorOpenApi("admin");
const Params = z.object({ id: z.coerce.number().int().min(1).max(2_147_483_647) });
const Done = z.object({ ok: z.literal(true) });
const responses = {
  200: jsonContent(Done, "Done"),
  400: errorResponse("Not an email id"),
  ...refusals,
  404: errorResponse("No such email"),
  409: errorResponse("Not undelivered (sent, pending or skipped)"),
};

messageAdminRoutes.openapi(
  createRoute({
    method: "post",
    path: "/messages/{id}/send-again",
    tags: ["admin"],
    summary: "Send an undelivered email again, its retries from the start",
    security,
    request: { params: Params },
    responses,
  }),
  async (c) => {
    await sendAgain(c.get("db")(), c.env, c.req.valid("param").id, actorOf(c));
    return c.json({ ok: true as const }, 200);
  },
);

messageAdminRoutes.openapi(
  createRoute({
    method: "post",
    path: "/messages/{id}/mark-sent",
    tags: ["admin"],
    summary: "Mark an undelivered email sent (it reached the shopper another way); the shop never sends it",
    security,
    request: { params: Params },
    responses,
  }),
  async (c) => {
    await markSent(c.get("db")(), c.req.valid("param").id, actorOf(c));
    return c.json({ ok: true as const }, 200);
  },
);
