import { OpenAPIHono } from "@hono/zod-openapi";
import type { Context, Hono, MiddlewareHandler } from "hono";
import { contextStorage } from "hono/context-storage";
import { methodNotAllowed } from "hono/method-not-allowed";
import { matchedRoutes } from "hono/route";
import { accountAdminRoutes } from "./account/admin-routes";
import { authRoutes } from "./account/auth-routes";
import { accountRoutes } from "./account/routes";
import { auditRoutes } from "./audit/routes";
import { cartAdminRoutes } from "./cart/admin-routes";
import { cartForms } from "./cart/form-routes";
import { cartRoutes } from "./cart/routes";
import { catalogAdminRoutes, PICTURE_UPLOAD_PATH } from "./catalog/admin-routes";
import { reviewAdminRoutes, reviewRoutes } from "./catalog/review-routes";
import { catalogRoutes } from "./catalog/routes";
import { checkoutAdminRoutes } from "./checkout/admin-routes";
import { checkoutRoutes, orderRoutes, webhookRoutes } from "./checkout/routes";
import { dashboardRoutes } from "./dashboard/routes";
import { databaseMiddleware } from "./db/client";
import { assetRoutes } from "./delivery/assets";
import { shellDocument } from "./delivery/shell-document";
import type { AppEnv } from "./env";
import { errorBody, handleError } from "./errors";
import { operatorPages } from "./experiments/operator-page";
import { browserReportRoutes, experimentRoutes } from "./experiments/routes";
import { healthRoutes } from "./health/routes";
import { messageAdminRoutes } from "./notifications/admin-routes";
import { dispatchQueuedMail } from "./notifications/dispatch";
import { notificationForms } from "./notifications/form-routes";
import { messagePages, unsubscribePages } from "./notifications/pages";
import { notificationRoutes } from "./notifications/routes";
import { registryRoutes } from "./registry/routes";
import { KeptAnswersRouter } from "./router";
import { KiB, limitBody } from "./security/body-limit";
import { RESOURCE_POLICY, securityHeaders } from "./security/headers";
import { jsonBodiesOnly } from "./security/json-bodies";
import { oneLocalOrigin } from "./security/one-local-origin";
import { requireAdmin } from "./security/operator-access";
import { sameOriginWrites } from "./security/same-origin";
import { wellFormedUrl } from "./security/well-formed-url";

export const app = new OpenAPIHono<AppEnv>({ router: new KeptAnswersRouter() });

app.onError(handleError);
// Safe by default for every route, present and future: security headers on every answer (the
// document sets its own policy), malformed URLs refused before any handler decodes them, writes
// only from the shop's own pages, JSON bodies only, small unless a route says otherwise, 405 with Allow.
app.use("*", securityHeaders(RESOURCE_POLICY));
app.use("*", wellFormedUrl);
app.use("*", oneLocalOrigin);
// Hono's 405 reads the routes it answers for: the API's own, not the documents' catch-all GET.
const apiRoutes = {
  get routes() {
    return app.routes.filter((route) => route.path.startsWith("/api/"));
  },
};
app.use(
  "/api/*",
  methodNotAllowed({
    app: apiRoutes as unknown as typeof app,
    onMethodNotAllowed: (c, methods) =>
      c.json(errorBody("method_not_allowed", `${c.req.method} is not allowed on ${c.req.path}; use ${methods.join(", ")}.`), 405, {
        Allow: methods.join(", "),
      }),
  }),
);
// Exceptions are read from the match the router already made. (Hono's `except` matched each path
// pattern again, with a router of its own, and wrapped the rest of the chain in two more async layers.)
const unless =
  (skip: (c: Context) => boolean, middleware: MiddlewareHandler<AppEnv>): MiddlewareHandler<AppEnv> =>
  (c, next) =>
    skip(c) ? next() : middleware(c, next);
