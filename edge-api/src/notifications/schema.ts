import { sql } from "drizzle-orm";
import { index, pgTable, serial, text } from "drizzle-orm/pg-core";
// Foreign keys only: rows of other domains this domain's rows point at.
import { orders } from "../checkout/schema";
import { moment } from "../db/columns";

// The notifications domain's table: what is owed to shoppers by email.

/** Messages to send (order confirmations, refunds): what an email sender would pick up. */
export const outbox = pgTable(
  "outbox",
  {
    id: serial("id").primaryKey(),
    kind: text("kind", {
      enum: ["order_confirmation", "refund", "order_cancelled", "verify_email", "reset_password", "change_email", "existing_account"],
    }).notNull(),
    recipient: text("recipient").notNull(),
    subject: text("subject").notNull(),
    body: text("body").notNull(),
    orderNumber: text("order_number").references(() => orders.number),
    createdAt: moment("created_at").notNull().defaultNow(),
    sentAt: moment("sent_at"),
  },
  (t) => [index("outbox_unsent_idx").on(t.id).where(sql`${t.sentAt} IS NULL`)],
);
