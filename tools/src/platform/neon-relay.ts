import http from "node:http";
import net from "node:net";
import pg from "pg";
import { type WebSocket, WebSocketServer } from "ws";
import { isAuthenticationOk, isDiscardAllDone, isIdle, MessageFramer, SESSION_RESET, startupMessage, typeOf } from "./postgres-wire";

export interface Relay {
  /** host:port, as the Neon driver's wsProxy wants it (the driver adds the scheme). */
  url: string;
  close: () => Promise<void>;
}

/** Warm sessions kept per database and user; more than the bench's concurrency needs. */
const MAX_IDLE_PER_STARTUP = 256;
const IDLE_MS = 60_000;
const RESET_MS = 2_000;

/** Connections whose round trips are kept for `GET /round-trips` (the bench reads them). */
const KEPT_CONNECTIONS = 5_000;

/**
 * One client connection's round trips to Postgres after its start-up: each Query, and each Sync
 * ending an extended-protocol exchange (Parse … Sync), is one wait for the server. Named by the SQL
 * text's first 100 characters.
 */
export interface ConnectionTrips {
  seq: number;
  statements: string[];
  /** A query over Neon's HTTP protocol: no connection of its own to set up (the fetch reuses one). */
  http?: true;
}

/** A statement as the round-trip log names it: its SQL's first 100 characters, white space collapsed. */
const statementName = (sql: string) => sql.replace(/\s+/g, " ").slice(0, 100);

/** The error fields Neon's HTTP protocol answers with (node-postgres's DatabaseError has the same names). */
const ERROR_FIELDS = [
  "severity",
  "code",
  "detail",
  "hint",
  "position",
  "internalPosition",
  "internalQuery",
  "where",
  "schema",
  "table",
  "column",
  "dataType",
  "constraint",
  "file",
  "line",
  "routine",
] as const;

interface HttpQuery {
  query: string;
  params?: unknown[];
}

/** Values as Postgres's text output, typed by the driver from each field's type (as Neon answers with Neon-Raw-Text-Output). */
const RAW_TEXT = { getTypeParser: () => (value: string) => value };

const shaped = (result: pg.QueryResult<unknown[]>) => ({
  command: result.command,
  rowCount: result.rowCount,
  rows: result.rows,
  fields: result.fields.map(({ name, dataTypeID, tableID, columnID, dataTypeSize, dataTypeModifier, format }) => ({
    name,
    dataTypeID,
    tableID,
    columnID,
    dataTypeSize,
    dataTypeModifier,
    format,
  })),
  rowAsArray: true,
});

/** One Postgres backend, authenticated, with its greeting (AuthenticationOk … ReadyForQuery) kept for its next client. */
interface Session {
  tcp: net.Socket;
  greeting: Buffer;
  fromServer: MessageFramer;
  onServer: (messages: Buffer[]) => void;
  idleTimer?: NodeJS.Timeout;
}

/**
 * The WebSocket-to-TCP relay the Neon serverless driver speaks (`/v1?address=host:port`), so the
 * Worker reaches a local Postgres exactly as it reaches Neon. Only loopback targets are allowed.
 *
 * A Worker opens a connection per request, as it does on Neon; there Neon's pooler hands it a warm
 * backend, and so does this relay: a trust-authenticated session is reset (SESSION_RESET) when its
 * client leaves and given to the next client with the same startup message, instead of Postgres
 * forking and warming a new backend each time. Sessions that needed a password are relayed as is.
 */
