import { and, eq, inArray, lte, sql } from "drizzle-orm";
import type { Database } from "../db/client";
import type { Env } from "../env";
import { compose } from "./compose";
import type { MessageFacts } from "./outbox";
import { isMarketingTopic, optedOutOf, unsubscribePath } from "./preferences";
import { render } from "./render";
import { outbox } from "./schema";
import { SendFailure, senderFor } from "./senders";

/** A message is tried at most this often; then it is a dead letter operators see. */
export const MAX_ATTEMPTS = 5;

/** What became of one queued id: the queue acks it, or retries it after a back-off. */
export type Delivery = { outcome: "sent" | "skipped" | "not_claimed" | "failed" | "unknown" } | { outcome: "retry"; delaySeconds: number };

export interface MailQueueMessage {
  id: number;
}

type Row = typeof outbox.$inferSelect;
type Change = Partial<typeof outbox.$inferInsert>;

const seconds = (env: Env, name: "MAIL_LEASE_SECONDS" | "MAIL_RETRY_SECONDS", fallback: number) => Number(env[name] ?? fallback);

/**
 * Sends each of these outbox rows at most once. The rows are claimed first (pending → sending, one
 * statement for the batch), so a redelivered id, a second consumer or the sweep finds them taken;
 * the results are written after the sender answers (sent ones in one statement). A consumer that
 * dies in between leaves its claims to lapse (sweepMail settles them).
 */
export async function deliverMany(db: Database, env: Env, ids: number[]): Promise<Map<number, Delivery>> {
  const claimed = await db
    .update(outbox)
    .set({
      status: "sending",
      attempts: sql`${outbox.attempts} + 1`,
      leaseUntil: sql`now() + make_interval(secs => ${seconds(env, "MAIL_LEASE_SECONDS", 120)})`,
    })
    .where(and(inArray(outbox.id, ids), eq(outbox.status, "pending"), lte(outbox.sendAfter, sql`now()`)))
    .returning();
  // Sent, being sent, given up on, or not due yet (its retry or the sweep brings it back).
  const deliveries = new Map<number, Delivery>(ids.map((id) => [id, { outcome: "not_claimed" }]));
  if (claimed.length === 0) return deliveries;

  const marketing = claimed.filter((row) => isMarketingTopic(row.kind));
  const refused = marketing.length
    ? await optedOutOf(
        db,
        marketing.map((row) => row.recipient),
      )
    : new Set<string>();
  const sent: Array<{ id: number; messageId: string }> = [];
  const otherwise: Array<[id: number, change: Change]> = [];
  await Promise.all(
    claimed.map(async (row) => {
      if (refused.has(`${row.recipient.toLowerCase()}:${row.kind}`)) {
        otherwise.push([row.id, { status: "skipped", lastError: "the recipient unsubscribed from these emails" }]);
        deliveries.set(row.id, { outcome: "skipped" });
        return;
      }
      const [delivery, change] = await sendOne(env, row);
      deliveries.set(row.id, delivery);
      if (delivery.outcome === "sent") sent.push({ id: row.id, messageId: change.providerMessageId! });
      else otherwise.push([row.id, change]);
    }),
  );
  if (sent.length) {
    const values = sql.join(
      sent.map((s) => sql`(${s.id}::int, ${s.messageId})`),
      sql`, `,
    );
    await db.execute(sql`UPDATE ${outbox} SET status = 'sent', sent_at = now(), provider_message_id = v.message_id, lease_until = NULL, last_error = NULL
      FROM (VALUES ${values}) AS v(id, message_id) WHERE ${outbox.id} = v.id`);
  }
  await Promise.all(
    otherwise.map(([id, change]) =>
      db
        .update(outbox)
        .set({ leaseUntil: null, ...change })
        .where(eq(outbox.id, id)),
    ),
  );
  return deliveries;
}

/** One claimed row: composed, rendered, handed to the sender; what became of it and the row's change. */
async function sendOne(env: Env, row: Row): Promise<[Delivery, Change]> {
  const composed = compose({ kind: row.kind, data: row.data } as MessageFacts, env.STORE_NAME);
  const rendered = await render(
    composed,
    { name: env.STORE_NAME, address: env.STORE_ADDRESS, origin: env.PUBLIC_ORIGIN },
    composed.marketing ? unsubscribePath(env, row.recipient, row.kind) : undefined,
  );
  try {
    const { messageId } = await senderFor(env).send(row.recipient, rendered, String(row.id));
    return [{ outcome: "sent" }, { providerMessageId: messageId }];
  } catch (err) {
    if (!(err instanceof SendFailure)) throw err;
    if (err.outcome === "unknown") return [{ outcome: "unknown" }, { status: "unknown", lastError: `${err.message} (it may have been sent: not sent again)` }];
    if (err.outcome === "permanent" || row.attempts >= MAX_ATTEMPTS) {
      return [
        { outcome: "failed" },
        { status: "failed", lastError: `${err.message}${err.outcome === "transient" ? ` (after ${row.attempts} attempts)` : ""}` },
      ];
    }
    // Back-off doubles: 30 s, 1 min, 2 min, 4 min by default.
    const delaySeconds = seconds(env, "MAIL_RETRY_SECONDS", 30) * 2 ** (row.attempts - 1);
    const later = sql`now() + make_interval(secs => ${delaySeconds})` as unknown as Date;
    return [
      { outcome: "retry", delaySeconds },
      { status: "pending", lastError: err.message, sendAfter: later, queuedAt: later },
    ];
  }
}

/** One row, as the queue hands it over (tests, a single redelivery). */
export async function deliver(db: Database, env: Env, id: number): Promise<Delivery> {
  return (await deliverMany(db, env, [id])).get(id)!;
}

/** The `queue()` handler: the batch's ids delivered together; the queue retries what could not be decided. */
export async function deliverBatch(db: Database, env: Env, batch: MessageBatch<unknown>) {
  const ours = batch.messages.filter((message) => Number.isSafeInteger((message.body as Partial<MailQueueMessage> | null)?.id));
  for (const message of batch.messages) if (!ours.includes(message)) message.ack(); // not ours to send
  const ids = [...new Set(ours.map((message) => (message.body as MailQueueMessage).id))];
  if (ids.length === 0) return;
  let deliveries: Map<number, Delivery>;
  try {
    deliveries = await deliverMany(db, env, ids);
  } catch (err) {
    console.error(`mail ${ids.join(", ")}: ${(err as Error).message}`);
    for (const message of ours) message.retry({ delaySeconds: seconds(env, "MAIL_RETRY_SECONDS", 30) });
    return;
  }
  for (const message of ours) {
    const delivery = deliveries.get((message.body as MailQueueMessage).id)!;
    if (delivery.outcome === "retry") message.retry({ delaySeconds: delivery.delaySeconds });
    else message.ack();
  }
}
