import { createRoute, z } from "@hono/zod-openapi";
import {
  APP_NAMES,
  AppName,
  ChangeReason,
  ExperimentId,
  PinLink,
  PinLinkRequest,
  PublishVersion,
  Registry,
  RegistryApp,
  RegistryChange,
  SetStable,
  Version,
} from "@shop/contracts";
import { cachePolicy } from "../cache-policy";
import { ApiFailure } from "../errors";
import { errorResponse, jsonContent, routeGroup } from "../openapi";
import { limitBody, MiB } from "../security/body-limit";
import { actorOf, operatorOpenApi, requireDeployer } from "../security/operator-access";
import { listChanges, recordChange } from "./change-log";
import { pinLink } from "./pins";
import { describeApp, liveRegistry, publishedVersion } from "./registry";
import { makeStable, release, rollBack } from "./release";

export const registryRoutes = routeGroup();

const AppParam = z.object({ app: z.string() });
const VersionParams = z.object({ app: z.string(), version: Version });
const { security: operator, refusals } = operatorOpenApi("deploy");

function knownApp(app: string): AppName {
  const parsed = AppName.safeParse(app);
  if (!parsed.success) throw new ApiFailure(404, "unknown_app", `Unknown app "${app}"; apps are ${APP_NAMES.join(", ")}.`);
  return parsed.data;
}

function decodeBase64(content: string, path: string): Uint8Array {
  try {
    return Uint8Array.from(atob(content), (ch) => ch.charCodeAt(0));
  } catch {
    throw new ApiFailure(400, "invalid_request", `files: ${path} is not valid base64.`);
  }
}

registryRoutes.openapi(
  createRoute({
    method: "get",
    path: "/",
    tags: ["registry"],
    summary: "Every app with its stable and available versions",
    responses: { 200: jsonContent(Registry, "The registry") },
  }),
  async (c) => {
    const apps = await Promise.all(APP_NAMES.map((app) => describeApp(c.env, app)));
    return c.json({ apps }, 200, cachePolicy.none);
  },
);

// Everything else is an operator's: the deploy token (release commands) or an admin's session.
const deployer = requireDeployer();
registryRoutes.use("*", (c, next) => (c.req.method === "GET" && /^\/api\/registry\/?$/.test(c.req.path) ? next() : deployer(c, next)));
// A version's files travel in one request (base64 JSON); everything else is a small body.
registryRoutes.use("/:app/versions/*", limitBody(32 * MiB));

registryRoutes.openapi(
  createRoute({
    method: "post",
    path: "/pins",
    tags: ["experiments"],
    summary: "Issue a QA link that pins published remote versions for the browser session that opens it, until it expires",
    security: operator,
    request: { body: { content: { "application/json": { schema: PinLinkRequest } }, required: true } },
    responses: {
      201: jsonContent(PinLink, "The signed link and when it stops working"),
      400: errorResponse("Malformed pins or hours"),
      ...refusals,
      404: errorResponse("A version is not published"),
    },
  }),
  async (c) => {
    const { pins, hours, reason } = c.req.valid("json");
    const { apps } = await liveRegistry(c.env);
    for (const [app, version] of Object.entries(pins)) {
      if (!publishedVersion(apps, app as AppName, version)) throw new ApiFailure(404, "unknown_version", `${app}@${version} is not published.`);
    }
    const link = pinLink(c.env, new Map(Object.entries(pins)), hours);
    await recordChange(c.get("db")(), { actor: actorOf(c), action: "pin_issued", reason, detail: { pins, expiresAt: link.expiresAt } });
    return c.json(link, 201);
  },
);

registryRoutes.openapi(
  createRoute({
    method: "put",
    path: "/{app}/versions/{version}",
    tags: ["registry"],
    summary: "Publish a version's files (immutable once published); older versions are pruned by the retention rule",
    security: operator,
    request: { params: VersionParams, body: { content: { "application/json": { schema: PublishVersion } }, required: true } },
    responses: {
      201: jsonContent(RegistryApp, "Published"),
      200: jsonContent(RegistryApp, "Already published with identical files"),
      400: errorResponse("Malformed version or files"),
      ...refusals,
      404: errorResponse("Unknown app"),
      409: errorResponse("Version already published with different files"),
    },
  }),
  async (c) => {
    const { app: appParam, version } = c.req.valid("param");
    const app = knownApp(appParam);
    const body = c.req.valid("json");
    const files = body.files.map((f) => ({ path: f.path, bytes: decodeBase64(f.contentBase64, f.path) }));
    const { outcome, app: described } = await release(c, app, version, files, body.build ?? {}, body.reason);
    return c.json(described, outcome === "created" ? 201 : 200);
  },
);

registryRoutes.openapi(
  createRoute({
    method: "put",
    path: "/{app}/stable",
    tags: ["registry"],
    summary: "Make a published version the stable one (going live), if it can run beside the live apps",
    security: operator,
    request: { params: AppParam, body: { content: { "application/json": { schema: SetStable } }, required: true } },
    responses: {
      200: jsonContent(RegistryApp, "The app after the change"),
      400: errorResponse("Malformed version"),
      ...refusals,
      404: errorResponse("Unknown app or version"),
      409: errorResponse("Its shared singletons or contracts cannot work with the live shell (or, for a shell, with the live remotes)"),
    },
  }),
  async (c) => {
    const { version, reason } = c.req.valid("json");
    return c.json(await makeStable(c.env, c.get("db")(), actorOf(c), knownApp(c.req.valid("param").app), version, reason), 200);
  },
);

registryRoutes.openapi(
  createRoute({
    method: "post",
    path: "/{app}/rollback",
    tags: ["registry"],
    summary: "Set the previous stable version back",
    security: operator,
    request: { params: AppParam, body: { content: { "application/json": { schema: z.object({ reason: ChangeReason.optional() }) } }, required: false } },
    responses: {
      200: jsonContent(RegistryApp, "The app after the rollback"),
      ...refusals,
      404: errorResponse("Unknown app"),
      409: errorResponse("No earlier stable version"),
    },
  }),
  async (c) => c.json(await rollBack(c, knownApp(c.req.valid("param").app), (c.req.valid("json") as { reason?: string } | undefined)?.reason), 200),
);

registryRoutes.openapi(
  createRoute({
    method: "get",
    path: "/changes",
    tags: ["registry"],
    summary: "Every registry change, newest first: who, when, what and why",
    security: operator,
    request: { query: z.object({ app: AppName.optional(), experiment: ExperimentId.optional(), limit: z.coerce.number().int().min(1).max(500).default(100) }) },
    responses: { 200: jsonContent(z.object({ changes: z.array(RegistryChange) }), "The changes"), 400: errorResponse("Malformed filter"), ...refusals },
  }),
  async (c) => c.json({ changes: await listChanges(c.get("db")(), c.req.valid("query")) }, 200, cachePolicy.none),
);
