import { app } from "./app";
import { sweepCheckouts } from "./checkout/sweep";
import { openDatabase } from "./db/client";
import type { Env } from "./env";
import { advanceRollouts } from "./experiments/guardrail";
import { forgetOldFailures } from "./experiments/measurement";

export { Cart } from "./cart/cart-object";
export { AttemptLimit } from "./security/attempt-limit";

export default {
  fetch: app.fetch,
  /**
   * Every minute (Cron Trigger): lapsed checkouts give their stock back, paid ones without an order
   * get it; gradual rollouts whose step has run its time move on while their guardrail holds; failure
   * reports older than their retention go.
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
      ]).finally(close),
    );
  },
} satisfies ExportedHandler<Env>;
