import { defineConfig } from "@playwright/test";
import { E2E_STACK } from "./stack";

// The suite starts its own stack on its own ports and state folder, so it never clashes with a
// running `npm start`. Tests share that stack's registry, so they run one at a time.
export default defineConfig({
  testDir: "./tests",
  fullyParallel: false,
  workers: 1,
  retries: process.env.CI ? 1 : 0,
  timeout: 60_000,
  expect: { timeout: 10_000 },
  reporter: [["list"], ["json", { outputFile: "../.data/reports/e2e.json" }]],
  use: {
    baseURL: E2E_STACK.url,
    trace: "retain-on-failure",
    launchOptions: {
      executablePath: process.env.CHROME_PATH ?? "/usr/bin/chromium",
      args: ["--no-sandbox", "--disable-gpu", "--disable-background-networking", "--disable-component-update", "--disable-sync", "--no-first-run"],
    },
  },
  webServer: {
    command: "npm run --silent stack:run",
    cwd: "..",
    // The document answers 200 only once every app is published and promoted.
    url: `${E2E_STACK.url}/`,
    env: E2E_STACK.env,
    timeout: 240_000,
    reuseExistingServer: false,
    stdout: "ignore",
    stderr: "pipe",
    gracefulShutdown: { signal: "SIGTERM", timeout: 15_000 },
  },
});
