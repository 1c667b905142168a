import { measure } from "../load";
import { stage } from "../run";
import { CONNECTIONS } from "./config";
import { ROUND_SECONDS, ROUNDS } from "./rounds";

// One experiment per app (an app is in one experiment at a time); each variant pins the stable
// version, so what is measured is the edge's work (assignment, variant versions, cookies), not a
// different remote.
const APPS = ["catalog", "cart", "account"] as const;
const VISITOR = "bench-returning-visitor-000001";

export interface ExperimentDocumentResult {
  experiments: number;
  /** The median round's ratio to the document with no experiment, measured just before it. */
  ratioToNone: number;
  ratioRounds: number[];
  requestsPerSecond: number;
  p50: number;
  p95: number;
  errors: number;
}

async function registry(base: string, token: string, method: string, path: string, body?: unknown) {
  const response = await fetch(`${base}/api/registry${path}`, { method, headers: { Authorization: `Bearer ${token}`, "Content-Type": "application/json" }, body: body === undefined ? undefined : JSON.stringify(body) });
  if (!response.ok) throw new Error(`${method} /api/registry${path}: HTTP ${response.status} ${await response.text()}`);
  return response.json();
}

/** Runs `count` experiments (0 stops them all). */
async function runExperiments(base: string, token: string, count: number, stable: Record<string, string>) {
  for (const [i, app] of APPS.entries()) {
    const id = `bench-${app}`;
    if (i < count) await registry(base, token, "PUT", `/experiments/${id}`, { variants: [{ name: "control", weight: 50 }, { name: "b", weight: 50, versions: { [app]: stable[app] } }] });
    else await registry(base, token, "DELETE", `/experiments/${id}`).catch(() => undefined); // not running: nothing to stop
  }
}

/** A returning visitor's cookies (visitor id, exposures already counted, cart), from one first visit. */
async function returningVisitorCookie(base: string): Promise<string> {
  const first = await fetch(`${base}/`, { headers: { Cookie: `shop_visitor=${VISITOR}` } });
  await first.text();
  const set = first.headers.getSetCookie().map((c) => c.split(";")[0]!);
  return [`shop_visitor=${VISITOR}`, ...set.filter((c) => !c.startsWith("shop_visitor="))].join("; ");
}

/**
 * The shell document for a returning visitor with no, one and three running experiments, in rounds
 * (none, one, three, back to back) so each ratio compares measurements minutes apart at most.
 */
export async function experimentDocumentScenarios(base: string, token: string): Promise<ExperimentDocumentResult[]> {
  const { apps } = (await registry(base, token, "GET", "")) as { apps: Array<{ name: string; stable: string }> };
  const stable = Object.fromEntries(apps.map((a) => [a.name, a.stable]));
  const counts = [0, 1, 3];
  const rounds: Array<Map<number, Awaited<ReturnType<typeof measure>>>> = [];
  try {
    for (let round = 0; round < ROUNDS; round++) {
      const results = new Map<number, Awaited<ReturnType<typeof measure>>>();
      for (const count of counts) {
        await runExperiments(base, token, count, stable);
        const cookie = await returningVisitorCookie(base);
        const result = await stage(`load: shell document, ${count} experiment(s), round ${round + 1} of ${ROUNDS}, ${ROUND_SECONDS} s`, () =>
          measure({ name: `shell document, ${count} experiments`, url: `${base}/`, request: () => ({ headers: { Cookie: cookie } }), seconds: ROUND_SECONDS, connections: CONNECTIONS }),
        );
        results.set(count, result);
      }
      rounds.push(results);
    }
  } finally {
    await runExperiments(base, token, 0, stable);
  }
  return counts.map((count) => {
    const ratios = rounds.map((r) => ({ ratio: r.get(count)!.requestsPerSecond / r.get(0)!.requestsPerSecond, result: r.get(count)! })).sort((a, b) => a.ratio - b.ratio);
    const median = ratios[Math.floor(ratios.length / 2)]!;
    return {
      experiments: count,
      ratioToNone: Number(median.ratio.toFixed(2)),
      ratioRounds: ratios.map((r) => Number(r.ratio.toFixed(2))),
      requestsPerSecond: median.result.requestsPerSecond,
      p50: median.result.p50,
      p95: median.result.p95,
      errors: rounds.reduce((sum, r) => sum + r.get(count)!.errors, 0),
    };
  });
}
