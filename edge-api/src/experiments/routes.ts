import { createRoute, z } from "@hono/zod-openapi";
import { ChangeReason, Experiment, ExperimentId, ExperimentReport, PutExperiment, RemoteFailureReport } from "@shop/contracts";
import { cachePolicy } from "../cache-policy";
import { errorResponse, jsonContent, routeGroup } from "../openapi";
import { clientAddress, clientNetwork, countAttempt, FAILURE_REPORTS_PER_ADDRESS, refuseWhileWaiting } from "../security/attempt-limit";
import { actorOf, operatorOpenApi, requireDeployer } from "../security/operator-access";
import { endExperiment, putExperiment } from "./control";
import { existingExperiment, runningExperiments } from "./experiments";
import { reportFailure } from "./guardrail";
import { confirmExposures } from "./measurement";
import { experimentReport } from "./report";
import { visitorIdOf } from "./visitor";

/** `/api/registry/experiments`: operators start, change, read and stop experiments (the deploy token, or an admin's session). */
export const experimentRoutes = routeGroup();
experimentRoutes.use("*", requireDeployer());

const { security: operator, refusals } = operatorOpenApi("deploy");
const ExperimentParam = z.object({ id: ExperimentId });

experimentRoutes.openapi(
  createRoute({
    method: "get",
    path: "/",
    tags: ["experiments"],
    summary: "The running experiments",
    security: operator,
    responses: { 200: jsonContent(z.object({ experiments: z.array(Experiment) }), "Running experiments"), ...refusals },
  }),
  async (c) => c.json({ experiments: await runningExperiments(c.env) }, 200, cachePolicy.none),
);

experimentRoutes.openapi(
  createRoute({
    method: "put",
    path: "/{id}",
    tags: ["experiments"],
    summary: "Start an experiment, or change a running one (new weights start a new phase)",
    description:
      "Variants with weights adding up to 100; the first is the control. A variant pins versions of one or more remotes, which visitors in it get together. " +
      "Optional guardrail (failure rate over a minimum of exposures) and rollout (the candidate's percent at each step, and how long a step runs).",
    security: operator,
    request: { params: ExperimentParam, body: { content: { "application/json": { schema: PutExperiment } }, required: true } },
    responses: {
      201: jsonContent(Experiment, "Started"),
      200: jsonContent(Experiment, "Changed, or already so"),
      400: errorResponse("Malformed definition"),
      ...refusals,
      404: errorResponse("A pinned version is not published"),
      409: errorResponse("A pinned version cannot run beside the live shell, or an app is already in another running experiment"),
    },
  }),
  async (c) => {
    const { experiment, created } = await putExperiment(c, c.req.valid("param").id, c.req.valid("json"));
    return c.json(experiment, created ? 201 : 200);
  },
);

experimentRoutes.openapi(
  createRoute({
    method: "get",
    path: "/{id}",
    tags: ["experiments"],
    summary: "One experiment's definition and state",
    security: operator,
    request: { params: ExperimentParam },
    responses: { 200: jsonContent(Experiment, "The experiment"), 400: errorResponse("Malformed id"), ...refusals, 404: errorResponse("No such experiment") },
  }),
  async (c) => c.json(await existingExperiment(c.env, c.req.valid("param").id), 200, cachePolicy.none),
);

experimentRoutes.openapi(
  createRoute({
    method: "delete",
    path: "/{id}",
    tags: ["experiments"],
    summary: "Stop an experiment: every visitor gets the stable versions again; its report stays readable",
    security: operator,
    request: { params: ExperimentParam, query: z.object({ reason: ChangeReason.optional() }) },
    responses: {
      200: jsonContent(Experiment, "The ended experiment"),
      400: errorResponse("Malformed id"),
      ...refusals,
      404: errorResponse("No such experiment"),
    },
  }),
  async (c) => c.json(await endExperiment(c.env, c.get("db")(), c.req.valid("param").id, actorOf(c), "experiment_stop", c.req.valid("query").reason), 200),
);

experimentRoutes.openapi(
  createRoute({
    method: "get",
    path: "/{id}/report",
    tags: ["experiments"],
    summary: "Per variant: visitors, orders, conversion, revenue per visitor, lift with 95% interval and p-value, SRM check, sequential test, verdict",
    security: operator,
    request: { params: ExperimentParam },
    responses: {
      200: jsonContent(ExperimentReport, "The report of the current phase"),
      400: errorResponse("Malformed id"),
      ...refusals,
      404: errorResponse("No such experiment"),
    },
  }),
  async (c) => c.json(await experimentReport(c.env, c.get("db")(), c.req.valid("param").id), 200, cachePolicy.none),
);

/** `/api/delivery`: what a browser tells the edge of the versions it ran (their failures, its exposures), for the experiments. */
export const browserReportRoutes = routeGroup();

browserReportRoutes.openapi(
  createRoute({
    method: "post",
    path: "/failures",
    tags: ["delivery"],
    summary: "The shell reports that a remote version failed to load or render (the experiments' guardrail counts it)",
    description:
      "Counted only for a visitor id the edge minted and signed, exposed to that version in a running experiment; once per visitor and version, once per network.",
    request: { body: { content: { "application/json": { schema: RemoteFailureReport } }, required: true } },
    responses: {
      204: { description: "Noted (or not counted: no signed visitor, or not exposed to that version)" },
      400: errorResponse("Malformed report"),
      429: errorResponse("Too many reports from this address"),
    },
  }),
  async (c) => {
    const counters = [[FAILURE_REPORTS_PER_ADDRESS, clientAddress(c)]] as const;
    await refuseWhileWaiting(c, counters);
    await countAttempt(c, counters);
    const visitorId = visitorIdOf(c);
    // Without the edge's visitor id nothing could tie the failure to what this browser was served.
    if (visitorId) await reportFailure(c.env, c.get("db")(), { ...c.req.valid("json"), visitorId, network: clientNetwork(c) });
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
    if (visitorId) await confirmExposures(c.get("db")(), visitorId, clientNetwork(c));
    return c.body(null, 204);
  },
);
