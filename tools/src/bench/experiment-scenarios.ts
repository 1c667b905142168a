import { stage } from "../run";
import { CONNECTIONS, SECONDS } from "./config";
import { measure } from "./load";
import { countCpu } from "./process-cpu";

// One experiment per app (an app is in one experiment at a time); each variant pins the stable
// version, so what is measured is the edge's work (assignment, variant versions, cookies), not a
// different remote.
const APPS = ["catalog", "cart", "account"] as const;
const COUNTS = [0, 1, 3] as const;

// This machine's throughput moves by half within seconds (seen: 287 to 634 documents/s for the
// same setting a minute apart), far more than a few experiments change it. So the three settings
// are measured in many short slices, interleaved and in a rotated order (each setting goes first,
// second and third equally often), and each ratio is taken over all its slices' requests: drift
// hits every setting alike instead of whichever ran in a slow minute.
const CYCLES = 9;
const SLICE_SECONDS = Math.max(1, Math.round((SECONDS * 3) / CYCLES));

export interface ExperimentDocumentResult {
  experiments: number;
  /** All this setting's requests over all the no-experiment slices' requests, in the same cycles. */
  ratioToNone: number;
  /** The same ratio in each cycle, lowest first: how far the machine moved during the measurement. */
  ratioRounds: number[];
  requestsPerSecond: number;
  p50: number;
  p95: number;
  errors: number;
  /** The Worker runtime's CPU per document (ms), from /proc: what the experiments add, without the load's noise. */
  workerCpuMsPerDocument?: number;
}

async function registry(base: string, token: string, method: string, path: string, body?: unknown) {
  const response = await fetch(`${base}/api/registry${path}`, {
    method,
    headers: { Authorization: `Bearer ${token}`, "Content-Type": "application/json" },
    body: body === undefined ? undefined : JSON.stringify(body),
  });
  if (!response.ok) throw new Error(`${method} /api/registry${path}: HTTP ${response.status} ${await response.text()}`);
  return response.json();
}

/** Runs `count` experiments (0 stops them all). */
async function runExperiments(base: string, token: string, count: number, stable: Record<string, string>) {
  for (const [i, app] of APPS.entries()) {
    const id = `bench-${app}`;
    if (i < count)
      await registry(base, token, "PUT", `/experiments/${id}`, {
        variants: [
          { name: "control", weight: 50 },
          { name: "b", weight: 50, versions: { [app]: stable[app] } },
        ],
      });
    else await registry(base, token, "DELETE", `/experiments/${id}`).catch(() => undefined); // not running: nothing to stop
  }
}

/**
 * A returning visitor's cookies (visitor id, exposures already counted, cart), from one first visit
 * that must have been exposed to each running experiment: else the load would measure nothing.
 */
async function returningVisitorCookie(base: string, experiments: number): Promise<string> {
  // The edge mints and signs the visitor id: the first visit's cookies are the returning visitor's.
  const first = await fetch(`${base}/`);
  await first.text();
  const set = first.headers.getSetCookie().map((c) => c.split(";")[0]!);
  const seen = set.find((c) => c.startsWith("shop_seen="))?.slice("shop_seen=".length);
  const exposed = seen ? seen.split("~").filter((entry) => entry.startsWith("bench-")).length : 0;
  if (experiments > 0 && exposed !== experiments) throw new Error(`the home page exposed a visitor to ${exposed} of ${experiments} running experiments`);
  return set.join("; ");
}

type Slice = Awaited<ReturnType<typeof measure>> & { workerCpuMs?: number };

/** The shell document for a returning visitor with no, one and three running experiments. */
export async function experimentDocumentScenarios(base: string, token: string): Promise<ExperimentDocumentResult[]> {
  const { apps } = (await registry(base, token, "GET", "")) as { apps: Array<{ name: string; stable: string }> };
  const stable = Object.fromEntries(apps.map((a) => [a.name, a.stable]));
  const slices = new Map<number, Slice[]>(COUNTS.map((count) => [count, []]));
  try {
    await stage(`load: shell document with 0, 1 and 3 experiments, ${CYCLES} interleaved cycles of ${SLICE_SECONDS} s each`, async () => {
      for (let cycle = 0; cycle < CYCLES; cycle++) {
        for (let i = 0; i < COUNTS.length; i++) {
          const count = COUNTS[(cycle + i) % COUNTS.length]!;
          await runExperiments(base, token, count, stable);
          const cookie = await returningVisitorCookie(base, count);
          const cpu = countCpu();
          const result = await measure({
            name: `shell document, ${count} experiments`,
            url: `${base}/`,
            request: () => ({ headers: { Cookie: cookie } }),
            seconds: SLICE_SECONDS,
            connections: CONNECTIONS,
          });
          slices.get(count)!.push({ ...result, workerCpuMs: cpu(result.requests)?.workerRuntime });
        }
        process.stdout.write(`  cycle ${cycle + 1} of ${CYCLES} done\n`);
      }
    });
  } finally {
    await runExperiments(base, token, 0, stable);
  }
  const none = slices.get(0)!;
  const total = (list: Slice[]) => list.reduce((sum, s) => sum + s.requests, 0);
  return COUNTS.map((count) => {
    const mine = slices.get(count)!;
    const perCycle = mine.map((s, cycle) => s.requests / none[cycle]!.requests).sort((a, b) => a - b);
    const median = [...mine].sort((a, b) => a.requestsPerSecond - b.requestsPerSecond)[Math.floor(mine.length / 2)]!;
    const cpuKnown = mine.every((s) => s.workerCpuMs !== undefined);
    return {
      experiments: count,
      ratioToNone: Number((total(mine) / total(none)).toFixed(2)),
      ratioRounds: perCycle.map((r) => Number(r.toFixed(2))),
      requestsPerSecond: Math.round(total(mine) / (mine.length * SLICE_SECONDS)),
      p50: median.p50,
      p95: median.p95,
      errors: mine.reduce((sum, s) => sum + s.errors, 0),
      ...(cpuKnown && { workerCpuMsPerDocument: Number((mine.reduce((sum, s) => sum + s.workerCpuMs! * s.requests, 0) / total(mine)).toFixed(3)) }),
    };
  });
}
