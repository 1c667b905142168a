import { createRoute } from "@hono/zod-openapi";
import { RemoteFailureReport } from "@shop/contracts";
import { errorResponse, routeGroup } from "../openapi";
import { reportFailure } from "./guardrail";
import { visitorIdOf } from "./visitor";

/** `/api/delivery`: what the shell tells the edge about the remotes it loads. */
export const deliveryRoutes = routeGroup();

deliveryRoutes.openapi(
  createRoute({
    method: "post",
    path: "/failures",
    tags: ["delivery"],
    summary: "The shell reports that a remote version failed to load or render (the experiments' guardrail counts it)",
    request: { body: { content: { "application/json": { schema: RemoteFailureReport } }, required: true } },
    responses: { 204: { description: "Noted (once per visitor and version)" }, 400: errorResponse("Malformed report") },
  }),
  async (c) => {
    const visitorId = visitorIdOf(c);
    // Without a visitor id nothing could tie the failure to what this browser was served.
    if (visitorId) await reportFailure(c.env, c.var.db(), { ...c.req.valid("json"), visitorId });
    return c.body(null, 204);
  },
);
