import { and, eq, isNotNull, lt } from "drizzle-orm";
import type { Database } from "../db/client";
import type { Env } from "../env";
import { endCheckout } from "./end-checkout";
import { placeOrder } from "./place-order";
import { checkouts } from "./schema";
import { stripeFor } from "./stripe";

/** Checkouts looked at per run; the next minute's run takes the rest. */
const BATCH = 100;
/** A payment attempt younger than this is left to the request (or webhook) still handling it. */
const SETTLE_GRACE_MS = 60_000;

export interface SweepReport {
  expired: number;
  /** Orders created here: paid PaymentIntents whose order the request and webhooks never made. */
  reconciled: number;
  stillProcessing: number;
  /** Checkouts that could not be settled this run (Stripe or the database failed); the next run tries again. */
  failed: number;
}

/** One checkout's trouble never stops the others. */
async function eachAlone<T>(items: T[], report: SweepReport, work: (item: T) => Promise<void>) {
  for (const item of items) {
    try {
      await work(item);
    } catch (err) {
      report.failed++;
      console.error("checkout sweep:", (err as Error).message);
    }
  }
}

/**
 * The every-minute job (Cron Trigger): lapsed checkouts give their stock back (their PaymentIntent
 * cancelled first), and any PaymentIntent that succeeded without an order — a Worker that died
 * between payment and order — gets its order.
 */
export async function sweepCheckouts(db: Database, env: Env, now = new Date()): Promise<SweepReport> {
  const report: SweepReport = { expired: 0, reconciled: 0, stillProcessing: 0, failed: 0 };
  const lapsed = await db
    .select({ id: checkouts.id, paymentIntentId: checkouts.paymentIntentId })
    .from(checkouts)
    .where(and(eq(checkouts.status, "open"), lt(checkouts.expiresAt, now)))
    .limit(BATCH);
  await eachAlone(lapsed, report, async (checkout) => {
    const ending = await endCheckout(db, env, checkout, "expired");
    if (ending.outcome === "ended") report.expired++;
    else if (ending.outcome === "placed") report.reconciled++;
    else if (ending.outcome === "still_processing") report.stillProcessing++;
  });
  const attempted = await db
    .select({ paymentIntentId: checkouts.paymentIntentId })
    .from(checkouts)
    .where(
      and(eq(checkouts.status, "open"), isNotNull(checkouts.paymentAttemptedAt), lt(checkouts.paymentAttemptedAt, new Date(now.getTime() - SETTLE_GRACE_MS))),
    )
    .limit(BATCH);
  await eachAlone(attempted, report, async ({ paymentIntentId }) => {
    const intent = await stripeFor(env).paymentIntents.retrieve(paymentIntentId);
    if (intent.status === "succeeded" && (await placeOrder(db, env, intent, "reconciliation")).outcome === "placed") report.reconciled++;
  });
  return report;
}
