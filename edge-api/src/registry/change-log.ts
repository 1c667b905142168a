import type { RegistryChange } from "@shop/contracts";
import { and, desc, eq, type SQL } from "drizzle-orm";
import type { Database } from "../db/client";
import { registryChanges } from "./schema";

export interface Change {
  actor: string;
  action:
    | "publish"
    | "promote"
    | "rollback"
    | "prune"
    | "experiment_start"
    | "experiment_change"
    | "experiment_stop"
    | "variant_stopped"
    | "rollout_step"
    | "rollout_held"
    | "rollout_complete"
    | "pin_issued";
  app?: string;
  version?: string;
  experiment?: string;
  reason?: string;
  detail?: Record<string, unknown>;
}

/** Writes down a registry change: who, what and why; the time is the database's. */
export async function recordChange(db: Database, change: Change) {
  await db
    .insert(registryChanges)
    .values({ ...change, app: change.app ?? null, version: change.version ?? null, experiment: change.experiment ?? null, reason: change.reason ?? null });
}

/** The newest changes first, optionally of one app or one experiment. */
export async function listChanges(db: Database, filter: { app?: string; experiment?: string; limit: number }): Promise<RegistryChange[]> {
  const where: SQL[] = [];
  if (filter.app) where.push(eq(registryChanges.app, filter.app));
  if (filter.experiment) where.push(eq(registryChanges.experiment, filter.experiment));
  const rows = await db
    .select()
    .from(registryChanges)
    .where(and(...where))
    .orderBy(desc(registryChanges.id))
    .limit(filter.limit);
  return rows.map(({ id: _id, at, ...row }) => ({ ...row, at: at.toISOString(), detail: row.detail ?? null }));
}
