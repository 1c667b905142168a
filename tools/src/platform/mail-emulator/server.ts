// A local stand-in for an HTTP email provider with Resend's API (POST /emails, Bearer key,
// Idempotency-Key), so `npm start`, `npm test` and `npm run bench` send real HTTP requests from the
// Worker and every message handed over can be read: the mailbox page at its root, JSON under
// /_emulator/messages, `npm run mail`. Faults for tests under /_emulator/faults (docs/notifications.md).
import crypto from "node:crypto";
import http from "node:http";
import type { AddressInfo } from "node:net";
import { mailboxPage, messagePage } from "./pages";

export interface Mail {
  id: string;
  from: string;
  to: string[];
  subject: string;
  html: string;
  text: string;
  headers: Record<string, string>;
  idempotencyKey?: string;
  receivedAt: string;
}

/** What the next sends to one address meet: an error status, or acceptance without an answer (a send whose answer is lost). */
export interface Fault {
  to: string;
  times: number;
  status?: number;
  acceptThenHang?: boolean;
}

export interface MailEmulator {
  url: string;
  port: number;
  mails: Mail[];
  close: () => Promise<void>;
}

const MAX_BODY = 1024 * 1024;

export async function startMailEmulator({ port = 0, apiKey }: { port?: number; apiKey: string }): Promise<MailEmulator> {
  const mails: Mail[] = [];
  const byKey = new Map<string, Mail>();
  let faults: Fault[] = [];
  const hanging = new Set<http.ServerResponse>();

  const json = (res: http.ServerResponse, status: number, body: unknown) => {
    res.writeHead(status, { "content-type": "application/json" });
    res.end(JSON.stringify(body));
  };
  const fail = (res: http.ServerResponse, status: number, name: string, message: string) => json(res, status, { statusCode: status, name, message });

  function receive(req: http.IncomingMessage, res: http.ServerResponse, body: unknown) {
    if (req.headers.authorization !== `Bearer ${apiKey}`) return fail(res, 401, "missing_api_key", "Send the API key as a Bearer token.");
    const key = req.headers["idempotency-key"] as string | undefined;
    const earlier = key ? byKey.get(key) : undefined;
    if (earlier) return json(res, 200, { id: earlier.id });
    const m = body as Partial<Mail> | null;
    const to = Array.isArray(m?.to) ? m.to : typeof m?.to === "string" ? [m.to] : [];
    if (!m || typeof m.from !== "string" || to.length === 0 || !to.every((a) => typeof a === "string" && /^[^@\s]+@[^@\s]+$/.test(a))) {
      return fail(res, 422, "validation_error", "from and to (valid addresses) are required.");
    }
    if (typeof m.subject !== "string" || !m.subject) return fail(res, 422, "validation_error", "subject is required.");
    const fault = faults.find((f) => f.times > 0 && to.includes(f.to));
    if (fault) fault.times--;
    if (fault?.status) return fail(res, fault.status, fault.status === 429 ? "rate_limit_exceeded" : "application_error", `Emulated failure ${fault.status}.`);
    const mail: Mail = {
      id: crypto.randomUUID(),
      from: m.from,
      to,
      subject: m.subject,
      html: typeof m.html === "string" ? m.html : "",
      text: typeof m.text === "string" ? m.text : "",
      headers: m.headers && typeof m.headers === "object" ? (m.headers as Record<string, string>) : {},
      idempotencyKey: key,
      receivedAt: new Date().toISOString(),
    };
    mails.push(mail);
    if (key) byKey.set(key, mail);
    if (fault?.acceptThenHang) return void hanging.add(res); // taken, but the sender never hears so
    json(res, 200, { id: mail.id });
  }

  const server = http.createServer((req, res) => {
    const url = new URL(req.url ?? "/", "http://mail.local");
    let raw = "";
    req.on("data", (chunk: Buffer) => {
      raw += chunk.toString("utf8");
      if (raw.length > MAX_BODY) req.destroy();
    });
    req.on("end", () => {
      let body: unknown = null;
      try {
        body = raw ? JSON.parse(raw) : null;
      } catch {
        return fail(res, 400, "invalid_json", "The body is not JSON.");
      }
      const newestFirst = () => [...mails].reverse();
      if (req.method === "POST" && url.pathname === "/emails") return receive(req, res, body);
      if (req.method === "GET" && url.pathname === "/_emulator/messages") {
        const to = url.searchParams.get("to")?.toLowerCase();
        return json(res, 200, { data: newestFirst().filter((m) => !to || m.to.some((a) => a.toLowerCase() === to)) });
      }
      if (req.method === "POST" && url.pathname === "/_emulator/faults") {
        faults.push(body as Fault);
        return json(res, 200, { faults });
      }
      if (req.method === "DELETE" && url.pathname === "/_emulator/faults") {
        faults = [];
        return json(res, 200, { faults });
      }
      if (req.method === "GET" && url.pathname === "/") {
        res.writeHead(200, { "content-type": "text/html; charset=utf-8" });
        return res.end(mailboxPage(newestFirst()));
      }
      const one = /^\/messages\/([\w-]+)$/.exec(url.pathname);
      const mail = one && mails.find((m) => m.id === one[1]);
      if (req.method === "GET" && mail) {
        res.writeHead(200, { "content-type": "text/html; charset=utf-8" });
        return res.end(messagePage(mail));
      }
      fail(res, 404, "not_found", `No route ${req.method} ${url.pathname}.`);
    });
  });
  await new Promise<void>((resolve, reject) => {
    server.once("error", reject);
    server.listen(port, "127.0.0.1", resolve);
  });
  const actual = (server.address() as AddressInfo).port;
  return {
    url: `http://127.0.0.1:${actual}`,
    port: actual,
    mails,
    close: () =>
      new Promise<void>((resolve) => {
        for (const res of hanging) res.destroy();
        server.closeAllConnections();
        server.close(() => resolve());
      }),
  };
}
