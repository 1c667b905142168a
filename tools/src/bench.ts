// `npm run bench`: throughput and latency of the edge, bundle sizes, and Lighthouse (mobile).
// Uses a running shop on PORT (default 8787) or starts its own on 8807; writes bench/results.json.
import { type ChildProcess, spawn } from "node:child_process";
import crypto from "node:crypto";
import fs from "node:fs";
import path from "node:path";
import { gzipSync } from "node:zlib";
import { APPS, appDir } from "./apps";
import { runLighthouse } from "./lighthouse";
import { type LoadResult, measure } from "./load";
import { ROOT } from "./paths";
import { stage } from "./run";

const SECONDS = Number(process.env.BENCH_SECONDS ?? 8);
const CONNECTIONS = 10;
const CARTS = 1000;
const KIB = 1024;

async function isUp(url: string) {
  try {
    return (await fetch(url)).ok;
  } catch {
    return false;
  }
}

/** Starts a stack of its own (own ports and state) when none is running; stopped at the end. */
async function ensureStack(): Promise<{ base: string; stop: () => void }> {
  const running = `http://127.0.0.1:${process.env.PORT ?? 8787}`;
  if (await isUp(`${running}/`)) return { base: running, stop: () => {} };
  const env = { ...process.env, PORT: "8807", SHOP_STATE_DIR: ".data/bench", PG_PORT: "55453", RELAY_PORT: "55454", INSPECTOR_PORT: "9269" };
  const child: ChildProcess = spawn("tsx", ["tools/src/stack.ts"], { cwd: ROOT, env, detached: true, stdio: ["ignore", "ignore", "inherit"] });
  const base = "http://127.0.0.1:8807";
  const deadline = Date.now() + 240_000;
  while (!(await isUp(`${base}/`))) {
    if (Date.now() > deadline || child.exitCode !== null) throw new Error("the bench stack did not come up; run npm start to see why");
    await new Promise((r) => setTimeout(r, 500));
  }
  return { base, stop: () => process.kill(-child.pid!, "SIGTERM") };
}

async function sellableSkus(base: string): Promise<string[]> {
  const list = (await (await fetch(`${base}/api/catalog/products?limit=100`)).json()) as { items: Array<{ sku: string; inStock: boolean }> };
  return list.items.filter((p) => p.inStock).map((p) => p.sku);
}

const gzipKiB = (bytes: Buffer) => Number((gzipSync(bytes).length / KIB).toFixed(1));

const { base, stop } = await stage("shop for the benchmark", ensureStack);
try {
  const skus = await sellableSkus(base);
  const carts = Array.from({ length: CARTS }, () => crypto.randomBytes(32).toString("hex"));
  let next = 0;
  const spreadAdd = () => {
    const n = next++;
    return {
      headers: { "Content-Type": "application/json", Cookie: `cart_id=${carts[n % CARTS]}` },
      body: JSON.stringify({ sku: skus[Math.floor(n / CARTS) % skus.length], quantity: 1 }),
    };
  };

  const scenarios = [
    { name: "bare route (GET /livez)", url: `${base}/livez` },
    { name: "shell document (GET /)", url: `${base}/` },
    { name: "catalog list (GET /api/catalog/products)", url: `${base}/api/catalog/products?limit=24` },
    { name: `cart add (POST, ${CARTS} carts)`, url: `${base}/api/cart/items`, method: "POST" as const, request: spreadAdd },
  ];
  // JIT and connection warm-up, so the first scenario is not measured cold.
  await stage("warm-up", () => measure({ ...scenarios[0]!, seconds: 3, connections: CONNECTIONS }));
  const http: LoadResult[] = [];
  for (const scenario of scenarios) {
    http.push(await stage(`load: ${scenario.name}, ${SECONDS} s × ${CONNECTIONS} connections`, () => measure({ ...scenario, seconds: SECONDS, connections: CONNECTIONS })));
  }
  const bare = http[0]!.requestsPerSecond;

  const lighthouse = await stage("Lighthouse (mobile) on the home page", () => runLighthouse(`${base}/`));
  const shellJs = [...new Set(lighthouse.requestedUrls.filter((u) => /\/mf\/shell\/[^/]+\/[^/]+\.js$/.test(u)).map((u) => path.basename(new URL(u).pathname)))];
  const shellInitialKiB = Number(
    shellJs.reduce((sum, file) => sum + gzipSync(fs.readFileSync(path.join(appDir("shell"), "dist", file))).length / KIB, 0).toFixed(1),
  );
  const remoteEntries = Object.fromEntries(
    APPS.filter((app) => app !== "shell").map((app) => [app, gzipKiB(fs.readFileSync(path.join(appDir(app), "dist", "remoteEntry.js")))]),
  );

  const results = {
    measuredAt: new Date().toISOString(),
    machine: "2 cores, wrangler dev (workerd) + embedded Postgres on one host; load from the same host",
    http: http.map((r) => ({ ...r, ratioToBare: Number((r.requestsPerSecond / bare).toFixed(2)) })),
    sizes: { shellInitialJsGzipKiB: shellInitialKiB, shellInitialFiles: shellJs, remoteEntryGzipKiB: remoteEntries },
    lighthouse: { score: lighthouse.score, lcpMs: lighthouse.lcpMs, tbtMs: lighthouse.tbtMs, cls: lighthouse.cls },
    goals: {
      shellInitialJsGzipKiB: { goal: "≤ 120", met: shellInitialKiB <= 120 },
      remoteEntryGzipKiB: { goal: "≤ 12 each", met: Object.values(remoteEntries).every((k) => k <= 12) },
      lighthouseScore: { goal: "≥ 90", met: lighthouse.score >= 90 },
      lcpMs: { goal: "≤ 2500", met: lighthouse.lcpMs <= 2500 },
      shellDocumentVsBare: { goal: "≥ 0.60", met: http[1]!.requestsPerSecond / bare >= 0.6 },
    },
  };

  console.log("\n| route | req/s | × bare | p50 ms | p95 ms | p99 ms | errors |\n|---|---|---|---|---|---|---|");
  for (const r of results.http) console.log(`| ${r.name} | ${r.requestsPerSecond} | ${r.ratioToBare} | ${r.p50} | ${r.p95} | ${r.p99} | ${r.errors} |`);
  console.log(`\nshell initial JS: ${shellInitialKiB} KiB gzip (${shellJs.join(", ")})`);
  console.log(`remote entries (gzip KiB): ${JSON.stringify(remoteEntries)}`);
  console.log(`Lighthouse mobile: score ${lighthouse.score}, LCP ${lighthouse.lcpMs} ms, TBT ${lighthouse.tbtMs} ms, CLS ${lighthouse.cls}`);
  for (const [name, goal] of Object.entries(results.goals)) console.log(`  ${goal.met ? "✓" : "✗"} ${name} ${goal.goal}`);

  fs.mkdirSync(path.join(ROOT, "bench"), { recursive: true });
  fs.writeFileSync(path.join(ROOT, "bench/results.json"), `${JSON.stringify(results, null, 2)}\n`);
  console.log("\nwritten to bench/results.json");
} finally {
  stop();
}
