import { and, desc, eq, lt, type SQL, sql } from "drizzle-orm";
import type { Database } from "../db/client";
import { pageOf } from "../db/keyset";
import { auditEntries } from "./schema";

export type AuditArea = (typeof auditEntries.$inferInsert)["area"];

export interface AuditedChange {
  area: AuditArea;
  action: string;
  subject: string;
  before?: Record<string, unknown> | null;
  after?: Record<string, unknown> | null;
}

/** Anything that can insert: the change's own transaction, so the entry and the change commit together. */
interface Inserts {
  insert: Database["insert"];
}

/**
 * Writes down an operator's change. Only the fields that changed are kept on each side, so an entry
 * reads as "price 1999 → 2499", not two whole rows.
 */
export async function recordAudit(db: Inserts, actor: string, change: AuditedChange) {
  const { before, after } = onlyChanged(change.before ?? null, change.after ?? null);
  await db.insert(auditEntries).values({ actor, area: change.area, action: change.action, subject: change.subject, before, after });
}

function onlyChanged(before: Record<string, unknown> | null, after: Record<string, unknown> | null) {
  if (!before || !after) return { before, after };
  const keys = [...new Set([...Object.keys(before), ...Object.keys(after)])].filter(
    (key) => JSON.stringify(before[key] ?? null) !== JSON.stringify(after[key] ?? null),
  );
  return { before: Object.fromEntries(keys.map((k) => [k, before[k] ?? null])), after: Object.fromEntries(keys.map((k) => [k, after[k] ?? null])) };
}

export interface AuditFilter {
  subject?: string | undefined;
  actor?: string | undefined;
  area?: AuditArea | undefined;
  /** Entries older than this id (the next page). */
  before?: number | undefined;
  limit: number;
}

/** The newest entries first, a page at a time. */
export async function listAudit(db: Database, filter: AuditFilter) {
  const where: SQL[] = [];
  if (filter.subject) where.push(eq(auditEntries.subject, filter.subject));
  if (filter.actor) where.push(sql`lower(${auditEntries.actor}) = ${filter.actor.toLowerCase()}`);
  if (filter.area) where.push(eq(auditEntries.area, filter.area));
  if (filter.before) where.push(lt(auditEntries.id, filter.before));
  const rows = await db
    .select()
    .from(auditEntries)
    .where(and(...where))
    .orderBy(desc(auditEntries.id))
    .limit(filter.limit + 1);
  const { page, next } = pageOf(rows, filter.limit, (last) => String(last.id));
  return { entries: page.map((row) => ({ ...row, at: row.at.toISOString() })), next: next === null ? null : Number(next) };
}
