import fs from "node:fs";
import path from "node:path";
import { expect, it } from "vitest";
import { ROOT } from "../src/paths";

const BROWSER_APPS = ["shell", "mfe-catalog", "mfe-cart", "mfe-checkout", "mfe-account", "packages/federation", "packages/router"];

function sources(dir: string): string[] {
  return fs.readdirSync(dir, { withFileTypes: true }).flatMap((entry) => {
    const full = path.join(dir, entry.name);
    if (entry.isDirectory()) return sources(full);
    return /\.tsx?$/.test(entry.name) ? [full] : [];
  });
}

// The package root carries the zod schemas (tens of KiB); browser code takes values from
// @shop/contracts/browser and only types from the root, so no remote ships a validator it never runs.
it("browser code imports only types from the contracts' root", () => {
  const offenders = BROWSER_APPS.flatMap((app) => sources(path.join(ROOT, app, "src"))).filter((file) =>
    /^import (?!type )[^;]*from "@shop\/contracts";/m.test(fs.readFileSync(file, "utf8")),
  );
  expect(offenders.map((f) => path.relative(ROOT, f))).toEqual([]);
});
