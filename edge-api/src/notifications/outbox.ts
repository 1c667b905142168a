import type { ShippingAddress } from "@shop/contracts";
import { eq, sql } from "drizzle-orm";
import { tryGetContext } from "hono/context-storage";
import type { Database } from "../db/client";
import type { AppEnv } from "../env";
import { outbox, stockAlerts } from "./schema";

/** A line of an order as its messages show it. */
export interface MessageLine {
  name: string;
  options: Record<string, string>;
  quantity: number;
  /** Integer minor units. */
  lineTotal: number;
}

/** An order's facts for its messages; links are paths, made absolute from PUBLIC_ORIGIN when sent. */
export interface OrderFacts {
  orderNumber: string;
  /** The order page, with its access token (a guest has no other way in). */
  orderPath: string;
  currency: string;
}

/** What each kind of message shows: the facts as they were when the change was made. */
export type MessageFacts =
  | {
      kind: "order_confirmation";
      data: OrderFacts & {
        lines: MessageLine[];
        totals: { subtotal: number; discount: number; shipping: number; tax: number; total: number };
        shippingAddress: ShippingAddress;
        shippingMethod: string;
      };
    }
  | { kind: "payment_failed"; data: { reason: string; cartPath: string } }
  | { kind: "order_shipped"; data: OrderFacts & { carrier: string | null; trackingNumber: string | null; lines: MessageLine[] } }
  | { kind: "order_delivered"; data: OrderFacts }
  | { kind: "order_cancelled" | "refund"; data: OrderFacts & { refunded: number; reason: string; lines: MessageLine[] } }
  | { kind: "verify_email" | "change_email" | "reset_password"; data: { linkPath: string } }
  | { kind: "existing_account"; data: { signInPath: string; resetPath: string } }
  | { kind: "back_in_stock"; data: { sku: string; productName: string; options: Record<string, string>; productPath: string } }
  | { kind: "review_request"; data: OrderFacts & { products: Array<{ name: string; productPath: string }> } }
  /** A return asked for (its items), approved (where to send them) or rejected (why, in `instructions`). */
  | {
      kind: "return_requested" | "return_approved" | "return_rejected";
      data: OrderFacts & { returnNumber: string; instructions: string; lines: MessageLine[] };
    };

export type Message = MessageFacts & {
  recipient: string;
  /** The order it is about, when it is about one. */
  orderNumber?: string;
  /** The event it reports, once: a second copy of the event (a webhook again) queues nothing. */
  dedupeKey?: string;
  /** Not before this (a review request some days after delivery). */
  sendAfter?: Date;
};

/**
 * Anything that can insert: a database, a transaction, or a statement's `with` (so a message can be
 * the last part of one statement with the change it reports).
 */
interface Inserts {
  insert: Database["insert"];
}

/**
 * Queues a message in the caller's transaction; once the request has answered (so the transaction has
 * committed) its id goes on the mail queue (dispatch.ts). Outside a request the sweep queues it.
 */
export async function queueMessage(db: Inserts, message: Message): Promise<void> {
  const { kind, data, recipient, orderNumber, dedupeKey, sendAfter } = message;
  const rows = await db
    .insert(outbox)
    .values({ kind, data: data as unknown as Record<string, unknown>, recipient, orderNumber, dedupeKey, sendAfter })
    .onConflictDoNothing({ target: outbox.dedupeKey })
    .returning({ id: outbox.id });
  if (!sendAfter || sendAfter.getTime() <= Date.now()) dispatchAfterResponse(rows.map((r) => r.id));
}

/** Puts these queued messages on the mail queue once the request has answered (the transaction that queued them committed). */
export function dispatchAfterResponse(ids: number[]) {
  const c = tryGetContext<AppEnv>();
  if (c && ids.length > 0) c.set("mailQueued", [...(c.get("mailQueued") ?? []), ...ids]);
}

/** A deleted account's messages and stock alerts go with it (its opt-outs stay: a no stays a no). */
export async function forgetMessagesTo(db: Pick<Database, "delete">, email: string) {
  await db.delete(outbox).where(eq(sql`lower(${outbox.recipient})`, email.toLowerCase()));
  await db.delete(stockAlerts).where(eq(sql`lower(${stockAlerts.email})`, email.toLowerCase()));
}

/** Emails given up on or never confirmed (failed, unknown), counted to `cap` (outbox_undelivered_idx). */
export async function undeliveredCount(db: Pick<Database, "execute">, cap: number): Promise<number> {
  const { rows } = await db.execute<{ n: number }>(
    sql`SELECT count(*)::int AS n FROM (SELECT 1 FROM outbox WHERE status IN ('failed', 'unknown') LIMIT ${cap}) undelivered`,
  );
  return rows[0]!.n;
}