const reaches = (c: Context, path: string) => matchedRoutes(c).some((route) => route.path === path);
const under = (c: Context, prefix: string) => c.req.path === prefix || c.req.path.startsWith(`${prefix}/`);
const takesPicture = (c: Context) => reaches(c, PICTURE_UPLOAD_PATH);
app.use("/api/*", sameOriginWrites);
app.use("/api/*", unless(takesPicture, jsonBodiesOnly));
app.use(
  "/api/*",
  unless((c) => under(c, "/api/admin") || under(c, "/api/webhooks") || reaches(c, "/api/registry/:app/versions/:version"), limitBody(16 * KiB)),
);
app.use("/api/*", databaseMiddleware);
app.use("/healthz", databaseMiddleware);
// Emails a request queues go on the mail queue once it has answered (its transaction committed).
// Only the routes that queue email carry the request's context (it costs every await a little).
for (const path of ["/api/auth/*", "/api/checkout/*", "/api/webhooks/*", "/api/admin/*"]) app.use(path, contextStorage(), dispatchQueuedMail);

// Operators' writes, each team's in its own domain; a product description is up to 20,000 characters,
// a picture up to 5 MB (its own route's limit).
app.use("/api/admin/*", requireAdmin(), unless(takesPicture, limitBody(128 * KiB)));

// Where each domain's routes live. Order matters once: the experiments before the registry, as
// `PUT /api/registry/experiments/stable` is an experiment, not an app called "experiments".
const routeGroups: Array<[path: string, routes: Hono<AppEnv>]> = [
  ["/", healthRoutes],
  ["/api/catalog", catalogRoutes],
  ["/api/catalog", reviewRoutes],
  ["/api/auth", authRoutes],
  ["/api/account", accountRoutes],
  ["/api/cart", cartRoutes],
  ["/api/checkout", checkoutRoutes],
  ["/api/orders", orderRoutes],
  ["/api/webhooks", webhookRoutes],
  ["/api/notifications", notificationRoutes],
  ["/api/registry/experiments", experimentRoutes],
  ["/api/registry", registryRoutes],
  ["/api/delivery", browserReportRoutes],
  ["/api/admin", catalogAdminRoutes],
  ["/api/admin", reviewAdminRoutes],
  ["/api/admin", checkoutAdminRoutes],
  ["/api/admin", cartAdminRoutes],
  ["/api/admin", accountAdminRoutes],
  ["/api/admin", auditRoutes],
  ["/api/admin", dashboardRoutes],
  ["/api/admin", messageAdminRoutes],
  ["/mf", assetRoutes],
];
for (const [path, routes] of routeGroups) app.route(path, routes);

app.openAPIRegistry.registerComponent("securitySchemes", "deployToken", { type: "http", scheme: "bearer" });
app.openAPIRegistry.registerComponent("securitySchemes", "adminToken", { type: "http", scheme: "bearer" });
app.openAPIRegistry.registerComponent("securitySchemes", "sessionCookie", { type: "apiKey", in: "cookie", name: "shop.session_token" });
app.doc31("/api/openapi.json", {
  openapi: "3.1.0",
  info: { title: "Edge Shop API", version: "0.1.0", description: "Storefront API served from the edge. Money is integer minor units." },
});

app.all("/api/*", (c) => c.json(errorBody("not_found", `No API route ${c.req.method} ${c.req.path}.`), 404));
app.all("/mf/*", (c) => c.json(errorBody("not_found", "No such file."), 404));
// Product and category documents carry their catalog data (title, JSON-LD…), hence a database.
app.use("*", databaseMiddleware);
// A document rendered at the edge asks the API as the browser would, without leaving the isolate.
app.use("*", async (c, next) => {
  c.set("inProcess", (request) => Promise.resolve(app.fetch(request, c.env, c.executionCtx)));
  await next();
});
app.route("/admin", operatorPages);
app.route("/admin", messagePages);
app.route("/mail", unsubscribePages);
app.route("/notify", notificationForms);
app.route("/cart", cartForms);
app.route("/", shellDocument);
