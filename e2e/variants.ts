import { execFileSync } from "node:child_process";
import fs from "node:fs";
import path from "node:path";
import { type APIRequestContext, type Browser, expect, type Page } from "@playwright/test";
import { ROOT, STATE_DIR } from "./shop";
import { E2E_STACK } from "./stack";

/**
 * A team's changed remote: a copy of mfe-<app> with text replaced in its sources, built with the
 * shared preset (so its entry.json says what it was built with, as a real release does).
 */
export function buildRemoteVariant(app: string, name: string, edits: Array<{ file: string; from: string; to: string }>): string {
  const dir = path.join(STATE_DIR, `mfe-${app}-${name}`);
  fs.rmSync(dir, { recursive: true, force: true });
  fs.mkdirSync(dir, { recursive: true });
  for (const entry of ["src", "app.config.ts", "package.json"]) fs.cpSync(path.join(ROOT, `mfe-${app}`, entry), path.join(dir, entry), { recursive: true });
  for (const { file, from, to } of edits) {
    const source = path.join(dir, "src", file);
    const text = fs.readFileSync(source, "utf8");
    if (!text.includes(from)) throw new Error(`${file} has no "${from}" to change`);
    fs.writeFileSync(source, text.replace(from, to));
  }
  execFileSync("npx", ["tsx", path.join(ROOT, "packages/build-preset/src/cli.ts"), "build"], { cwd: dir, stdio: "pipe" });
  return path.join(dir, "dist");
}

/** `npm run <command> -- …args` against the e2e stack, as an operator types it. */
export function shop(command: string, args: string[]) {
  return execFileSync("npm", ["run", "--silent", command, "--", ...args], { cwd: ROOT, env: { ...process.env, ...E2E_STACK.env }, encoding: "utf8" });
}

/** The shell's scripts a document names, with their bytes: what must not change when a remote does. */
export async function shellFiles(request: APIRequestContext, html: string) {
  const scripts = [...html.matchAll(/<script defer src="([^"]+)"><\/script>/g)].map((m) => m[1]!);
  expect(scripts.length).toBeGreaterThan(0);
  return Promise.all(scripts.map(async (src) => [src, (await (await request.get(src)).body()).toString("base64")]));
}

/** A new account, registered and signed in in a browser context of its own; answers its page and email. */
export async function registeredShopper(browser: Browser, name: string): Promise<{ page: Page; email: string }> {
  const page = await (await browser.newContext()).newPage();
  const email = `${name.split(" ")[0]!.toLowerCase()}.${Date.now().toString(36)}.${Math.random().toString(36).slice(2, 6)}@example.com`;
  await page.goto("/account/register");
  await page.getByLabel("Name").fill(name);
  await page.getByLabel("Email").fill(email);
  await page.getByLabel("Password").fill("a shopper's long passphrase");
  await page.getByRole("button", { name: "Create account" }).click();
  await expect(page.getByRole("heading", { name: `Hello, ${name}` })).toBeVisible();
  return { page, email };
}

/** A new account, made an operator with the operators' tool (`npm run operator -- grant`), signed in in a context of its own. */
export async function signedInOperator(browser: Browser): Promise<Page> {
  const { page, email } = await registeredShopper(browser, "Olive Operator");
  expect(shop("operator", ["grant", email])).toContain("is an operator now");
  return page;
}
