// `npm start`: the whole shop on one machine, shaped like production. Each stage prints its duration.
// Ctrl-C (or SIGTERM) stops every process this started.
import { type ChildProcess, spawn } from "node:child_process";
import fs from "node:fs";
import path from "node:path";
import { EDGE_DIR } from "../paths";
import { run, stage, TURBO_ENV } from "../run";
import { APPS, appPackage } from "./apps";
import { seedDemoCoupons } from "./demo-coupons";
import { promote, publish, readBuild, resolveTarget } from "./deploy-client";
import { catalogSize, loadCatalog } from "./load-catalog";
import { localConfig, localDeployToken, localSecret } from "./local-config";
import { type MailSettings, mailSettings } from "./mail-settings";
import { runMigrations } from "./migrate";
import { startNeonRelay } from "./neon-relay";
import { startEmbeddedPostgres } from "./postgres";
import { type StripeSettings, stripeSettings } from "./stripe-settings";

const DEMO_PRODUCTS = Number(process.env.DEMO_PRODUCTS ?? 5000);
const config = localConfig();
const cleanups: Array<() => Promise<void> | void> = [];
const started = performance.now();
let stopping = false;

async function stopAll(code: number) {
  if (stopping) return;
  stopping = true;
  console.log("\nstopping…");
  for (const cleanup of cleanups.reverse()) await Promise.resolve(cleanup()).catch(() => {});
  process.exit(code);
}
process.on("SIGINT", () => void stopAll(0));
process.on("SIGTERM", () => void stopAll(0));

/** Whether a DATABASE_URL points at this machine (reached through the relay) or at Neon itself. */
const isLoopback = (url: string) => ["127.0.0.1", "localhost"].includes(new URL(url).hostname);

/** The running `wrangler dev`; replaced by a restart. */
let edge: ChildProcess | undefined;
const stopEdge = () => (edge ? stopGroup(edge) : undefined);

async function startEdge(databaseUrl: string, relay: string | undefined, token: string, stripe: StripeSettings, mail: MailSettings): Promise<ChildProcess> {
  // Secrets go to wrangler in a private file of the state folder, not on a command line `ps` shows.
  const secrets = {
    DATABASE_URL: databaseUrl,
    DEPLOY_TOKEN: token,
    ADMIN_TOKEN: localSecret(config.stateDir, "admin-token"),
    COOKIE_SECRET: localSecret(config.stateDir, "cookie-secret"),
    AUTH_SECRET: localSecret(config.stateDir, "auth-secret"),
    PUBLIC_ORIGIN: config.publicOrigin,
    ...stripe.workerEnv,
    ...mail.workerEnv,
    ...(relay ? { NEON_RELAY: relay } : {}),
    // Edge rendering's switch and budget, when the caller sets them (the e2e stack gives its busy
    // machine a wider budget: it tests hydration, the worker tests test the budget).
    ...(process.env.EDGE_RENDER ? { EDGE_RENDER: process.env.EDGE_RENDER } : {}),
    ...(process.env.EDGE_RENDER_BUDGET_MS ? { EDGE_RENDER_BUDGET_MS: process.env.EDGE_RENDER_BUDGET_MS } : {}),
  };
  const envFile = path.join(config.stateDir, "worker.env");
  fs.writeFileSync(
    envFile,
    Object.entries(secrets)
      .map(([key, value]) => `${key}=${value}\n`)
      .join(""),
    { mode: 0o600 },
  );
  const args = [
    "dev",
    "--port",
    String(config.port),
    "--inspector-port",
    String(config.inspectorPort),
    "--persist-to",
    config.edgeStateDir,
    "--show-interactive-dev-session=false",
    "--env-file",
    envFile,
    // Exposes /__scheduled: wrangler dev does not fire Cron Triggers itself, so the stack calls it each minute.
    "--test-scheduled",
  ];
  // Its own process group, so stopping it stops wrangler's workerd children too.
  const child = spawn("wrangler", args, {
    cwd: EDGE_DIR,
    detached: true,
    stdio: ["ignore", "pipe", "pipe"],
    env: { ...process.env, XDG_CONFIG_HOME: path.join(config.stateDir, "xdg"), WRANGLER_SEND_METRICS: "false" },
  });
  const log = fs.createWriteStream(path.join(config.stateDir, "wrangler.log"));
  const show = (chunk: Buffer) => {
    log.write(chunk);
    // Offline, every start warns that Request.cf cannot be fetched: harmless, so not shown.
    const text = chunk
      .toString()
      .split("\n")
      .filter((line) => line.trim() && !/Request\.cf|getaddrinfo|GetAddrInfo|workers\.cloudflare\.com/.test(line));
    for (const line of text) console.log(`  [edge] ${line}`);
  };
  child.stdout!.on("data", show);
  child.stderr!.on("data", show);
  // Stopped before the database and relay it uses (cleanups run in reverse).
  if (!cleanups.includes(stopEdge)) cleanups.push(stopEdge);
  edge = child;
  child.on("exit", (code) => {
    if (!stopping && edge === child) {
      console.error(`wrangler dev exited (${code}); see ${path.join(config.stateDir, "wrangler.log")}.`);
      void stopAll(1);
    }
  });
  await waitForHealth(`http://127.0.0.1:${config.port}/healthz`);
  // Tests (and people) find the stack and the Worker's process here: `kill -USR2 $(cat …/stack.pid)`.
  fs.writeFileSync(path.join(config.stateDir, "edge.pid"), String(child.pid));
  return child;
}

