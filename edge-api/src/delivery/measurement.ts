import { and, eq, sql } from "drizzle-orm";
import type { Database } from "../db/client";
import { experimentConversions, experimentExposures, remoteFailures } from "../db/schema";
import type { Exposure } from "./assignment";

type Executor = Pick<Database, "execute" | "insert" | "select">;

/** Records that a visitor saw these variants; a second time for the same experiment phase changes nothing. */
export async function recordExposures(db: Database, visitorId: string, exposures: Exposure[]) {
  if (exposures.length === 0) return;
  await db
    .insert(experimentExposures)
    .values(exposures.map((e) => ({ experimentId: e.experiment, phase: e.phase, visitorId, variant: e.variant, versions: e.versions })))
    .onConflictDoNothing();
}

/** How long after seeing a variant an order still counts for it. */
const ATTRIBUTION_DAYS = 30;

/**
 * Counts an order for every variant its buyer's browser was exposed to (the latest phase of each
 * experiment, within ATTRIBUTION_DAYS). Runs in the transaction that places the order, so an order
 * is counted exactly when it exists, and once.
 */
export async function attributeOrder(tx: Executor, visitorId: string | null, orderNumber: string, revenueCents: number) {
  if (!visitorId) return;
  await tx.execute(sql`
    INSERT INTO experiment_conversions (experiment_id, phase, order_number, visitor_id, variant, revenue_cents)
    SELECT DISTINCT ON (experiment_id) experiment_id, phase, ${orderNumber}, visitor_id, variant, ${revenueCents}
    FROM experiment_exposures
    WHERE visitor_id = ${visitorId} AND exposed_at > now() - make_interval(days => ${ATTRIBUTION_DAYS})
    ORDER BY experiment_id, phase DESC
    ON CONFLICT DO NOTHING`);
}

/** A browser's report that an app version failed to load or render; once per version and visitor. */
export async function recordFailure(db: Database, failure: { app: string; version: string; visitorId: string; kind: "load" | "render" }): Promise<boolean> {
  const inserted = await db.insert(remoteFailures).values(failure).onConflictDoNothing().returning({ app: remoteFailures.app });
  return inserted.length > 0;
}

export interface VariantCounts {
  variant: string;
  visitors: number;
  /** Visitors with at least one order. */
  converted: number;
  orders: number;
  revenueCents: number;
  /** Exposed visitors who reported a failure of a version this variant served them. */
  failed: number;
}

/** Per variant of one experiment phase: visitors, buyers, orders, revenue and failures. */
export async function variantCounts(db: Database, experimentId: string, phase: number): Promise<Map<string, VariantCounts>> {
  const inPhase = and(eq(experimentExposures.experimentId, experimentId), eq(experimentExposures.phase, phase));
  const [exposed, bought, failed] = await Promise.all([
    db.select({ variant: experimentExposures.variant, visitors: sql<number>`count(*)::int` }).from(experimentExposures).where(inPhase).groupBy(experimentExposures.variant),
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
      .select({ variant: experimentExposures.variant, failed: sql<number>`count(DISTINCT ${experimentExposures.visitorId})::int` })
      .from(experimentExposures)
      .innerJoin(remoteFailures, and(eq(remoteFailures.visitorId, experimentExposures.visitorId), sql`${experimentExposures.versions} ->> ${remoteFailures.app} = ${remoteFailures.version}`))
      .where(inPhase)
      .groupBy(experimentExposures.variant),
  ]);
  const counts = new Map<string, VariantCounts>();
  const of = (variant: string) => {
    let row = counts.get(variant);
    if (!row) counts.set(variant, (row = { variant, visitors: 0, converted: 0, orders: 0, revenueCents: 0, failed: 0 }));
    return row;
  };
  for (const row of exposed) of(row.variant).visitors = Number(row.visitors);
  for (const row of bought) Object.assign(of(row.variant), { orders: Number(row.orders), converted: Number(row.converted), revenueCents: Number(row.revenueCents) });
  for (const row of failed) of(row.variant).failed = Number(row.failed);
  return counts;
}
