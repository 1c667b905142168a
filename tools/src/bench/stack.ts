import { type ChildProcess, spawn } from "node:child_process";
import fs from "node:fs";
import path from "node:path";
import { ROOT } from "../paths";
import { localConfig, localDeployToken, localSecret } from "../platform/local-config";
import { embeddedPostgresUrl } from "../platform/postgres";
import { args, PRODUCTS } from "./config";

export interface BenchStack {
  base: string;
  stop: () => Promise<void>;
  edgeStateOn: string;
  /** The stack's admin token (stock levels for the checkout scenarios). */
  adminToken: string;
  /** Its deploy token (experiments for the shell document scenarios). */
  deployToken: string;
  /** Its database, for checks the API does not answer (stock left after the checkout load). */
  databaseUrl: string;
  /** The Neon relay the Worker reaches Postgres through (host:port): it counts the round trips. */
  relay: string;
  /** The Stripe emulator (its control routes hold and release webhooks). */
  stripe: string;
}

export async function isUp(url: string) {
  try {
    return (await fetch(url)).ok;
  } catch {
    return false;
  }
}

/** A stack of its own (own ports, and state per catalog size), or with --running the one on PORT. */
export async function ensureStack(): Promise<BenchStack> {
  if (args.running) {
    const running = `http://127.0.0.1:${process.env.PORT ?? 8787}`;
    if (!(await isUp(`${running}/`))) throw new Error(`no shop answers on ${running}; start one with npm start, or drop --running`);
    return {
      base: running,
      stop: async () => {},
      edgeStateOn: "wherever the running shop keeps it",
      adminToken: localSecret(path.resolve(ROOT, process.env.SHOP_STATE_DIR ?? ".data/local"), "admin-token"),
      deployToken: localDeployToken(path.resolve(ROOT, process.env.SHOP_STATE_DIR ?? ".data/local")),
      databaseUrl: process.env.DATABASE_URL ?? embeddedPostgresUrl(localConfig().pgPort),
      relay: `127.0.0.1:${localConfig().relayPort}`,
      stripe: `http://127.0.0.1:${localConfig().stripePort}`,
    };
  }
  // The Worker's local state lives in memory (Postgres stays on disk). On Cloudflare, KV and Durable
  // Object storage are replicated services; locally they are SQLite files synced to disk on the
  // Worker's one thread, and on this kind of VM that sync costs about as much as a whole bare request,
  // so every cart write would measure the disk. The state is made afresh for each run.
  const edgeState = fs.existsSync("/dev/shm") ? fs.mkdtempSync("/dev/shm/edge-shop-bench-") : undefined;
  const env = {
    ...process.env,
    ...(edgeState && { EDGE_STATE_DIR: edgeState }),
    PORT: "8807",
    SHOP_STATE_DIR: `.data/bench-${PRODUCTS}`,
    DEMO_PRODUCTS: String(PRODUCTS),
    PG_PORT: "25453",
    RELAY_PORT: "25454",
    STRIPE_EMULATOR_PORT: "25455",
    INSPECTOR_PORT: "9269",
    PUBLIC_ORIGIN: "http://127.0.0.1:8807",
    // wrangler dev logs each request with a call back into its own process: a cost production does
    // not have, and thousands of lines of output. Warnings and errors still show.
    WRANGLER_LOG: "warn",
    // Every area is rendered, however long it takes under load, so the documents measured are whole
    // (with the default 50 ms, a queue of ten would leave some to the browser and measure less work).
    EDGE_RENDER_BUDGET_MS: "5000",
  };
  // Its progress (a first large catalog load takes minutes) is shown as it goes.
  const child: ChildProcess = spawn("tsx", ["tools/src/platform/stack.ts"], { cwd: ROOT, env, detached: true, stdio: ["ignore", "inherit", "inherit"] });
  // Whatever ends the bench (a scenario that throws past its cleanup), its shop goes with it.
  process.once("exit", () => {
    if (child.exitCode === null) process.kill(-child.pid!, "SIGTERM");
  });
  const base = "http://127.0.0.1:8807";
  const deadline = Date.now() + 900_000;
  while (!(await isUp(`${base}/`))) {
    if (Date.now() > deadline || child.exitCode !== null) throw new Error("the bench stack did not come up; run npm start to see why");
    await new Promise((r) => setTimeout(r, 500));
  }
  return {
    base,
    adminToken: localSecret(path.join(ROOT, env.SHOP_STATE_DIR), "admin-token"),
    deployToken: localDeployToken(path.join(ROOT, env.SHOP_STATE_DIR)),
    databaseUrl: embeddedPostgresUrl(Number(env.PG_PORT)),
    relay: `127.0.0.1:${env.RELAY_PORT}`,
    stripe: `http://127.0.0.1:${env.STRIPE_EMULATOR_PORT}`,
    edgeStateOn: edgeState ? "memory (tmpfs); Postgres on disk" : "disk",
    stop: () =>
      new Promise<void>((resolve) => {
        child.once("exit", () => {
          if (edgeState) fs.rmSync(edgeState, { recursive: true, force: true });
          resolve();
        });
        process.kill(-child.pid!, "SIGTERM");
      }),
  };
}
