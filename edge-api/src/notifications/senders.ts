import type { Env } from "../env";
import type { Rendered } from "./render";

/**
 * Why a send failed, and so what may follow: transient → try again later; permanent → never (the
 * address or the message is refused); unknown → it may have gone out, and the sender cannot be asked
 * again without risking a second copy.
 */
export class SendFailure extends Error {
  constructor(
    readonly outcome: "transient" | "permanent" | "unknown",
    message: string,
  ) {
    super(message);
  }
}

export interface Sender {
  /** Hands the message over; the key is the outbox row's id. */
  send(to: string, message: Rendered, key: string): Promise<{ messageId: string }>;
  /** Whether sending again with the same key is answered by the first send (no second copy). */
  idempotent: boolean;
}

/** The sender the configuration names: Cloudflare Email Service (the default) or an HTTP provider. */
export function senderFor(env: Env): Sender {
  if (env.MAIL_PROVIDER === "http") return httpSender(env);
  if (!env.EMAIL) throw new Error("MAIL_PROVIDER is email-service but the Worker has no EMAIL (send_email) binding");
  return emailServiceSender(env.EMAIL, env.MAIL_FROM);
}

// Email Service's error codes (developers.cloudflare.com/email-service): which say the message was not taken.
const TRANSIENT_CODES = new Set(["E_RATE_LIMIT_EXCEEDED", "E_DAILY_LIMIT_EXCEEDED", "E_INTERNAL_SERVER_ERROR", "E_SERVICE_UNAVAILABLE"]);
const PERMANENT_CODES = new Set(["E_RECIPIENT_SUPPRESSED", "E_RECIPIENT_NOT_ALLOWED", "E_SENDER_NOT_VERIFIED", "E_VALIDATION_ERROR", "E_CONTENT_TOO_LARGE"]);

/** Cloudflare Email Service (`send_email` binding). It has no idempotency key: the outbox row's claim is what sends once. */
function emailServiceSender(binding: SendEmail, from: string): Sender {
  return {
    idempotent: false,
    async send(to, message) {
      try {
        return await binding.send({ from, to, subject: message.subject, html: message.html, text: message.text, headers: message.headers });
      } catch (err) {
        const code = (err as { code?: string }).code ?? "";
        const outcome = TRANSIENT_CODES.has(code) ? "transient" : PERMANENT_CODES.has(code) ? "permanent" : "unknown";
        throw new SendFailure(outcome, `${code || "error"}: ${(err as Error).message}`);
      }
    },
  };
}

/**
 * An HTTP provider with Resend's API (POST /emails, `Idempotency-Key`): asking again with the same key
 * is answered with the first send, so a send whose answer was lost is simply tried again.
 * Locally it is the mail emulator (`npm run mail`).
 */
function httpSender(env: Env): Sender {
  const base = env.MAIL_API_URL ?? "https://api.resend.com";
  const timeout = Number(env.MAIL_TIMEOUT_MS ?? 10_000);
  return {
    idempotent: true,
    async send(to, message, key) {
      let response: Response;
      try {
        response = await fetch(`${base}/emails`, {
          method: "POST",
          headers: { authorization: `Bearer ${env.MAIL_API_KEY ?? ""}`, "content-type": "application/json", "idempotency-key": `outbox-${key}` },
          body: JSON.stringify({ from: env.MAIL_FROM, to: [to], subject: message.subject, html: message.html, text: message.text, headers: message.headers }),
          signal: AbortSignal.timeout(timeout),
        });
      } catch (err) {
        throw new SendFailure("transient", `no answer from ${base}: ${(err as Error).message}`);
      }
      const body = (await response.json().catch(() => ({}))) as { id?: string; message?: string; name?: string };
      if (response.ok && body.id) return { messageId: body.id };
      const detail = `${response.status} ${body.name ?? ""} ${body.message ?? ""}`.trim();
      // 422/400: the message itself is refused. 401/403 (a key to fix), 409 (the same key in flight), 429, 5xx: later.
      const permanent = response.status === 400 || response.status === 422;
      throw new SendFailure(permanent ? "permanent" : "transient", detail);
    },
  };
}
