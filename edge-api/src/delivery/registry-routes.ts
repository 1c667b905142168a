import { createRoute, z } from "@hono/zod-openapi";
import { APP_NAMES, AppName, PublishVersion, Registry, RegistryApp, SetStable, Version } from "@shop/contracts";
import { ApiFailure } from "../errors";
import { errorResponse, jsonContent, routeGroup } from "../openapi";
import { requireBearer } from "../auth";
import { limitBody, MiB } from "../security/body-limit";
import { describeApp, promote, publishVersion, rollback } from "./registry";

export const registryRoutes = routeGroup();

const AppParam = z.object({ app: z.string() });
const VersionParams = z.object({ app: z.string(), version: Version });
const bearer = [{ deployToken: [] }];

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
    return c.json({ apps }, 200, { "Cache-Control": "no-store" });
  },
);

registryRoutes.use("/:app/*", requireBearer((env) => env.DEPLOY_TOKEN, "deploy"));
// A version's files travel in one request (base64 JSON); everything else is a small body.
registryRoutes.use("/:app/versions/*", limitBody(32 * MiB));

registryRoutes.openapi(
  createRoute({
    method: "put",
    path: "/{app}/versions/{version}",
    tags: ["registry"],
    summary: "Publish a version's files (immutable once published)",
    security: bearer,
    request: { params: VersionParams, body: { content: { "application/json": { schema: PublishVersion } }, required: true } },
    responses: {
      201: jsonContent(RegistryApp, "Published"),
      200: jsonContent(RegistryApp, "Already published with identical files"),
      400: errorResponse("Malformed version or files"),
      401: errorResponse("Missing or wrong deploy token"),
      429: errorResponse("Too many wrong tokens from this address; wait Retry-After seconds"),
      404: errorResponse("Unknown app"),
      409: errorResponse("Version already published with different files"),
    },
  }),
  async (c) => {
    const { app: appParam, version } = c.req.valid("param");
    const app = knownApp(appParam);
    const files = c.req.valid("json").files.map((f) => ({ path: f.path, bytes: decodeBase64(f.contentBase64, f.path) }));
    const outcome = await publishVersion(c.env, app, version, files);
    return c.json(await describeApp(c.env, app), outcome === "created" ? 201 : 200);
  },
);

registryRoutes.openapi(
  createRoute({
    method: "put",
    path: "/{app}/stable",
    tags: ["registry"],
    summary: "Make a published version the stable one (going live)",
    security: bearer,
    request: { params: AppParam, body: { content: { "application/json": { schema: SetStable } }, required: true } },
    responses: {
      200: jsonContent(RegistryApp, "The app after the change"),
      400: errorResponse("Malformed version"),
      401: errorResponse("Missing or wrong deploy token"),
      429: errorResponse("Too many wrong tokens from this address; wait Retry-After seconds"),
      404: errorResponse("Unknown app or version"),
    },
  }),
  async (c) => c.json(await promote(c.env, knownApp(c.req.valid("param").app), c.req.valid("json").version), 200),
);

registryRoutes.openapi(
  createRoute({
    method: "post",
    path: "/{app}/rollback",
    tags: ["registry"],
    summary: "Set the previous stable version back",
    security: bearer,
    request: { params: AppParam },
    responses: {
      200: jsonContent(RegistryApp, "The app after the rollback"),
      401: errorResponse("Missing or wrong deploy token"),
      429: errorResponse("Too many wrong tokens from this address; wait Retry-After seconds"),
      404: errorResponse("Unknown app"),
      409: errorResponse("No earlier stable version"),
    },
  }),
  async (c) => c.json(await rollback(c.env, knownApp(c.req.valid("param").app)), 200),
);
