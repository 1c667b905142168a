// The relay against a real Postgres, spoken to by the Neon driver as the Worker speaks it: one
// connection per "request", warm sessions handed on, and nothing of one client reaching the next.

import path from "node:path";
import { neon, neonConfig, Pool } from "@neondatabase/serverless";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { WebSocket } from "ws";
import { ROOT } from "../src/paths";
import { type Relay, startNeonRelay } from "../src/platform/neon-relay";
import { type LocalPostgres, startEmbeddedPostgres } from "../src/platform/postgres";

const PG_PORT = 25463;
const RELAY_PORT = 25464;

let postgres: LocalPostgres;
let relay: Relay;

beforeAll(async () => {
  postgres = await startEmbeddedPostgres(path.join(ROOT, ".data/test-tools/postgres"), PG_PORT);
  relay = await startNeonRelay(RELAY_PORT);
  neonConfig.webSocketConstructor = WebSocket;
  neonConfig.wsProxy = (host, port) => `${relay.url}/v1?address=${host}:${port}`;
  neonConfig.useSecureWebSocket = false;
  neonConfig.pipelineTLS = false;
  neonConfig.pipelineConnect = false;
  neonConfig.fetchEndpoint = () => `http://${relay.url}/sql`;
}, 120_000);

afterAll(async () => {
  await relay?.close();
  await postgres?.stop();
});

/** What a Worker request does: a pool of its own, used, then ended. */
async function asOneRequest<T>(work: (pool: Pool) => Promise<T>): Promise<T> {
  const pool = new Pool({ connectionString: postgres.url, max: 1 });
  pool.on("error", () => {});
  try {
    return await work(pool);
  } finally {
    await pool.end();
  }
}

const backendPid = (pool: Pool) => pool.query<{ pid: number }>("SELECT pg_backend_pid() AS pid").then((r) => r.rows[0]!.pid);
/** The relay resets a session after its client leaves; the next client may arrive first. */
const settle = () => new Promise((r) => setTimeout(r, 100));

