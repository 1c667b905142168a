import { OpenAPIHono } from "@hono/zod-openapi";
import { adminRoutes } from "./admin/routes";
import { cartRoutes } from "./cart/routes";
import { catalogRoutes } from "./catalog/routes";
import { databaseMiddleware } from "./db/client";
import { assetRoutes } from "./delivery/assets";
import { registryRoutes } from "./delivery/registry-routes";
import { shellDocument } from "./delivery/shell-document";
import type { AppEnv } from "./env";
import { errorBody, handleError } from "./errors";
import { healthRoutes } from "./health/routes";

export const app = new OpenAPIHono<AppEnv>();

app.onError(handleError);
app.use("/api/*", databaseMiddleware);
app.use("/healthz", databaseMiddleware);

app.route("/", healthRoutes);
app.route("/api/catalog", catalogRoutes);
app.route("/api/cart", cartRoutes);
app.route("/api/registry", registryRoutes);
app.route("/api/admin", adminRoutes);
app.route("/mf", assetRoutes);

app.openAPIRegistry.registerComponent("securitySchemes", "deployToken", { type: "http", scheme: "bearer" });
app.openAPIRegistry.registerComponent("securitySchemes", "adminToken", { type: "http", scheme: "bearer" });
app.doc31("/api/openapi.json", {
  openapi: "3.1.0",
  info: { title: "Edge Shop API", version: "0.1.0", description: "Storefront API served from the edge. Money is integer minor units." },
});

app.all("/api/*", (c) => c.json(errorBody("not_found", `No API route ${c.req.method} ${c.req.path}.`), 404));
app.all("/mf/*", (c) => c.json(errorBody("not_found", "No such file."), 404));
// Product and category documents carry their catalog data (title, JSON-LD…), hence a database.
app.use("*", databaseMiddleware);
app.route("/", shellDocument);
