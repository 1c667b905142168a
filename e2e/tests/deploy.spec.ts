import { expect, test } from "../fixtures";
import { execFileSync } from "node:child_process";
import fs from "node:fs";
import path from "node:path";
import { ROOT, STATE_DIR } from "../shop";
import { E2E_STACK } from "../stack";

/** A team changes its remote: a copy of mfe-account with a new sign-in heading, built with the shared preset. */
function buildAccountVariant(heading: string): string {
  const dir = path.join(STATE_DIR, "mfe-account-variant");
  fs.rmSync(dir, { recursive: true, force: true });
  fs.mkdirSync(dir, { recursive: true });
  for (const entry of ["src", "app.config.ts", "package.json"]) {
    fs.cpSync(path.join(ROOT, "mfe-account", entry), path.join(dir, entry), { recursive: true });
  }
  const page = path.join(dir, "src/SignIn.tsx");
  fs.writeFileSync(page, fs.readFileSync(page, "utf8").replace('<h1 className="page-title">Sign in</h1>', `<h1 className="page-title">${heading}</h1>`));
  execFileSync("npx", ["tsx", path.join(ROOT, "packages/build-preset/src/cli.ts"), "build"], { cwd: dir, stdio: "pipe" });
  return path.join(dir, "dist");
}

function shop(command: string, args: string[]) {
  return execFileSync("npm", ["run", "--silent", command, "--", ...args], { cwd: ROOT, env: { ...process.env, ...E2E_STACK.env }, encoding: "utf8" });
}

async function shellFiles(request: import("@playwright/test").APIRequestContext, html: string) {
  const scripts = [...html.matchAll(/<script defer src="([^"]+)"><\/script>/g)].map((m) => m[1]!);
  expect(scripts.length).toBeGreaterThan(0);
  return Promise.all(scripts.map(async (src) => [src, (await (await request.get(src)).body()).toString("base64")]));
}

test("publishing and promoting a remote changes what a reload shows, without touching the shell; rollback restores it", async ({ page, request }) => {
  await page.goto("/account");
  await expect(page.getByRole("heading", { name: "Sign in", exact: true })).toBeVisible();
  const shellBefore = await shellFiles(request, await (await request.get("/account")).text());

  const version = `2.0.0-e2e.${Date.now()}`;
  const dist = buildAccountVariant("Sign in, redesigned");
  const deployed = shop("release", ["account", "--dist", dist, "--version", version, "--promote"]);
  expect(deployed).toContain(`account@${version} is live.`);

  await page.reload();
  await expect(page.getByRole("heading", { name: "Sign in, redesigned" })).toBeVisible();
  const shellAfter = await shellFiles(request, await (await request.get("/account")).text());
  expect(shellAfter).toEqual(shellBefore);

  const rolledBack = shop("release", ["account", "rollback"]);
  expect(rolledBack).toContain("rolled back");
  await page.reload();
  await expect(page.getByRole("heading", { name: "Sign in", exact: true })).toBeVisible();
  await expect(page.getByRole("heading", { name: "Sign in, redesigned" })).toHaveCount(0);
});