/**
 * SIGUSR2 restarts the Worker (wrangler dev) on the same state: carts, caches and the registry are
 * read back from disk, as after a deploy or a crash. The database and relay keep running.
 */
function restartEdgeOnSignal(start: () => Promise<ChildProcess>) {
  fs.writeFileSync(path.join(config.stateDir, "stack.pid"), String(process.pid));
  let restarting = false;
  process.on("SIGUSR2", () => {
    if (restarting || stopping) return;
    restarting = true;
    const old = edge;
    edge = undefined;
    console.log("restarting the Worker (SIGUSR2)…");
    void (old ? stopGroup(old) : Promise.resolve())
      .then(start)
      .then(() => console.log("the Worker is back"))
      .catch((err: Error) => {
        console.error(`the Worker did not come back: ${err.message}`);
        void stopAll(1);
      })
      .finally(() => (restarting = false));
  });
}

/** The Worker's Cron Trigger (the checkout sweep), fired as Cloudflare would: every minute. */
function runCronEachMinute() {
  const timer = setInterval(() => {
    if (!edge || stopping) return;
    fetch(`http://127.0.0.1:${config.port}/__scheduled?cron=*+*+*+*+*`).catch(() => {});
  }, 60_000);
  timer.unref();
  cleanups.push(() => clearInterval(timer));
}

function stopGroup(child: ChildProcess): Promise<void> {
  return new Promise((resolve) => {
    if (child.exitCode !== null || !child.pid) return resolve();
    child.once("exit", () => resolve());
    process.kill(-child.pid, "SIGTERM");
    setTimeout(() => {
      try {
        process.kill(-child.pid!, "SIGKILL");
      } catch {}
      resolve();
    }, 5000).unref();
  });
}

async function waitForHealth(url: string, timeoutMs = 90_000) {
  const deadline = Date.now() + timeoutMs;
  let last = "no answer";
  while (Date.now() < deadline) {
    try {
      const response = await fetch(url);
      if (response.ok) return;
      last = `HTTP ${response.status}: ${await response.text()}`;
    } catch (err) {
      last = (err as Error).message;
    }
    await new Promise((r) => setTimeout(r, 300));
  }
  throw new Error(`the edge did not become healthy at ${url} (${last})`);
}

try {
  fs.mkdirSync(config.stateDir, { recursive: true });
  let databaseUrl = process.env.DATABASE_URL;
  if (!databaseUrl) {
    const pg = await stage(`embedded PostgreSQL on 127.0.0.1:${config.pgPort}`, () =>
      startEmbeddedPostgres(path.join(config.stateDir, "postgres"), config.pgPort),
    );
    cleanups.push(pg.stop);
    databaseUrl = pg.url;
  }
  const dbUrl = databaseUrl;
  await stage("database migrations", () => runMigrations(dbUrl));
  await stage("demo data", async () => {
    const existing = await catalogSize(dbUrl);
    if (existing > 0)
      return console.log(`  keeping the ${existing.toLocaleString("en-US")} products already there (npm run seed -- --products N replaces them)`);
    await loadCatalog(dbUrl, DEMO_PRODUCTS, (message) => console.log(`  ${message}`));
  });
  await stage("demo coupons", async () => {
    const added = await seedDemoCoupons(dbUrl);
    if (added > 0) console.log(`  added ${added} demo coupons (docs/cart.md, "Demo coupons")`);
  });

  let relayAddress: string | undefined;
  if (isLoopback(dbUrl)) {
    const relay = await stage(`Neon WebSocket relay on 127.0.0.1:${config.relayPort}`, () => startNeonRelay(config.relayPort));
    cleanups.push(relay.close);
    relayAddress = relay.url;
  }

  await stage("production builds of all apps (turbo, cached)", () =>
    run("turbo", ["run", "build", ...APPS.map((app) => `--filter=${appPackage(app)}`), "--output-logs=new-only"], { env: TURBO_ENV }),
  );

  const stripe = await stage("payments (Stripe)", () => stripeSettings(config));
  cleanups.push(stripe.stop);
  console.log(`  ${stripe.description}`);

  const mail = await stage("email", () => mailSettings(config));
  cleanups.push(mail.stop);
  console.log(`  ${mail.description}`);

  const token = localDeployToken(config.stateDir);
  const startWorker = () => startEdge(dbUrl, relayAddress, token, stripe, mail);
  await stage(`edge: wrangler dev on ${config.publicOrigin}`, startWorker);
  restartEdgeOnSignal(startWorker);
  runCronEachMinute();

  const target = resolveTarget("local");
  await stage("publish and promote every app (the team deploy path)", async () => {
    for (const app of APPS) {
      const build = readBuild(app);
      const outcome = await publish(target, app, build.contentVersion, build);
      await promote(target, app, build.contentVersion);
      console.log(`  ${app}@${build.contentVersion} ${outcome === "created" ? "published" : "unchanged"}, live`);
    }
  });

  const seconds = ((performance.now() - started) / 1000).toFixed(1);
  console.log(`\nThe shop is up on ${config.publicOrigin} (ready in ${seconds} s). Press Ctrl-C to stop.`);
} catch (err) {
  console.error(`\nnpm start failed: ${err instanceof Error ? err.message : String(err)}`);
  console.error("Fix the cause above and run npm start again; troubleshooting is in docs/operations.md.");
  await stopAll(1);
}
