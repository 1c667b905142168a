import { type ChildProcess, spawn } from "node:child_process";
import fs from "node:fs";
import http from "node:http";
import { createRequire } from "node:module";
import type { AddressInfo } from "node:net";
import os from "node:os";
import path from "node:path";
import { ROOT } from "../paths";
import { CONNECTIONS } from "./config";
import { measure, percentile } from "./load";
import { processCpuMs, statFieldsOf } from "./process-cpu";
import { isUp } from "./stack";

/**
 * What the Worker's runtime costs under `wrangler dev` against workerd alone, for a request that
 * does nothing and for each subrequest (fetch) one makes: the control for every "Worker CPU" figure
 * the bench gives. `wrangler dev` runs workerd with JavaScript of its own around the Worker (an entry
 * Worker before each request, an outbound Worker around each fetch); Cloudflare runs none of it, so
 * neither does workerd alone, which is the closest this machine has to production.
 */
export interface RuntimeControl {
  /** The same Worker's CPU (ms of its workerd process) per request, by runtime. */
  workerdAlone: RuntimeCost;
  wranglerDev: RuntimeCost;
}

export interface RuntimeCost {
  /** A request that answers at once. */
  bareMs: number;
  /** Each fetch the request makes (to a local server answering a small JSON body, as the Neon relay does). */
  perFetchMs: number;
}

const FETCHES = 6;
const SECONDS = 4;

const controlWorker = (target: string) => `
export default {
  async fetch(request) {
    const n = Number(new URL(request.url).searchParams.get("n") ?? 0);
    for (let i = 0; i < n; i++) {
      const answer = await fetch(${JSON.stringify(target)}, { method: "POST", headers: { "Content-Type": "application/json" }, body: '{"query":"SELECT 1","params":[]}' });
      await answer.json();
    }
    return new Response("ok");
  },
};
`;

const workerdConfig = (port: number) => `using Workerd = import "/workerd/workerd.capnp";
const config :Workerd.Config = (
  services = [
    (name = "main", worker = .control),
    (name = "internet", network = (allow = ["public", "private", "local"])),
  ],
  sockets = [ (name = "http", address = "127.0.0.1:${port}", http = (), service = "main") ],
);
const control :Workerd.Worker = (
  modules = [ (name = "control.mjs", esModule = embed "control.mjs") ],
  compatibilityDate = "2025-01-01",
  globalOutbound = "internet",
);
`;

/** The workerd that runs the Worker, below `root` (wrangler dev starts two: a proxy, and the runtime with an inspector). */
function runtimeBelow(root: number): number | undefined {
  const parentOf = new Map<number, number>();
  const commandOf = new Map<number, string>();
  for (const name of fs.readdirSync("/proc").filter((entry) => /^\d+$/.test(entry))) {
    try {
      parentOf.set(Number(name), Number(statFieldsOf(name)[1]));
      commandOf.set(Number(name), fs.readFileSync(`/proc/${name}/cmdline`, "utf8").replaceAll("\0", " "));
    } catch {
      // The process ended while being read.
    }
  }
  const below = (pid: number): boolean => pid === root || (pid > 1 && parentOf.has(pid) && below(parentOf.get(pid)!));
  return [...commandOf].find(([pid, command]) => command.includes("workerd serve") && command.includes("--inspector-addr") && below(pid))?.[0];
}

async function answering(url: string, child: ChildProcess, what: string) {
  const deadline = Date.now() + 60_000;
  while (!(await isUp(url))) {
    if (Date.now() > deadline || child.exitCode !== null)
      throw new Error(`${what} did not come up for the runtime control (exit ${child.exitCode}); run it by hand to see why`);
    await new Promise((resolve) => setTimeout(resolve, 300));
  }
}

/** Worker CPU per request of `n` fetches, loaded as the bench loads its bare route. */
async function cpuPerRequest(url: string, pid: number, n: number): Promise<number> {
  const before = processCpuMs(pid);
  const { requests } = await measure({ name: `control, ${n} fetches`, url: `${url}/?n=${n}`, seconds: SECONDS, connections: CONNECTIONS });
  return (processCpuMs(pid) - before) / requests;
}

const median = (values: number[]) =>
  percentile(
    values.sort((a, b) => a - b),
    50,
  );

async function costOf(url: string, pid: number): Promise<RuntimeCost> {
  const bare: number[] = [];
  const withFetches: number[] = [];
  for (let pass = 0; pass < 3; pass++) {
    bare.push(await cpuPerRequest(url, pid, 0));
    withFetches.push(await cpuPerRequest(url, pid, FETCHES));
  }
  const round = (ms: number) => Number(ms.toFixed(3));
  return { bareMs: round(median(bare)), perFetchMs: round((median(withFetches) - median(bare)) / FETCHES) };
}

/** Runs the control Worker in workerd alone and in `wrangler dev`, one after the other; undefined off Linux. */
export async function runtimeControl(ports = { workerd: 25456, wranglerDev: 25457, inspector: 25458 }): Promise<RuntimeControl | undefined> {
  if (!fs.existsSync("/proc/self/stat")) return undefined;
  const target = http.createServer((request, response) => {
    request.resume();
    request.on("end", () => response.writeHead(200, { "Content-Type": "application/json" }).end('{"fields":[],"rows":[{"a":1}],"rowCount":1}'));
  });
  await new Promise<void>((resolve) => target.listen(0, "127.0.0.1", resolve));
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), "runtime-control-"));
  fs.writeFileSync(path.join(dir, "control.mjs"), controlWorker(`http://127.0.0.1:${(target.address() as AddressInfo).port}/`));
  fs.writeFileSync(path.join(dir, "control.capnp"), workerdConfig(ports.workerd));
  fs.writeFileSync(path.join(dir, "wrangler.jsonc"), JSON.stringify({ name: "runtime-control", main: "control.mjs", compatibility_date: "2025-01-01" }));
  const children: ChildProcess[] = [];
  // Each in its own process group, stopped with it.
  const start = (command: string, args: string[], env: NodeJS.ProcessEnv = process.env) => {
    const child = spawn(command, args, { cwd: dir, detached: true, stdio: "ignore", env });
    children.push(child);
    return child;
  };
  try {
    // The workerd that wrangler itself runs, so both runtimes are the same build.
    const workerdBinary = createRequire(createRequire(path.join(ROOT, "edge-api/package.json")).resolve("wrangler/package.json"))("workerd").default as string;
    const alone = start(workerdBinary, ["serve", "control.capnp"]);
    await answering(`http://127.0.0.1:${ports.workerd}/`, alone, "workerd");
    const workerdAlone = await costOf(`http://127.0.0.1:${ports.workerd}`, alone.pid!);
    const dev = start("wrangler", ["dev", "--port", String(ports.wranglerDev), "--ip", "127.0.0.1", "--inspector-port", String(ports.inspector)], {
      ...process.env,
      WRANGLER_LOG: "warn",
      WRANGLER_SEND_METRICS: "false",
      XDG_CONFIG_HOME: path.join(dir, "xdg"),
    });
    await answering(`http://127.0.0.1:${ports.wranglerDev}/`, dev, "wrangler dev");
    const runtime = runtimeBelow(dev.pid!);
    if (!runtime) throw new Error("wrangler dev's workerd (the one with an inspector) was not found for the runtime control");
    const wranglerDev = await costOf(`http://127.0.0.1:${ports.wranglerDev}`, runtime);
    return { workerdAlone, wranglerDev };
  } finally {
    for (const child of children) if (child.exitCode === null) process.kill(-child.pid!, "SIGTERM");
    target.close();
    fs.rmSync(dir, { recursive: true, force: true });
  }
}
