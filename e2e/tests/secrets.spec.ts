import fs from "node:fs";
import path from "node:path";
import { expect, test } from "@playwright/test";
import { ROOT, STATE_DIR } from "../shop";

const APPS = ["shell", "mfe-catalog", "mfe-cart", "mfe-checkout", "mfe-account"];
// What the Worker is given that a browser may see: its own address, the relay's, Stripe's public key.
const NOT_SECRET = new Set(["PUBLIC_ORIGIN", "NEON_RELAY", "STRIPE_API_URL", "STRIPE_PUBLISHABLE_KEY"]);

function filesUnder(dir: string): string[] {
  return fs
    .readdirSync(dir, { withFileTypes: true })
    .flatMap((entry) => (entry.isDirectory() ? filesUnder(path.join(dir, entry.name)) : [path.join(dir, entry.name)]));
}

test("no configured secret is in any built browser file, nor in the document", async ({ request }) => {
  // The stack's secrets, as it handed them to the Worker.
  const secrets = fs
    .readFileSync(path.join(STATE_DIR, "worker.env"), "utf8")
    .split("\n")
    .filter(Boolean)
    .map((line) => [line.slice(0, line.indexOf("=")), line.slice(line.indexOf("=") + 1)] as const)
    .filter(([name, value]) => !NOT_SECRET.has(name) && value.length >= 8);
  expect(secrets.map(([name]) => name)).toEqual(
    expect.arrayContaining(["AUTH_SECRET", "COOKIE_SECRET", "ADMIN_TOKEN", "DEPLOY_TOKEN", "STRIPE_SECRET_KEY", "STRIPE_WEBHOOK_SECRET", "DATABASE_URL"]),
  );
  const files = APPS.flatMap((app) => filesUnder(path.join(ROOT, app, "dist")));
  expect(files.length).toBeGreaterThan(20);
  const document = await (await request.get("/account")).text();
  for (const [name, value] of secrets) {
    for (const file of files) expect(fs.readFileSync(file, "utf8").includes(value), `${name} found in ${path.relative(ROOT, file)}`).toBe(false);
    expect(document.includes(value), `${name} found in the document`).toBe(false);
  }
});
