import { createRoute } from "@hono/zod-openapi";
import { Health, Liveness } from "@shop/contracts";
import { sql } from "drizzle-orm";
import { cachePolicy } from "../cache-policy";
import { jsonContent, routeGroup } from "../openapi";

export const healthRoutes = routeGroup();

healthRoutes.openapi(
  createRoute({
    method: "get",
    path: "/livez",
    tags: ["platform"],
    summary: "Liveness only: no I/O (also the benchmarks' bare route)",
    responses: { 200: jsonContent(Liveness, "Alive") },
  }),
  (c) => c.json({ ok: true as const }, 200, cachePolicy.none),
);

healthRoutes.openapi(
  createRoute({
    method: "get",
    path: "/healthz",
    tags: ["platform"],
    summary: "Liveness with a real database round trip",
    responses: { 200: jsonContent(Health, "Healthy"), 503: jsonContent(Health, "Database unreachable") },
  }),
  async (c) => {
    const started = Date.now();
    try {
      await c.get("db")().execute(sql`select 1`);
      const database = { ok: true, latencyMs: Date.now() - started };
      return c.json({ ok: true, environment: c.env.ENVIRONMENT, database }, 200, cachePolicy.none);
    } catch (err) {
      console.error("health check: database unreachable", err);
      const database = { ok: false, error: "database unreachable" };
      return c.json({ ok: false, environment: c.env.ENVIRONMENT, database }, 503, cachePolicy.none);
    }
  },
);
