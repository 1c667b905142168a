import path from "node:path";
import { ROOT } from "../../tools/src/paths";
import { seedDemoCoupons } from "../../tools/src/platform/demo-coupons";
import { forgetCheckouts } from "../../tools/src/platform/forget-checkouts";
import { loadCatalog } from "../../tools/src/platform/load-catalog";
import { startMailEmulator } from "../../tools/src/platform/mail-emulator/server";
import { runMigrations } from "../../tools/src/platform/migrate";
import { startNeonRelay } from "../../tools/src/platform/neon-relay";
import { startEmbeddedPostgres } from "../../tools/src/platform/postgres";
import { startStripeEmulator } from "../../tools/src/platform/stripe-emulator/server";
import { TEST_DATABASE } from "./database";

export default async function setup() {
  const pg = await startEmbeddedPostgres(path.join(ROOT, ".data/test-edge/postgres"), TEST_DATABASE.pgPort);
  await runMigrations(pg.url);
  await loadCatalog(pg.url, TEST_DATABASE.products);
  await seedDemoCoupons(pg.url);
  // Payments live in the emulator's memory, so checkouts and orders from an earlier run point at nothing.
  await forgetCheckouts(pg.url);
  const relay = await startNeonRelay(TEST_DATABASE.relayPort);
  // No webhook endpoint: a Worker under test has no address, so tests fetch signed events and send them.
  const stripe = await startStripeEmulator({ port: TEST_DATABASE.stripePort, secret: TEST_DATABASE.stripeWebhookSecret, processingMs: 300 });
  const mail = await startMailEmulator({ port: TEST_DATABASE.mailPort, apiKey: TEST_DATABASE.mailApiKey });
  return async () => {
    await mail.close();
    await stripe.close();
    await relay.close();
    await pg.stop();
  };
}
