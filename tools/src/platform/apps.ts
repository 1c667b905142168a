import fs from "node:fs";
import path from "node:path";
import { ROOT } from "../paths";

export const APPS = ["shell", "catalog", "cart", "checkout", "account"] as const;
export type App = (typeof APPS)[number];

/** `catalog` or `mfe-catalog` → the app name; anything else → undefined. */
export function parseApp(value: string | undefined): App | undefined {
  const name = value?.replace(/^mfe-/, "");
  return APPS.find((app) => app === name);
}

export const appDir = (app: App) => path.join(ROOT, app === "shell" ? "shell" : `mfe-${app}`);
export const appPackage = (app: App) => `@shop/${app === "shell" ? "shell" : `mfe-${app}`}`;

export function packageVersion(app: App): string {
  return (JSON.parse(fs.readFileSync(path.join(appDir(app), "package.json"), "utf8")) as { version: string }).version;
}
