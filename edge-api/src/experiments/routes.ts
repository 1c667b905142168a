import { createRoute } from "@hono/zod-openapi";
import { RemoteFailureReport } from "@shop/contracts";
import { errorResponse, routeGroup } from "../openapi";
import { clientNetwork, countAttempt, FAILURE_REPORTS_PER_ADDRESS, clientAddress, refuseWhileWaiting } from "../security/attempt-limit";
import { reportFailure } from "./guardrail";
import { confirmExposures } from "./measurement";
import { visitorIdOf } from "./visitor";

/** `/api/delivery`: what a browser tells the edge of the versions it ran (their failures, its exposures), for the experiments. */
export const browserReportRoutes = routeGroup();

browserReportRoutes.openapi(
  createRoute({
    method: "post",
    path: "/failures",
    tags: ["delivery"],
    summary: "The shell reports that a remote version failed to load or render (the experiments' guardrail counts it)",
    description: "Counted only for a visitor id the edge minted and signed, exposed to that version in a running experiment; once per visitor and version, once per network.",
    request: { body: { content: { "application/json": { schema: RemoteFailureReport } }, required: true } },
    responses: { 204: { description: "Noted (or not counted: no signed visitor, or not exposed to that version)" }, 400: errorResponse("Malformed report"), 429: errorResponse("Too many reports from this address") },
  }),
  async (c) => {
    const counters = [[FAILURE_REPORTS_PER_ADDRESS, clientAddress(c)]] as const;
    await refuseWhileWaiting(c, counters);
    await countAttempt(c, counters);
    const visitorId = visitorIdOf(c);
    // Without the edge's visitor id nothing could tie the failure to what this browser was served.
    if (visitorId) await reportFailure(c.env, c.var.db(), { ...c.req.valid("json"), visitorId, network: clientNetwork(c) });
    return c.body(null, 204);
  },
);

browserReportRoutes.openapi(
  createRoute({
    method: "post",
    path: "/exposures",
    tags: ["delivery"],
    summary: "The shell confirms that it ran the versions its document named: the visitor's exposures count for the guardrail",
    responses: { 204: { description: "Confirmed (nothing to confirm without a signed visitor)" } },
  }),
  async (c) => {
    const visitorId = visitorIdOf(c);
    if (visitorId) await confirmExposures(c.var.db(), visitorId, clientNetwork(c));
    return c.body(null, 204);
  },
);
