import fs from "node:fs";
import os from "node:os";

/**
 * Where a scenario's CPU goes, by the part of the local stack that spent it (Linux /proc). On
 * Cloudflare only the Worker's runtime is the Worker: Postgres is Neon's, the emulator stands in for
 * Stripe, and wrangler's proxy, the relay and the load generator do not exist there.
 */
export const ROLES = ["workerRuntime", "wranglerProxy", "postgres", "relayAndStripeEmulator", "loadGenerator", "restOfMachine"] as const;
export type Role = (typeof ROLES)[number];
export type CpuMs = Record<Role, number>;

const TICK_MS = 10; // USER_HZ is 100 on Linux

function roleOf(pid: string, commandLine: string): Role | undefined {
  if (Number(pid) === process.pid) return "loadGenerator";
  if (commandLine.includes("workerd")) return commandLine.includes("--inspector-addr") ? "workerRuntime" : "wranglerProxy";
  if (commandLine.includes("/bin/postgres") || commandLine.startsWith("postgres:")) return "postgres";
  if (commandLine.includes("tools/src/platform/stack.ts")) return "relayAndStripeEmulator";
  return undefined;
}

/** The fields of /proc/<pid>/stat after the command's name (state first, then the parent's pid). */
export function statFieldsOf(pid: number | string): string[] {
  const stat = fs.readFileSync(`/proc/${pid}/stat`, "utf8");
  return stat.slice(stat.lastIndexOf(")") + 2).split(" ");
}

/** CPU a process has spent so far (ms), its reaped children counted as its own (Postgres backends). */
export const processCpuMs = (pid: number | string) =>
  statFieldsOf(pid)
    .slice(11, 15)
    .reduce((sum, ticks) => sum + Number(ticks), 0) * TICK_MS; // utime stime cutime cstime

/** CPU spent so far (ms) by each part; a process's reaped children count as its own (Postgres backends). */
function snapshot(): CpuMs | undefined {
  if (!fs.existsSync("/proc/stat")) return undefined;
  const spent = Object.fromEntries(ROLES.map((r) => [r, 0])) as CpuMs;
  for (const pid of fs.readdirSync("/proc").filter((name) => /^\d+$/.test(name))) {
    try {
      const role = roleOf(pid, fs.readFileSync(`/proc/${pid}/cmdline`, "utf8").replaceAll("\0", " "));
      if (!role) continue;
      spent[role] += processCpuMs(pid);
    } catch {
      // The process ended while being read.
    }
  }
  const [, ...cpu] = fs.readFileSync("/proc/stat", "utf8").split("\n")[0]!.trim().split(/\s+/).map(Number);
  const busy = (cpu[0]! + cpu[1]! + cpu[2]! + cpu[5]! + cpu[6]!) * TICK_MS; // user, nice, system, irq, softirq
  spent.restOfMachine = busy - ROLES.slice(0, -1).reduce((sum, r) => sum + spent[r], 0);
  return spent;
}

/** Starts counting; the returned function gives the CPU spent since, per unit of work (undefined off Linux). */
export function countCpu(): (units: number) => CpuMs | undefined {
  const before = snapshot();
  return (units) => {
    const after = snapshot();
    if (!before || !after || units === 0) return undefined;
    return Object.fromEntries(ROLES.map((r) => [r, Number(Math.max(0, (after[r] - before[r]) / units).toFixed(2))])) as CpuMs;
  };
}

export const CORES = os.availableParallelism();
