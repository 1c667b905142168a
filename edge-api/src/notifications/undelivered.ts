import { and, eq, inArray } from "drizzle-orm";
import { recordAudit } from "../audit/record";
import type { Database } from "../db/client";
import type { Env } from "../env";
import { ApiFailure } from "../errors";
import { outbox } from "./schema";

// What an operator does about an email the shop gave up on (failed) or never heard back about
// (unknown): send it again — once, from the start of its retries — or, when it reached the shopper
// some other way, mark it sent. Either is audited; only an undelivered message can be moved.

const UNDELIVERED = ["failed", "unknown"] as const;

async function move(db: Database, id: number, actor: string, action: "send_again" | "mark_sent") {
  return db.transaction(async (tx) => {
    const [row] = await tx.select().from(outbox).where(eq(outbox.id, id)).for("update");
    if (!row) throw new ApiFailure(404, "not_found", `No email ${id}.`);
    if (!UNDELIVERED.includes(row.status as (typeof UNDELIVERED)[number])) {
      throw new ApiFailure(409, "not_undelivered", `Email ${id} is ${row.status}: only a failed or unconfirmed email can be sent again or marked sent.`);
    }
    const change =
      action === "send_again"
        ? ({ status: "pending", attempts: 0, sendAfter: new Date(), leaseUntil: null } as const)
        : ({ status: "sent", sentAt: new Date(), leaseUntil: null } as const);
    await tx
      .update(outbox)
      .set(change)
      .where(and(eq(outbox.id, id), inArray(outbox.status, [...UNDELIVERED])));
    await recordAudit(tx, actor, {
      area: "platform",
      action: `message.${action}`,
      subject: `message:${id}`,
      before: { status: row.status, attempts: row.attempts },
      after: { status: change.status, ...(action === "send_again" && { attempts: 0 }) },
    });
    return row;
  });
}

/** Back to pending with its retries from the start, and on the mail queue at once (the sweep would find it within minutes too). */
export async function sendAgain(db: Database, env: Env, id: number, actor: string) {
  await move(db, id, actor, "send_again");
  await env.MAIL_QUEUE.send({ id });
}

/** It reached the shopper another way (the operator sent it by hand): never sent by the shop. */
export async function markSent(db: Database, id: number, actor: string) {
  await move(db, id, actor, "mark_sent");
}