export function startNeonRelay(port: number): Promise<Relay> {
  const idle = new Map<string, Session[]>();
  const open = new Set<net.Socket>();
  const trips: ConnectionTrips[] = [];
  let connections = 0;
  const httpPools = new Map<string, pg.Pool>();

  function keepTrips(entry: ConnectionTrips) {
    trips.push(entry);
    if (trips.length > KEPT_CONNECTIONS) trips.shift();
  }

  /**
   * Neon's HTTP protocol (`POST /sql`, what the driver's `neon()` and `transaction()` send): one query,
   * or a transaction of several, per request, each answered from a warm pooled session as Neon's proxy
   * does. Only loopback databases, as for WebSockets.
   */
  async function answerSql(request: http.IncomingMessage, response: http.ServerResponse) {
    const connectionString = String(request.headers["neon-connection-string"] ?? "");
    const host = URL.canParse(connectionString) ? new URL(connectionString).hostname : "";
    if (!["127.0.0.1", "localhost"].includes(host)) {
      response.writeHead(400, { "Content-Type": "application/json" }).end(JSON.stringify({ message: "only loopback Postgres addresses are relayed" }));
      return;
    }
    const chunks: Buffer[] = [];
    for await (const chunk of request) chunks.push(chunk as Buffer);
    const body = JSON.parse(Buffer.concat(chunks).toString("utf8")) as HttpQuery | { queries: HttpQuery[] };
    const queries = "queries" in body ? body.queries : [body];
    keepTrips({ seq: ++connections, statements: [queries.map((q) => statementName(q.query)).join("; ")], http: true });
    let pool = httpPools.get(connectionString);
    if (!pool) {
      pool = new pg.Pool({ connectionString, max: 32 });
      pool.on("error", () => {});
      httpPools.set(connectionString, pool);
    }
    const client = await pool.connect();
    const run = (q: HttpQuery) => client.query<unknown[]>({ text: q.query, values: q.params ?? [], rowMode: "array", types: RAW_TEXT });
    try {
      let answer: unknown;
      if ("queries" in body) {
        const header = (name: string) => request.headers[name] as string | undefined;
        const mode = [
          header("neon-batch-isolation-level") &&
            `ISOLATION LEVEL ${header("neon-batch-isolation-level")!
              .replace(/([a-z])([A-Z])/g, "$1 $2")
              .toUpperCase()}`,
          header("neon-batch-read-only") === "true" && "READ ONLY",
          header("neon-batch-deferrable") === "true" && "DEFERRABLE",
        ].filter(Boolean);
        await client.query(`BEGIN ${mode.join(" ")}`);
        const results = [];
        for (const q of queries) results.push(shaped(await run(q)));
        await client.query("COMMIT");
        answer = { results };
      } else {
        answer = shaped(await run(body));
      }
      response.writeHead(200, { "Content-Type": "application/json" }).end(JSON.stringify(answer));
    } catch (err) {
      if ("queries" in body) await client.query("ROLLBACK").catch(() => {});
      const failure = err as Record<string, unknown> & { message: string };
      const fields = Object.fromEntries(ERROR_FIELDS.map((f) => [f, failure[f]]));
      response.writeHead(400, { "Content-Type": "application/json" }).end(JSON.stringify({ message: failure.message, ...fields }));
    } finally {
      client.release();
    }
  }

  /** Counts the client's messages that wait for the server, for this connection's entry in `trips`. */
  function countTrips() {
    const entry: ConnectionTrips = { seq: ++connections, statements: [] };
    keepTrips(entry);
    let parsed = "";
    const text = (message: Buffer, from: number) => statementName(message.toString("utf8", from, message.indexOf(0, from)));
    return (messages: Buffer[]) => {
      for (const message of messages) {
        const type = typeOf(message);
        if (type === "P")
          parsed = text(message, message.indexOf(0, 5) + 1); // Parse: statement name, then its SQL
        else if (type === "Q") entry.statements.push(text(message, 5));
        else if (type === "S") entry.statements.push(parsed);
      }
    };
  }

  function connectPostgres(target: number) {
    const tcp = net.connect(target, "127.0.0.1");
    tcp.setNoDelay(true);
    tcp.on("error", () => tcp.destroy());
    open.add(tcp);
    tcp.on("close", () => open.delete(tcp));
    return tcp;
  }

  function takeIdle(key: string): Session | undefined {
    const sessions = idle.get(key) ?? [];
    for (let session = sessions.pop(); session; session = sessions.pop()) {
      clearTimeout(session.idleTimer);
      if (!session.tcp.destroyed) return session;
    }
    return undefined;
  }

  function keepIdle(key: string, session: Session) {
    const sessions = idle.get(key) ?? [];
    if (sessions.length >= MAX_IDLE_PER_STARTUP) {
      session.tcp.destroy();
      return;
    }
    idle.set(key, sessions);
    sessions.push(session);
    session.idleTimer = setTimeout(() => {
      const at = sessions.indexOf(session);
      if (at !== -1) sessions.splice(at, 1);
      session.tcp.destroy();
    }, IDLE_MS).unref();
  }

  /** Resets a session its client left and keeps it; any surprise (an error, a stuck COPY) closes it instead. */
  function release(key: string, session: Session) {
    let discarded = false;
    const timer = setTimeout(() => session.tcp.destroy(), RESET_MS);
    session.onServer = (messages) => {
      for (const message of messages) {
        if (isDiscardAllDone(message)) discarded = true;
        else if (discarded && typeOf(message) === "Z") {
          clearTimeout(timer);
          session.onServer = () => session.tcp.destroy(); // nothing may arrive while idle
          if (isIdle(message)) keepIdle(key, session);
          else session.tcp.destroy();
        }
      }
    };
    session.tcp.write(SESSION_RESET);
  }

  /** Connects and authenticates a new backend; undefined (and the socket already piped raw) if it asked for a password. */
  function newSession(target: number, startup: Buffer, client: WebSocket, early: Buffer[]): Promise<Session | undefined> {
    const tcp = connectPostgres(target);
    const fromServer = new MessageFramer();
    const received: Buffer[] = [];
    return new Promise((resolve) => {
      const failed = () => {
        client.close();
        resolve(undefined);
      };
      const onData = (chunk: Buffer) => {
        const messages = fromServer.push(chunk);
        received.push(...messages);
        if (received.length > 0 && !isAuthenticationOk(received[0]!)) {
          // Password or error: this client talks to Postgres directly from here on.
          tcp.off("data", onData).off("close", failed);
          client.send(Buffer.concat(received));
          pipeRaw(client, tcp, early);
          return resolve(undefined);
        }
        if (messages.some((m) => typeOf(m) === "Z")) {
          tcp.off("data", onData).off("close", failed);
          const session: Session = { tcp, greeting: Buffer.concat(received), fromServer, onServer: () => {} };
          tcp.on("data", (data: Buffer) => session.onServer(session.fromServer.push(data)));
          resolve(session);
        }
      };
      tcp.on("data", onData).on("close", failed);
      tcp.write(startup);
    });
  }

  function pipeRaw(client: WebSocket, tcp: net.Socket, early: Buffer[] = []) {
    for (const data of early) tcp.write(data);
    client.on("message", (data: Buffer) => tcp.write(data));
    tcp.on("data", (chunk) => client.send(chunk));
    const closeBoth = () => {
      tcp.destroy();
      if (client.readyState === client.OPEN) client.close();
    };
    tcp.on("close", closeBoth);
    client.on("close", closeBoth);
  }

  async function relayPooled(client: WebSocket, target: number, startup: Buffer, rest: Buffer) {
    const key = `${target}:${startup.toString("base64")}`;
    // The driver waits for the greeting before it writes again, but anything early is kept, in order.
    const early = rest.length > 0 ? [rest] : [];
    const collect = (data: Buffer) => early.push(data);
    client.on("message", collect);
    const session = takeIdle(key) ?? (await newSession(target, startup, client, early));
    client.off("message", collect);
    if (!session) return;
    if (client.readyState !== client.OPEN) return release(key, session);
    let released = false;
    const leave = () => {
      if (released) return;
      released = true;
      session.tcp.off("close", closeClient);
      release(key, session);
    };
    const closeClient = () => client.readyState === client.OPEN && client.close();
    session.tcp.on("close", closeClient);
    session.onServer = (messages) => messages.length > 0 && client.send(Buffer.concat(messages));
    client.send(session.greeting);
    const fromClient = new MessageFramer();
    const count = countTrips();
    const forward = (data: Buffer) => {
      if (released) return;
      const messages = fromClient.push(data);
      count(messages);
      const terminate = messages.findIndex((m) => typeOf(m) === "X"); // the client's goodbye: the session stays
      const toSend = terminate === -1 ? messages : messages.slice(0, terminate);
      if (toSend.length > 0) session.tcp.write(Buffer.concat(toSend));
      if (terminate === -1) return;
      leave();
      // Postgres closes the connection after a Terminate, and clients wait for that: the Neon driver
      // in workerd keeps its socket (and a file descriptor) open until the server closes it.
      client.close();
    };
    for (const data of early) forward(data);
    client.on("message", forward);
    client.on("close", leave);
  }

  // POST /sql: Neon's HTTP protocol. GET /round-trips?after=SEQ: the connections (and HTTP queries)
  // since SEQ, each with its round trips (the bench's count).
  const server = http.createServer((request, response) => {
    const url = new URL(request.url ?? "", "http://relay");
    if (request.method === "POST" && url.pathname === "/sql") {
      answerSql(request, response).catch((err: Error) => response.writeHead(500).end(err.message));
      return;
    }
    if (request.method !== "GET" || url.pathname !== "/round-trips") {
      response.writeHead(404).end();
      return;
    }
    const after = Number(url.searchParams.get("after") ?? 0);
    response.writeHead(200, { "Content-Type": "application/json" }).end(JSON.stringify({ last: connections, connections: trips.filter((t) => t.seq > after) }));
  });
  const wss = new WebSocketServer({ server, path: "/v1" });
  wss.on("connection", (client, request) => {
    const address = new URL(request.url ?? "", "http://relay").searchParams.get("address") ?? "";
    const match = /^(127\.0\.0\.1|localhost):(\d+)$/.exec(address);
    if (!match) {
      client.close(1008, "only loopback Postgres addresses are relayed");
      return;
    }
    const target = Number(match[2]);
    client.on("error", () => client.terminate());
    let head = Buffer.alloc(0);
    const readStartup = (data: Buffer) => {
      head = Buffer.concat([head, data]);
      const first = startupMessage(head);
      if (first === "incomplete") return;
      client.off("message", readStartup);
      if (first === "other") {
        // SSL, GSS or cancel request: relayed byte for byte.
        const tcp = connectPostgres(target);
        tcp.write(head);
        return pipeRaw(client, tcp);
      }
      void relayPooled(client, target, first.startup, first.rest);
    };
    client.on("message", readStartup);
  });
  return new Promise((resolve, reject) => {
    server.once("error", reject);
    server.listen(port, "127.0.0.1", () =>
      resolve({
        url: `127.0.0.1:${port}`,
        close: async () => {
          for (const client of wss.clients) client.terminate();
          for (const tcp of open) tcp.destroy();
          // Before Postgres stops: a pooled session it ends while this still holds it would throw.
          await Promise.all([...httpPools.values()].map((pool) => pool.end().catch(() => {})));
          server.closeAllConnections();
          await new Promise<void>((done) => wss.close(() => server.close(() => done())));
        },
      }),
    );
  });
}
