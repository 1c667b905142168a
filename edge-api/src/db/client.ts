import { neonConfig, Pool } from "@neondatabase/serverless";
import { drizzle } from "drizzle-orm/neon-serverless";
import { createMiddleware } from "hono/factory";
import type { AppEnv, Env } from "../env";

// No schema given: nothing uses drizzle's relational queries, and with one it rebuilds their
// metadata from every table on each request's drizzle(), a cost on every database call.
export type Database = ReturnType<typeof drizzle>;

function configureDriver(env: Env) {
  if (!env.NEON_RELAY) return; // production: Neon's own WebSocket endpoint
  const relay = env.NEON_RELAY;
  neonConfig.wsProxy = (host, port) => `${relay}/v1?address=${host}:${port}`; // the driver adds ws://
  neonConfig.useSecureWebSocket = false;
  neonConfig.pipelineTLS = false;
  neonConfig.pipelineConnect = false;
}

/** Opens a Pool for one request; a Worker's Pool cannot outlive the request that made it. */
export function openDatabase(env: Env): { db: Database; close: () => Promise<void> } {
  configureDriver(env);
  const pool = new Pool({ connectionString: env.DATABASE_URL, max: 4 });
  let closing = false;
  // Ending the pool drops its sockets, which the driver reports as errors: only earlier ones matter.
  pool.on("error", (err: Error) => closing || console.error("postgres pool error", err.message));
  return {
    db: drizzle(pool),
    close: () => {
      closing = true;
      return pool.end();
    },
  };
}

/** Gives handlers `c.var.db()`: the pool opens on first use and ends after the response, in waitUntil. */
export const databaseMiddleware = createMiddleware<AppEnv>(async (c, next) => {
  let opened: ReturnType<typeof openDatabase> | undefined;
  c.set("db", () => {
    opened ??= openDatabase(c.env);
    return opened.db;
  });
  await next();
  if (opened) c.executionCtx.waitUntil(opened.close());
});
