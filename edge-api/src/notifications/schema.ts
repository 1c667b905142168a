import { sql } from "drizzle-orm";
import { check, index, integer, jsonb, pgTable, primaryKey, serial, text, uniqueIndex } from "drizzle-orm/pg-core";
// Foreign keys only: rows of other domains this domain's rows point at.
import { variants } from "../catalog/schema";
import { orders } from "../checkout/schema";
import { moment } from "../db/columns";

// The notifications domain's tables: what is owed to shoppers by email, and what they asked for.

export const MESSAGE_KINDS = [
  "order_confirmation",
  "payment_failed",
  "order_shipped",
  "order_delivered",
  "order_cancelled",
  "refund",
  "verify_email",
  "reset_password",
  "change_email",
  "existing_account",
  "back_in_stock",
  "review_request",
  "return_requested",
  "return_approved",
  "return_rejected",
] as const;

/**
 * pending → sending → sent; a transient failure goes back to pending (later), a permanent one or the
 * last attempt to failed (the dead letters operators see). unknown: the sender may have sent it and
 * cannot be asked again safely. skipped: the shopper opted out of its kind (or it predates sending).
 */
export const MESSAGE_STATUSES = ["pending", "sending", "sent", "failed", "unknown", "skipped"] as const;

/**
 * One message owed to one shopper, written in the transaction of the change it reports. `data` holds
 * the facts it shows (rendered when sent); the row id is the sender's idempotency key.
 */
export const outbox = pgTable(
  "outbox",
  {
    id: serial("id").primaryKey(),
    kind: text("kind", { enum: MESSAGE_KINDS }).notNull(),
    recipient: text("recipient").notNull(),
    data: jsonb("data").$type<Record<string, unknown>>().notNull().default({}),
    orderNumber: text("order_number").references(() => orders.number),
    /** The event it reports (`order_shipped:ORD-…`): a second copy of that event queues nothing. */
    dedupeKey: text("dedupe_key").unique(),
    status: text("status", { enum: MESSAGE_STATUSES }).notNull().default("pending"),
    attempts: integer("attempts").notNull().default(0),
    lastError: text("last_error"),
    /** Not before (a review request waits some days after delivery; a retry waits its back-off). */
    sendAfter: moment("send_after").notNull().defaultNow(),
    /** When its id was last put on the queue: the sweep queues again what stays unsent. */
    queuedAt: moment("queued_at"),
    /** While sending: until when the claim holds. A consumer that died leaves it to lapse. */
    leaseUntil: moment("lease_until"),
    providerMessageId: text("provider_message_id"),
    createdAt: moment("created_at").notNull().defaultNow(),
    sentAt: moment("sent_at"),
  },
  (t) => [
    index("outbox_due_idx").on(t.sendAfter).where(sql`${t.status} = 'pending'`),
    index("outbox_leased_idx").on(t.leaseUntil).where(sql`${t.status} = 'sending'`),
    index("outbox_undelivered_idx").on(t.id).where(sql`${t.status} IN ('failed', 'unknown')`),
    index("outbox_recipient_idx").on(sql`lower(${t.recipient})`),
    check("outbox_attempts", sql`${t.attempts} >= 0`),
  ],
);

/** "Email me when it is back": one open request per variant and address, ended when the message is queued. */
export const stockAlerts = pgTable(
  "stock_alerts",
  {
    id: serial("id").primaryKey(),
    sku: text("sku")
      .notNull()
      .references(() => variants.sku, { onDelete: "cascade" }),
    email: text("email").notNull(),
    createdAt: moment("created_at").notNull().defaultNow(),
    notifiedAt: moment("notified_at"),
  },
  (t) => [
    uniqueIndex("stock_alerts_one_open").on(t.sku, sql`lower(${t.email})`).where(sql`${t.notifiedAt} IS NULL`),
    index("stock_alerts_email_idx").on(sql`lower(${t.email})`),
  ],
);

export const MARKETING_TOPICS = ["back_in_stock", "review_request"] as const;

/** Marketing messages an address said no to (one-click unsubscribe or the account's preferences). */
export const mailOptOuts = pgTable(
  "mail_opt_outs",
  {
    email: text("email").notNull(),
    topic: text("topic", { enum: MARKETING_TOPICS }).notNull(),
    at: moment("at").notNull().defaultNow(),
  },
  (t) => [primaryKey({ columns: [t.email, t.topic] }), check("mail_opt_outs_email_lower", sql`${t.email} = lower(${t.email})`)],
);
