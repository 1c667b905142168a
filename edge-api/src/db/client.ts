import { neon, neonConfig, Pool } from "@neondatabase/serverless";
import { drizzle as overHttp } from "drizzle-orm/neon-http";
import { drizzle as overWebSocket } from "drizzle-orm/neon-serverless";
import { createMiddleware } from "hono/factory";
import type { AppEnv, Env } from "../env";

// No schema given: nothing uses drizzle's relational queries, and with one it rebuilds their
// metadata from every table on each drizzle() (a transaction's Pool is made per request).
export type Database = ReturnType<typeof overWebSocket>;

function configureDriver(env: Env) {
  if (!env.NEON_RELAY) return; // production: Neon's own endpoints
  const relay = env.NEON_RELAY;
  neonConfig.fetchEndpoint = () => `http://${relay}/sql`;
  neonConfig.wsProxy = (host, port) => `${relay}/v1?address=${host}:${port}`; // the driver adds ws://
  neonConfig.useSecureWebSocket = false;
  neonConfig.pipelineTLS = false;
  neonConfig.pipelineConnect = false;
}

let statements: { url: string; db: Database } | undefined;

/**
 * Statements over HTTP, made once per isolate: each is its own fetch, so nothing of one request is
 * kept for another (building drizzle and the driver per request was a cost on every database call).
 */
export function statementsOver(env: Env): Database {
  if (statements?.url !== env.DATABASE_URL) {
    configureDriver(env);
    // The HTTP driver's results have the WebSocket driver's shape (rows; dates as drizzle maps them).
    statements = { url: env.DATABASE_URL, db: overHttp(neon(env.DATABASE_URL)) as unknown as Database };
  }
  return statements.db;
}

/** A query built once per isolate (drizzle's prepared query: its SQL is not rebuilt for every request). */
export function preparedOnce<Query>(build: (db: Database) => Query): (env: Env) => Query {
  let kept: { db: Database; query: Query } | undefined;
  return (env) => {
    const db = statementsOver(env);
    if (kept?.db !== db) kept = { db, query: build(db) };
    return kept.query;
  };
}

/**
 * The database for one request (or job). A statement is one fetch over Neon's HTTP protocol: no
 * connection of its own to set up, as the runtime keeps the fetch's warm. A transaction needs a
 * session, so it opens a WebSocket Pool on first use (a Worker's Pool cannot outlive the request
 * that made it; `close` ends it). docs/checkout.md, "Transport", says why and what it measured.
 */
export function openDatabase(env: Env): { db: Database; close: () => Promise<void> } {
  let pool: Pool | undefined;
  let closing = false;
  let sessions: Database | undefined;
  const withSession = () => {
    if (!sessions) {
      pool = new Pool({ connectionString: env.DATABASE_URL, max: 4 });
      // Ending the pool drops its sockets, which the driver reports as errors: only earlier ones matter.
      pool.on("error", (err: Error) => closing || console.error("postgres pool error", err.message));
      sessions = overWebSocket(pool);
    }
    return sessions;
  };
  // This request's own: the isolate's statements, with transactions over its own Pool.
  const db: Database = Object.create(statementsOver(env));
  db.transaction = (work, config) => withSession().transaction(work, config);
  return {
    db,
    close: async () => {
      closing = true;
      await pool?.end();
    },
  };
}

/** Gives handlers `c.get("db")()`: made on first use; a Pool a transaction opened ends after the response, in waitUntil. */
export const databaseMiddleware = createMiddleware<AppEnv>(async (c, next) => {
  let opened: ReturnType<typeof openDatabase> | undefined;
  c.set("db", () => {
    opened ??= openDatabase(c.env);
    return opened.db;
  });
  await next();
  if (opened) c.executionCtx.waitUntil(opened.close());
});
