import net from "node:net";
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
    const forward = (data: Buffer) => {
      if (released) return;
      const messages = fromClient.push(data);
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

  const wss = new WebSocketServer({ host: "127.0.0.1", port, path: "/v1" });
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
    wss.once("error", reject);
    wss.once("listening", () =>
      resolve({
        url: `127.0.0.1:${port}`,
        close: () =>
          new Promise<void>((done) => {
            for (const client of wss.clients) client.terminate();
            for (const tcp of open) tcp.destroy();
            wss.close(() => done());
          }),
      }),
    );
  });
}
