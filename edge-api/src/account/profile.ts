import type { Profile } from "@shop/contracts";
import { and, eq } from "drizzle-orm";
import type { Database } from "../db/client";
import { authAccounts, users } from "./schema";
import type { Shopper } from "./shopper";

export async function profileOf(db: Database, shopper: Shopper): Promise<Profile> {
  const [row] = await db
    .select({ createdAt: users.createdAt, password: authAccounts.id, role: users.role, emailVerified: users.emailVerified })
    .from(users)
    .leftJoin(authAccounts, and(eq(authAccounts.userId, users.id), eq(authAccounts.providerId, "credential")))
    .where(eq(users.id, shopper.id));
  return {
    id: shopper.id,
    name: shopper.name,
    email: shopper.email,
    // As Postgres says now (shopper.ts: standingOf).
    emailVerified: row?.emailVerified ?? shopper.emailVerified,
    role: row?.role ?? shopper.role,
    createdAt: (row?.createdAt ?? new Date()).toISOString(),
    hasPassword: !!row?.password,
  };
}

export async function renameShopper(db: Database, shopper: Shopper, name: string) {
  await db.update(users).set({ name, updatedAt: new Date() }).where(eq(users.id, shopper.id));
}
