import { sql } from "drizzle-orm";
import { bigserial, index, jsonb, pgTable, text } from "drizzle-orm/pg-core";
import { moment } from "../db/columns";

// The platform's table: what operators changed in the back office.

/**
 * One back-office write: who, when, what, and the thing before → after. Written in the transaction
 * of the change it records, so a change without its entry (or an entry without its change) cannot
 * be. The actor is kept as text, not a foreign key: the log outlives an operator's account.
 */
export const auditEntries = pgTable(
  "audit_entries",
  {
    id: bigserial("id", { mode: "number" }).primaryKey(),
    at: moment("at").notNull().defaultNow(),
    /** `admin:<email>` for an operator's session, `admin token` for the token. */
    actor: text("actor").notNull(),
    /** The team whose back office made it: catalog, cart, checkout, account or platform. */
    area: text("area", { enum: ["catalog", "cart", "checkout", "account", "platform"] }).notNull(),
    /** What was done, as `<thing>.<verb>`: `coupon.create`, `order.refund`. */
    action: text("action").notNull(),
    /** What it was done to: `coupon:SPRING10`, `order:ORD-…`. */
    subject: text("subject").notNull(),
    before: jsonb("before").$type<Record<string, unknown>>(),
    after: jsonb("after").$type<Record<string, unknown>>(),
  },
  (t) => [
    index("audit_entries_subject_idx").on(t.subject, t.id.desc().nullsFirst()),
    index("audit_entries_actor_idx").on(sql`lower(${t.actor})`, t.id.desc().nullsFirst()),
  ],
);
