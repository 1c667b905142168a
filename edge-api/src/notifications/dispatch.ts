import { sql } from "drizzle-orm";
import { createMiddleware } from "hono/factory";
import type { Database } from "../db/client";
import type { AppEnv, Env } from "../env";
import { MAX_ATTEMPTS, type MailQueueMessage } from "./delivery";
import { outbox } from "./schema";
import { senderFor } from "./senders";

/** Puts outbox ids on the mail queue (100 per call, the queue's batch limit). */
export async function putOnQueue(env: Env, ids: number[]) {
  for (let i = 0; i < ids.length; i += 100) {
    await env.MAIL_QUEUE.sendBatch(ids.slice(i, i + 100).map((id): { body: MailQueueMessage } => ({ body: { id } })));
  }
}

/**
 * After the answer (so after the transaction that wrote them has committed), the messages this
 * request queued go on the mail queue. If that fails the sweep queues them within minutes.
 */
export const dispatchQueuedMail = createMiddleware<AppEnv>(async (c, next) => {
  await next();
  const ids = c.get("mailQueued");
  if (ids?.length) c.executionCtx.waitUntil(putOnQueue(c.env, ids).catch((err: Error) => console.error("mail queue", err.message)));
});

/**
 * Every minute (Cron): claims that lapsed (a consumer died mid-send) are settled — tried again when
 * the sender is idempotent, else marked unknown, never sent twice — and due messages not on the queue
 * for a while (a lost enqueue, a review request come due) go on it again.
 */
export async function sweepMail(db: Database, env: Env): Promise<{ lapsed: number; queued: number }> {
  const requeueAfter = Number(env.MAIL_REQUEUE_SECONDS ?? 120);
  const retry = senderFor(env).idempotent;
  const lapsed = await db
    .update(outbox)
    .set({
      status: retry ? sql`CASE WHEN ${outbox.attempts} >= ${MAX_ATTEMPTS} THEN 'failed' ELSE 'pending' END` : "unknown",
      lastError: retry
        ? "the sender's answer never came; asked again with the same key"
        : "the consumer stopped while sending; it may have been sent, so it is not sent again",
      leaseUntil: null,
    })
    .where(sql`${outbox.status} = 'sending' AND ${outbox.leaseUntil} < now()`)
    .returning({ id: outbox.id });
  const due = await db.execute<{ id: number }>(sql`
    UPDATE ${outbox} SET queued_at = now() WHERE id IN (
      SELECT id FROM ${outbox}
      WHERE status = 'pending' AND send_after <= now()
        AND coalesce(queued_at, CASE WHEN send_after > created_at THEN send_after ELSE created_at END) < now() - make_interval(secs => ${requeueAfter})
      ORDER BY id LIMIT 1000 FOR UPDATE SKIP LOCKED)
    RETURNING id`);
  const ids = due.rows.map((r) => Number(r.id));
  await putOnQueue(env, ids);
  return { lapsed: lapsed.length, queued: ids.length };
}
