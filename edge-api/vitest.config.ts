import { cloudflareTest } from "@cloudflare/vitest-plugin";
import { defineConfig } from "vitest/config";
import { TEST_DATABASE } from "./test/database";

// Worker integration tests run inside workerd against a real embedded Postgres (started by the
// global setup), reached through the same Neon driver and relay as `npm start`.
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
          PUBLIC_ORIGIN: "http://shop.test",
        },
      },
    }),
  ],
  test: {
    include: ["test/**/*.test.ts"],
    globalSetup: ["./test/global-setup.ts"],
    setupFiles: ["./test/setup.ts"],
    testTimeout: 20_000,
  },
});