describe("Neon relay", () => {
  it("hands a warm session to the next client, with nothing of the last one left in it", async () => {
    const first = await asOneRequest(async (pool) => {
      const client = await pool.connect();
      await client.query("SET statement_timeout = '1234ms'");
      await client.query("CREATE TEMP TABLE left_behind (id int)");
      await client.query("SELECT pg_advisory_lock(42)");
      await client.query({ name: "kept", text: "SELECT 1 AS one" });
      await client.query("BEGIN");
      await client.query("SELECT 1");
      const pid = (await client.query<{ pid: number }>("SELECT pg_backend_pid() AS pid")).rows[0]!.pid;
      client.release();
      return pid;
    });
    await settle();
    const second = await asOneRequest(async (pool) => ({
      pid: await backendPid(pool),
      timeout: (await pool.query<{ statement_timeout: string }>("SHOW statement_timeout")).rows[0]!.statement_timeout,
      tempTable: (await pool.query("SELECT 1 FROM pg_class WHERE relname = 'left_behind'")).rowCount,
      statements: (await pool.query("SELECT 1 FROM pg_prepared_statements")).rowCount,
      advisoryLocks: (await pool.query("SELECT 1 FROM pg_locks WHERE locktype = 'advisory'")).rowCount,
      // A transaction left open would keep its start time as now().
      transaction: (await pool.query<{ fresh: boolean }>("SELECT now() = statement_timestamp() AS fresh")).rows[0],
    }));
    expect(second.pid).toBe(first);
    expect(second).toMatchObject({ timeout: "0", tempTable: 0, statements: 0, advisoryLocks: 0, transaction: { fresh: true } });
  });

  it("counts each connection's round trips, named by their SQL: a query, or a Parse … Sync exchange, each one", async () => {
    const read = async (after: number) =>
      (await (await fetch(`http://${relay.url}/round-trips?after=${after}`)).json()) as { last: number; connections: Array<{ statements: string[] }> };
    const { last } = await read(0);
    await asOneRequest(async (pool) => {
      const client = await pool.connect();
      await client.query("BEGIN");
      await client.query("SELECT $1::int AS one", [1]);
      await client.query("COMMIT");
      client.release();
    });
    const { connections } = await read(last);
    expect(connections).toEqual([{ seq: last + 1, statements: ["BEGIN", "SELECT $1::int AS one", "COMMIT"] }]);
  });

  it("answers Neon's HTTP protocol: one query per fetch, typed as over a WebSocket; a transaction all or nothing, with Postgres's error", async () => {
    const sql = neon(postgres.url);
    const [row] = await sql.query("SELECT $1::int AS n, $2::jsonb AS doc, now() AS at, NULL::text AS nothing, ARRAY[1, 2] AS list", [
      7,
      JSON.stringify({ a: [1] }),
    ]);
    expect(row).toEqual({ n: 7, doc: { a: [1] }, at: expect.any(Date), nothing: null, list: [1, 2] });
    await sql.query("CREATE TABLE IF NOT EXISTS relay_http (id int PRIMARY KEY)");
    await sql.query("DELETE FROM relay_http");
    const [inserted, counted] = await sql.transaction([
      sql.query("INSERT INTO relay_http VALUES (1) RETURNING id"),
      sql.query("SELECT count(*)::int AS n FROM relay_http"),
    ]);
    expect([inserted, counted]).toEqual([[{ id: 1 }], [{ n: 1 }]]);
    const failed = await sql
      .transaction([sql.query("INSERT INTO relay_http VALUES (2)"), sql.query("INSERT INTO relay_http VALUES (1)")])
      .catch((err: unknown) => err);
    expect(failed).toMatchObject({ code: "23505", constraint: "relay_http_pkey" });
    expect(await sql.query("SELECT id FROM relay_http ORDER BY id")).toEqual([{ id: 1 }]);
    await expect(neon(postgres.url.replace("127.0.0.1", "example.com")).query("SELECT 1")).rejects.toThrow(/only loopback/);
  });

  it("rolls back what a client left open, so its row locks go with it", async () => {
    await asOneRequest((pool) =>
      pool.query("CREATE TABLE IF NOT EXISTS relay_rows (id int PRIMARY KEY, n int); INSERT INTO relay_rows VALUES (1, 0) ON CONFLICT DO NOTHING"),
    );
    await asOneRequest(async (pool) => {
      const client = await pool.connect();
      await client.query("BEGIN");
      await client.query("UPDATE relay_rows SET n = n + 1 WHERE id = 1");
      client.release(); // gone mid-transaction, as a Worker whose request ended
    });
    await settle();
    const row = await asOneRequest(async (pool) => {
      const client = await pool.connect();
      await client.query("BEGIN");
      const locked = await client.query<{ n: number }>("SELECT n FROM relay_rows WHERE id = 1 FOR UPDATE NOWAIT");
      await client.query("ROLLBACK");
      client.release();
      return locked.rows[0];
    });
    expect(row).toEqual({ n: 0 });
  });

  it("gives clients at the same time sessions of their own", async () => {
    const pids = await Promise.all(
      Array.from({ length: 8 }, () =>
        asOneRequest(async (pool) => {
          const client = await pool.connect();
          await client.query("SELECT pg_sleep(0.05)");
          const pid = (await client.query<{ pid: number }>("SELECT pg_backend_pid() AS pid")).rows[0]!.pid;
          client.release();
          return pid;
        }),
      ),
    );
    expect(new Set(pids).size).toBe(8);
  });

  it("closes a client's connection after its Terminate, as Postgres does (clients wait for it)", async () => {
    const { username, pathname, port } = new URL(postgres.url);
    const params = Buffer.from(`user\0${username}\0database\0${pathname.slice(1)}\0\0`);
    const startup = Buffer.alloc(8 + params.length);
    startup.writeInt32BE(startup.length, 0);
    startup.writeInt32BE(196608, 4); // protocol 3.0
    params.copy(startup, 8);
    const socket = new WebSocket(`ws://${relay.url}/v1?address=127.0.0.1:${port}`);
    await new Promise((resolve) => socket.once("open", resolve));
    const ready = new Promise((resolve) => socket.on("message", (data: Buffer) => data.includes(Buffer.from("Z\0\0\0\x05I")) && resolve(true)));
    socket.send(startup);
    await ready;
    const closed = new Promise((resolve) => socket.once("close", () => resolve(true)));
    socket.send(Buffer.from([0x58, 0, 0, 0, 4])); // Terminate
    expect(await Promise.race([closed, new Promise((r) => setTimeout(() => r(false), 2_000))])).toBe(true);
  });

  it("relays only to loopback addresses", async () => {
    const socket = new WebSocket(`ws://${relay.url}/v1?address=10.0.0.1:5432`);
    const code = await new Promise<number>((resolve) => socket.on("close", (c) => resolve(c)));
    expect(code).toBe(1008);
  });
});
