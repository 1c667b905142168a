import { eq, sql } from "drizzle-orm";
import type { Database } from "../db/client";
import { outbox } from "./schema";

/** What a domain owes a shopper by email; written with the change it reports, in its transaction. */
export interface Message {
  kind: (typeof outbox.$inferInsert)["kind"];
  recipient: string;
  subject: string;
  body: string;
  /** The order it is about, when it is about one. */
  orderNumber?: string;
}

/**
 * Anything that can insert: a database, a transaction, or a statement's `with` (so a message can be
 * the last part of one statement with the change it reports).
 */
interface Inserts {
  insert: Database["insert"];
}

/** Queues a message: it is sent once the change it reports is committed. */
export async function queueMessage(db: Inserts, message: Message) {
  await db.insert(outbox).values(message);
}

/** A deleted account's unsent messages go with it. */
export async function forgetMessagesTo(db: Pick<Database, "delete">, email: string) {
  await db.delete(outbox).where(eq(sql`lower(${outbox.recipient})`, email.toLowerCase()));
}
