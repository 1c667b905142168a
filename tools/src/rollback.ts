// npm run rollback -- <app> [--target local|production]: sets the app's previous stable version back.
import { parseArgs } from "node:util";
import { APPS, parseApp } from "./apps";
import { resolveTarget, rollback } from "./deploy-client";

const { values, positionals } = parseArgs({ allowPositionals: true, options: { target: { type: "string", default: "local" } } });
const app = parseApp(positionals[0]);
if (!app) {
  console.error(`Which app? Usage: npm run rollback -- catalog [--target production]  (apps: ${APPS.join(", ")})`);
  process.exit(2);
}
try {
  const stable = await rollback(resolveTarget(values.target), app);
  console.log(`${app} rolled back: ${stable} is live again.`);
} catch (err) {
  console.error(`rollback failed: ${(err as Error).message}`);
  process.exit(1);
}
