import { cloudflareTest } from "@cloudflare/vitest-plugin";
import { defineConfig } from "vitest/config";
import { TEST_DATABASE } from "./test/database";

// Worker integration tests run inside workerd against a real embedded Postgres and the Stripe
// emulator (both started by the global setup), reached as `npm start` reaches them.
export default defineConfig({
  plugins: [
    cloudflareTest({
      wrangler: { configPath: "./wrangler.jsonc" },
      miniflare: {
        bindings: {
          DATABASE_URL: TEST_DATABASE.url,
          NEON_RELAY: TEST_DATABASE.relay,
          DEPLOY_TOKEN: TEST_DATABASE.deployToken,
          ADMIN_TOKEN: TEST_DATABASE.adminToken,
          COOKIE_SECRET: TEST_DATABASE.cookieSecret,
          AUTH_SECRET: TEST_DATABASE.authSecret,
          PUBLIC_ORIGIN: "http://shop.test",
          STRIPE_SECRET_KEY: TEST_DATABASE.stripeSecretKey,
          STRIPE_WEBHOOK_SECRET: TEST_DATABASE.stripeWebhookSecret,
          STRIPE_API_URL: `http://127.0.0.1:${TEST_DATABASE.stripePort}`,
          // Email through the mail emulator (a Resend-compatible API); retries without waiting, so a
          // test sees a message retried, and a lost answer noticed in 1.5 s.
          MAIL_PROVIDER: "http",
          MAIL_API_URL: `http://127.0.0.1:${TEST_DATABASE.mailPort}`,
          MAIL_API_KEY: TEST_DATABASE.mailApiKey,
          MAIL_TIMEOUT_MS: "1500",
          MAIL_RETRY_SECONDS: "0",
          // Wide: the tests' machine runs Postgres and the tests beside the Worker (edge-render.test.ts).
          EDGE_RENDER_BUDGET_MS: "2000",
          EDGE_RENDER_COLD_BUDGET_MS: "4000",
        },
      },
    }),
  ],
  test: {
    include: ["test/**/*.test.ts"],
    globalSetup: ["./test/global-setup.ts"],
    setupFiles: ["./test/setup.ts"],
    testTimeout: 20_000,
    // A cold Worker's first request (a suite's beforeAll) can take over 10 s on a 2-core machine.
    hookTimeout: 20_000,
    // The built apps' stylesheets are read as text (built-apps.ts); vitest would otherwise empty them.
    css: { include: [/\/dist\/[^/]+\.css/] },
  },
});
