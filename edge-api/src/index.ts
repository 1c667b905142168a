import { app } from "./app";
import { sweepCheckouts } from "./checkout/sweep";
import { openDatabase } from "./db/client";
import type { Env } from "./env";

export { Cart } from "./cart/cart-object";
export { AttemptLimit } from "./security/attempt-limit";

export default {
  fetch: app.fetch,
  /** Every minute (Cron Trigger): lapsed checkouts give their stock back; paid ones without an order get it. */
  async scheduled(_controller: ScheduledController, env: Env, ctx: ExecutionContext) {
    const { db, close } = openDatabase(env);
    ctx.waitUntil(
      sweepCheckouts(db, env)
        .then((report) => (report.expired || report.reconciled || report.failed) && console.log("checkout sweep", JSON.stringify(report)))
        .finally(close),
    );
  },
} satisfies ExportedHandler<Env>;
