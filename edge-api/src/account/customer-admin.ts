import type { CustomerDetail, CustomerList, CustomerSummary } from "@shop/contracts";
import { and, asc, desc, eq, ilike, or, type SQL, sql } from "drizzle-orm";
import { recordAudit } from "../audit/record";
import { orderHistory } from "../checkout/customer-orders";
import type { Database } from "../db/client";
import { containing, likeEscaped } from "../db/errors";
import { after, keysetCursor, pageOf } from "../db/keyset";
import { ApiFailure } from "../errors";
import { listAddresses } from "./addresses";
import { sessions, users } from "./schema";
import type { Shopper } from "./shopper";

// The account team's back office: finding customers, what is kept of them, ending their sessions,
// and the admin role. Every change is in the audit log with its transaction.

type UserRow = typeof users.$inferSelect;

const summaryOf = (row: UserRow): CustomerSummary => ({
  id: row.id,
  name: row.name,
  email: row.email,
  role: row.role,
  emailVerified: row.emailVerified,
  createdAt: row.createdAt.toISOString(),
});

/** Customers whose email starts with `q` or whose name holds it, newest first, a page at a time. */
export async function listCustomers(db: Database, filter: { q?: string | undefined; after?: string | undefined; limit: number }): Promise<CustomerList> {
  const where: SQL[] = [];
  const q = filter.q?.trim();
  if (q) where.push(or(sql`lower(${users.email}) LIKE ${`${likeEscaped(q.toLowerCase())}%`}`, ilike(users.name, containing(q)))!);
  const older = after(users.createdAt, users.id, filter.after);
  if (older) where.push(older);
  const rows = await db
    .select()
    .from(users)
    .where(and(...where))
    .orderBy(desc(users.createdAt), desc(users.id))
    .limit(filter.limit + 1);
  const { page, next } = pageOf(rows, filter.limit, (last) => keysetCursor(last.createdAt, last.id));
  return { items: page.map(summaryOf), next };
}

async function customerRow(db: Database, id: string): Promise<UserRow> {
  const [row] = await db.select().from(users).where(eq(users.id, id));
  if (!row) throw new ApiFailure(404, "customer_not_found", "No such customer.");
  return row;
}

/** The customer as the account domain shows them to other domains (their export reads it so). */
export async function customerAsShopper(db: Database, id: string): Promise<Shopper> {
  const row = await customerRow(db, id);
  return { id: row.id, email: row.email, emailVerified: row.emailVerified, name: row.name, role: row.role, sessionId: "", sessionCreatedAt: row.createdAt };
}

export async function customerDetail(db: Database, id: string): Promise<CustomerDetail> {
  const row = await customerRow(db, id);
  const [addresses, orders, open] = await Promise.all([
    listAddresses(db, id),
    orderHistory(db, id, 1),
    db
      .select()
      .from(sessions)
      .where(and(eq(sessions.userId, id), sql`${sessions.expiresAt} > now()`))
      .orderBy(asc(sessions.createdAt)),
  ]);
  return {
    ...summaryOf(row),
    addresses,
    orders,
    sessions: open.map((s) => ({
      id: s.id,
      createdAt: s.createdAt.toISOString(),
      expiresAt: s.expiresAt.toISOString(),
      ipAddress: s.ipAddress,
      userAgent: s.userAgent,
    })),
  };
}

/** Signs the customer out everywhere: every session ends at once (each request checks its session). */
export async function endSessions(db: Database, actor: string, id: string): Promise<number> {
  return db.transaction(async (tx) => {
    const [row] = await tx.select({ id: users.id }).from(users).where(eq(users.id, id));
    if (!row) throw new ApiFailure(404, "customer_not_found", "No such customer.");
    const ended = await tx.delete(sessions).where(eq(sessions.userId, id)).returning({ id: sessions.id });
    await recordAudit(tx, actor, {
      area: "account",
      action: "customer.end_sessions",
      subject: `customer:${id}`,
      before: { sessions: ended.length },
      after: { sessions: 0 },
    });
    return ended.length;
  });
}

/** Grants or revokes the admin role. An operator cannot revoke their own (the shop would lose its last way in). */
export async function changeRole(db: Database, actor: { name: string; userId: string | null }, id: string, role: "customer" | "admin") {
  if (actor.userId === id && role !== "admin") {
    throw new ApiFailure(409, "own_role", "You can't take your own admin role; another operator can.");
  }
  return db.transaction(async (tx) => {
    const [row] = await tx.select({ role: users.role }).from(users).where(eq(users.id, id)).for("update");
    if (!row) throw new ApiFailure(404, "customer_not_found", "No such customer.");
    await tx.update(users).set({ role }).where(eq(users.id, id));
    await recordAudit(tx, actor.name, {
      area: "account",
      action: role === "admin" ? "customer.grant_admin" : "customer.revoke_admin",
      subject: `customer:${id}`,
      before: { role: row.role },
      after: { role },
    });
  });
}
