import { app } from "./app";
import { countCoPurchases } from "./catalog/co-purchases";
import { rollClosedDays } from "./checkout/order-days";
import { sweepCheckouts } from "./checkout/sweep";
import { openDatabase } from "./db/client";
import type { Env } from "./env";
import { advanceRollouts } from "./experiments/guardrail";
import { forgetOldFailures } from "./experiments/measurement";
import { deliverBatch } from "./notifications/delivery";
import { sweepMail } from "./notifications/dispatch";
import { announceRestocks } from "./notifications/stock-alerts";

export { SessionStore } from "./account/session-store";
export { Cart } from "./cart/cart-object";
export { AttemptLimit } from "./security/attempt-limit";

export default {
  fetch: app.fetch,
  /**
   * Every minute (Cron Trigger): lapsed checkouts give their stock back, paid ones without an order
   * get it; gradual rollouts whose step has run its time move on while their guardrail holds; failure
   * reports older than their retention go; emails that should be on the mail queue go on it, and
   * restock requests whose variant came back (a lapsed checkout, a cancellation) are answered; orders
   * placed since the last run are counted into what is bought together.
   */
  async scheduled(_controller: ScheduledController, env: Env, ctx: ExecutionContext) {
    const { db, close } = openDatabase(env);
    ctx.waitUntil(
      Promise.all([
        sweepCheckouts(db, env).then(
          (report) => (report.expired || report.reconciled || report.failed) && console.log("checkout sweep", JSON.stringify(report)),
        ),
        advanceRollouts(env, db).catch((err: Error) => console.error("rollouts", err.message)),
        forgetOldFailures(db).catch((err: Error) => console.error("failure retention", err.message)),
        rollClosedDays(db).catch((err: Error) => console.error("sales roll-up", err.message)),
        countCoPurchases(db).catch((err: Error) => console.error("co-purchases", err.message)),
        announceRestocks(db)
          .then(() => sweepMail(db, env))
          .then((report) => (report.lapsed || report.queued) && console.log("mail sweep", JSON.stringify(report)))
          .catch((err: Error) => console.error("mail sweep", err.message)),
      ]).finally(close),
    );
  },
  /** The mail queue: each outbox id sent at most once (notifications/delivery.ts). */
  async queue(batch: MessageBatch<unknown>, env: Env, _ctx: ExecutionContext) {
    const { db, close } = openDatabase(env);
    try {
      await deliverBatch(db, env, batch);
    } finally {
      await close();
    }
  },
} satisfies ExportedHandler<Env>;
