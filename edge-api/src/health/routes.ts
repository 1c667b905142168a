import { createRoute, z } from "@hono/zod-openapi";
import { sql } from "drizzle-orm";
import { jsonContent, routeGroup } from "../openapi";

export const healthRoutes = routeGroup();

const Health = z.object({
  ok: z.boolean(),
  environment: z.string(),
  database: z.object({ ok: z.boolean(), latencyMs: z.number().optional(), error: z.string().optional() }),
});

healthRoutes.openapi(
  createRoute({
    method: "get",
    path: "/livez",
    tags: ["platform"],
    summary: "Liveness only: no I/O (also the benchmarks' bare route)",
    responses: { 200: jsonContent(z.object({ ok: z.literal(true) }), "Alive") },
  }),
  (c) => c.json({ ok: true as const }, 200, { "Cache-Control": "no-store" }),
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
      await c.var.db().execute(sql`select 1`);
      const database = { ok: true, latencyMs: Date.now() - started };
      return c.json({ ok: true, environment: c.env.ENVIRONMENT, database }, 200, { "Cache-Control": "no-store" });
    } catch (err) {
      console.error("health check: database unreachable", err);
      const database = { ok: false, error: "database unreachable" };
      return c.json({ ok: false, environment: c.env.ENVIRONMENT, database }, 503, { "Cache-Control": "no-store" });
    }
  },
);
