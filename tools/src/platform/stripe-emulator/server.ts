// A stateful emulator of the slice of the Stripe API the shop uses (PaymentIntents, refunds, signed
// webhooks), so `npm start`, `npm test` and `npm run bench` take payments offline through the real
// `stripe` SDK. State lives in memory. Routes under /_emulator are its control endpoint (docs/checkout.md,
// "Payments locally").
import crypto from "node:crypto";
import http from "node:http";
import type { AddressInfo } from "node:net";
import qs from "qs";
import { Payments, StripeFailure } from "./payments";
import { threeDSecurePage } from "./three-d-secure";
import { type Fault, type WebhookOptions, Webhooks } from "./webhooks";

export interface StripeEmulator {
  /** e.g. http://127.0.0.1:12111 */
  url: string;
  port: number;
  payments: Payments;
  webhooks: Webhooks;
  close: () => Promise<void>;
}

interface Reply {
  status: number;
  body: unknown;
  /** Stripe's request id: a replayed answer keeps the first one's. */
  requestId?: string;
  replayed?: true;
}

/** What Stripe keeps per Idempotency-Key: the request it stood for and the first answer. */
interface Remembered {
  fingerprint: string;
  reply: Reply;
}

const ok = (body: unknown): Reply => ({ status: 200, body });

export async function startStripeEmulator({
  port = 0,
  processingMs,
  ...webhookOptions
}: { port?: number; processingMs?: number } & WebhookOptions): Promise<StripeEmulator> {
  const webhooks = new Webhooks(webhookOptions);
  let origin = "";
  const payments = new Payments(
    (type, object) => webhooks.record(type, object),
    () => origin,
    processingMs,
  );
  const remembered = new Map<string, Remembered>();

  function api(method: string, path: string, params: Record<string, unknown>): Reply {
    const [, resource, id, action] = path.split("/").slice(1); // ["v1", resource, id?, action?]
    if (resource === "payment_intents") {
      if (method === "POST" && !id) return ok(payments.create(params));
      if (method === "GET" && id && !action) return ok(payments.intent(id));
      if (method === "POST" && id && !action) return ok(payments.update(id, params));
      if (method === "POST" && id && action === "confirm") return ok(payments.confirm(id, params));
      if (method === "POST" && id && action === "cancel") return ok(payments.cancel(id, params));
    }
    if (resource === "refunds") {
      if (method === "POST" && !id) return ok(payments.refund(params));
      const refund = id && payments.refunds.get(id);
      if (method === "GET" && refund) return ok(refund);
    }
    if (resource === "charges" && method === "GET" && id && payments.charges.has(id)) return ok(payments.charges.get(id));
    return {
      status: 404,
      body: {
        error: {
          type: "invalid_request_error",
          message: `Unrecognized request URL (${method}: ${path}). The emulator implements payment_intents, refunds and charges.`,
        },
      },
    };
  }

  /** Stripe's idempotency: a key replays its first answer, even a failure; reused for another request it is refused. */
  function idempotent(key: string | undefined, fingerprint: string, answer: () => Reply): Reply {
    if (!key) return answer();
    const earlier = remembered.get(key);
    if (earlier && earlier.fingerprint !== fingerprint) {
      return {
        status: 400,
        body: {
          error: {
            type: "idempotency_error",
            message: `Keys for idempotent requests can only be used with the same parameters they were first used with. Try using a key other than '${key}' if you meant to execute a different request.`,
          },
        },
      };
    }
    if (earlier) return { ...earlier.reply, replayed: true };
    const reply = { ...answer(), requestId: `req_${crypto.randomBytes(8).toString("hex")}` };
    remembered.set(key, { fingerprint, reply });
    return reply;
  }

  async function control(method: string, path: string, body: Record<string, unknown>): Promise<Reply> {
    if (method === "POST" && path === "/_emulator/faults") {
      webhooks.addFault(body as Fault);
      return ok({ ok: true });
    }
    if (method === "POST" && path === "/_emulator/events/release") return ok({ released: await webhooks.release(body) });
    if (method === "GET" && path === "/_emulator/events") return ok({ deliveries: webhooks.deliveries });
    const signed = /^\/_emulator\/events\/([\w]+)\/signed$/.exec(path);
    if (method === "POST" && signed) {
      const delivery = webhooks.signed(signed[1]!, Number(body.lateBySeconds ?? 0));
      return delivery ? ok(delivery) : { status: 404, body: { error: { message: "No such event." } } };
    }
    if (method === "POST" && path === "/_emulator/webhook-endpoint") {
      webhooks.configure(body as Partial<WebhookOptions>);
      return ok({ ok: true });
    }
    if (method === "POST" && path === "/_emulator/reset") {
      webhooks.reset();
      return ok({ ok: true });
    }
    return { status: 404, body: { error: { message: `No control route ${method} ${path}.` } } };
  }

  const server = http.createServer(async (request, response) => {
    const url = new URL(request.url ?? "/", "http://emulator");
    const chunks: Buffer[] = [];
    for await (const chunk of request) chunks.push(chunk as Buffer);
    const raw = Buffer.concat(chunks).toString("utf8");
    const send = ({ status, body, requestId, replayed }: Reply, headers: Record<string, string> = {}) => {
      const id = requestId ?? `req_${crypto.randomBytes(8).toString("hex")}`;
      response.writeHead(status, { "Content-Type": "application/json", "Request-Id": id, ...(replayed && { "Idempotent-Replayed": "true" }), ...headers });
      response.end(JSON.stringify(body));
    };
    try {
      const page = threeDSecurePage(request.method ?? "GET", url, raw, payments);
      if (page) {
        response.writeHead(page.status, page.headers);
        return response.end(page.body);
      }
      if (url.pathname.startsWith("/_emulator/")) return send(await control(request.method ?? "GET", url.pathname, raw ? JSON.parse(raw) : {}));
      if (!url.pathname.startsWith("/v1/")) return send({ status: 404, body: { error: { message: "Not a Stripe API path." } } });
      if (!/^Bearer sk_test_\w+$/.test(request.headers.authorization ?? "")) {
        return send({
          status: 401,
          body: { error: { type: "invalid_request_error", message: "Invalid API Key provided: use a test secret key (sk_test_…)." } },
        });
      }
      const params = qs.parse(request.method === "GET" ? url.search.slice(1) : raw, { depth: 3 }) as Record<string, unknown>;
      const key = request.headers["idempotency-key"] as string | undefined;
      const reply = idempotent(key, `${request.method} ${url.pathname} ${raw}`, () => {
        try {
          return api(request.method ?? "GET", url.pathname, params);
        } catch (err) {
          if (err instanceof StripeFailure) return { status: err.status, body: { error: err.body } };
          throw err;
        }
      });
      send(reply, key ? { "Idempotency-Key": key } : {});
    } catch (err) {
      send({ status: 500, body: { error: { type: "api_error", message: `Emulator error: ${(err as Error).message}` } } });
    }
  });
  await new Promise<void>((resolve) => server.listen(port, "127.0.0.1", resolve));
  const bound = (server.address() as AddressInfo).port;
  origin = `http://127.0.0.1:${bound}`;
  return {
    url: origin,
    port: bound,
    payments,
    webhooks,
    close: () =>
      new Promise<void>((resolve) => {
        webhooks.reset();
        server.closeAllConnections();
        server.close(() => resolve());
      }),
  };
}
