import { and, eq, lte, sql } from "drizzle-orm";
import type { Database } from "../db/client";
import type { Env } from "../env";
import { compose } from "./compose";
import type { MessageFacts } from "./outbox";
import { isOptedOut, unsubscribePath } from "./preferences";
import { render } from "./render";
import { outbox } from "./schema";
import { SendFailure, senderFor } from "./senders";

/** A message is tried at most this often; then it is a dead letter operators see. */
export const MAX_ATTEMPTS = 5;

/** What became of one queued id: the queue acks it, or retries it after a back-off. */
export type Delivery = { outcome: "sent" | "skipped" | "not_claimed" | "failed" | "unknown" } | { outcome: "retry"; delaySeconds: number };

const seconds = (env: Env, name: "MAIL_LEASE_SECONDS" | "MAIL_RETRY_SECONDS", fallback: number) => Number(env[name] ?? fallback);

/**
 * Sends one outbox row at most once. The row is claimed first (pending → sending, one statement), so
 * a redelivered id, a second consumer or the sweep finds it taken; the result is written after the
 * sender answers. A consumer that dies between the two leaves the claim to lapse (sweepMail).
 */
export async function deliver(db: Database, env: Env, id: number): Promise<Delivery> {
  const [row] = await db
    .update(outbox)
    .set({
      status: "sending",
      attempts: sql`${outbox.attempts} + 1`,
      leaseUntil: sql`now() + make_interval(secs => ${seconds(env, "MAIL_LEASE_SECONDS", 120)})`,
    })
    .where(and(eq(outbox.id, id), eq(outbox.status, "pending"), lte(outbox.sendAfter, sql`now()`)))
    .returning();
  // Sent, being sent, given up on, or not due yet (its retry or the sweep brings it back).
  if (!row) return { outcome: "not_claimed" };
  const finish = (change: Partial<typeof outbox.$inferInsert>) =>
    db
      .update(outbox)
      .set({ leaseUntil: null, ...change })
      .where(eq(outbox.id, id));

  const composed = compose({ kind: row.kind, data: row.data } as MessageFacts, env.STORE_NAME);
  if (composed.marketing && (await isOptedOut(db, row.recipient, row.kind))) {
    await finish({ status: "skipped", lastError: "the recipient unsubscribed from these emails" });
    return { outcome: "skipped" };
  }
  const rendered = await render(
    composed,
    { name: env.STORE_NAME, address: env.STORE_ADDRESS, origin: env.PUBLIC_ORIGIN },
    composed.marketing ? unsubscribePath(env, row.recipient, row.kind) : undefined,
  );
  try {
    const { messageId } = await senderFor(env).send(row.recipient, rendered, String(row.id));
    await finish({ status: "sent", sentAt: new Date(), providerMessageId: messageId, lastError: null });
    return { outcome: "sent" };
  } catch (err) {
    if (!(err instanceof SendFailure)) throw err;
    if (err.outcome === "unknown") {
      await finish({ status: "unknown", lastError: `${err.message} (it may have been sent: not sent again)` });
      return { outcome: "unknown" };
    }
    if (err.outcome === "permanent" || row.attempts >= MAX_ATTEMPTS) {
      await finish({ status: "failed", lastError: `${err.message}${err.outcome === "transient" ? ` (after ${row.attempts} attempts)` : ""}` });
      return { outcome: "failed" };
    }
    // Back-off doubles: 30 s, 1 min, 2 min, 4 min by default.
    const delaySeconds = seconds(env, "MAIL_RETRY_SECONDS", 30) * 2 ** (row.attempts - 1);
    const later = sql`now() + make_interval(secs => ${delaySeconds})`;
    await finish({ status: "pending", lastError: err.message, sendAfter: later as unknown as Date, queuedAt: later as unknown as Date });
    return { outcome: "retry", delaySeconds };
  }
}

export interface MailQueueMessage {
  id: number;
}

/** The `queue()` handler: each id delivered on its own; the queue retries what could not be decided. */
export async function deliverBatch(db: Database, env: Env, batch: MessageBatch<unknown>) {
  await Promise.all(
    batch.messages.map(async (message) => {
      const id = (message.body as Partial<MailQueueMessage> | null)?.id;
      if (!Number.isSafeInteger(id)) return message.ack(); // not ours to send
      try {
        const delivery = await deliver(db, env, id!);
        if (delivery.outcome === "retry") message.retry({ delaySeconds: delivery.delaySeconds });
        else message.ack();
      } catch (err) {
        console.error(`mail ${id}: ${(err as Error).message}`);
        message.retry({ delaySeconds: seconds(env, "MAIL_RETRY_SECONDS", 30) });
      }
    }),
  );
}
