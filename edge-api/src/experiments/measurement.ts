import { and, eq, isNotNull, isNull, lt, or, sql } from "drizzle-orm";
import type { Database } from "../db/client";
import type { Exposure } from "./assignment";
import { experimentConversions, experimentExposures, remoteFailures } from "./schema";

/** Records that a visitor saw these variants; a second time for the same experiment phase changes nothing. */
export async function recordExposures(db: Database, visitorId: string, exposures: Exposure[]) {
  if (exposures.length === 0) return;
  await db
    .insert(experimentExposures)
    .values(exposures.map((e) => ({ experimentId: e.experiment, phase: e.phase, visitorId, variant: e.variant, versions: e.versions })))
    .onConflictDoNothing();
}

// An order counts for the variants its browser saw: attribute_order(), called by place_order() in
// the transaction that places it (migration 0031), so it is counted exactly when it exists, and once.

/** How long a failure report is kept: a phase's guardrail is read within it, and the table stays bounded. */
export const FAILURE_RETENTION_DAYS = 30;

/**
 * A browser's report that an app version failed to load or render, kept (once per version and
 * visitor) only when that visitor was exposed to it in a running experiment's current phase; the
 * report also confirms the visitor's exposures (its browser evidently ran the shell). Whether it was kept.
 */
export async function recordFailure(
  db: Database,
  failure: { app: string; version: string; visitorId: string; kind: "load" | "render"; network: string },
  phases: Array<{ experiment: string; phase: number }>,
): Promise<boolean> {
  if (phases.length === 0) return false;
  const inRunningPhase = or(...phases.map((p) => and(eq(experimentExposures.experimentId, p.experiment), eq(experimentExposures.phase, p.phase))));
  const [exposed] = await db
    .select({ variant: experimentExposures.variant })
    .from(experimentExposures)
    .where(
      and(eq(experimentExposures.visitorId, failure.visitorId), inRunningPhase, sql`${experimentExposures.versions} ->> ${failure.app} = ${failure.version}`),
    )
    .limit(1);
  if (!exposed) return false;
  await confirmExposures(db, failure.visitorId, failure.network);
  const inserted = await db.insert(remoteFailures).values(failure).onConflictDoNothing().returning({ app: remoteFailures.app });
  return inserted.length > 0;
}

/** The browser that got a document with exposures says it ran: they count for the guardrail, once per network. */
export async function confirmExposures(db: Database, visitorId: string, network: string) {
  await db
    .update(experimentExposures)
    .set({ confirmedNetwork: network })
    .where(and(eq(experimentExposures.visitorId, visitorId), isNull(experimentExposures.confirmedNetwork)));
}

/** Old failure reports go (the Cron handler): none is read after its phase, and a phase is read within days. */
export async function forgetOldFailures(db: Database) {
  await db.delete(remoteFailures).where(lt(remoteFailures.at, sql`now() - make_interval(days => ${FAILURE_RETENTION_DAYS})`));
}

export interface VariantCounts {
  variant: string;
  visitors: number;
  /** Visitors with at least one order. */
  converted: number;
  orders: number;
  revenueCents: number;
  /** Networks whose browsers confirmed an exposure to this variant (what the guardrail is judged over). */
  networks: number;
  /** Of those networks, the ones with a browser that reported a failure of a version this variant served it. */
  failed: number;
}

/**
 * Per variant of one experiment phase: visitors, buyers, orders and revenue (every exposure), and
 * the guardrail's figures (confirmed exposures and failures, at most one of each per network, so
 * one client minting visitors moves neither by more than one).
 */
export async function variantCounts(db: Database, experimentId: string, phase: number): Promise<Map<string, VariantCounts>> {
  const inPhase = and(eq(experimentExposures.experimentId, experimentId), eq(experimentExposures.phase, phase));
  const [exposed, bought, failed] = await Promise.all([
    db
      .select({
        variant: experimentExposures.variant,
        visitors: sql<number>`count(*)::int`,
        networks: sql<number>`count(DISTINCT ${experimentExposures.confirmedNetwork})::int`,
      })
      .from(experimentExposures)
      .where(inPhase)
      .groupBy(experimentExposures.variant),
    db
      .select({
        variant: experimentConversions.variant,
        orders: sql<number>`count(*)::int`,
        converted: sql<number>`count(DISTINCT ${experimentConversions.visitorId})::int`,
        revenueCents: sql<number>`coalesce(sum(${experimentConversions.revenueCents}), 0)::bigint`,
      })
      .from(experimentConversions)
      .where(and(eq(experimentConversions.experimentId, experimentId), eq(experimentConversions.phase, phase)))
      .groupBy(experimentConversions.variant),
    db
      .select({ variant: experimentExposures.variant, failed: sql<number>`count(DISTINCT ${remoteFailures.network})::int` })
      .from(experimentExposures)
      .innerJoin(
        remoteFailures,
        and(
          eq(remoteFailures.visitorId, experimentExposures.visitorId),
          sql`${experimentExposures.versions} ->> ${remoteFailures.app} = ${remoteFailures.version}`,
        ),
      )
      .where(and(inPhase, isNotNull(experimentExposures.confirmedNetwork)))
      .groupBy(experimentExposures.variant),
  ]);
  const counts = new Map<string, VariantCounts>();
  const of = (variant: string) => {
    let row = counts.get(variant);
    if (!row) {
      row = { variant, visitors: 0, converted: 0, orders: 0, revenueCents: 0, networks: 0, failed: 0 };
      counts.set(variant, row);
    }
    return row;
  };
  for (const row of exposed) Object.assign(of(row.variant), { visitors: Number(row.visitors), networks: Number(row.networks) });
  for (const row of bought)
    Object.assign(of(row.variant), { orders: Number(row.orders), converted: Number(row.converted), revenueCents: Number(row.revenueCents) });
  for (const row of failed) of(row.variant).failed = Number(row.failed);
  return counts;
}
