// Experiments on remote versions, through the registry API (the deploy token, or production's SHOP_URL + DEPLOY_TOKEN):
//   npm run experiment -- start <id> --variant control=90 --variant new-search=10:catalog@1.3.0,cart@2.0.0
//        [--max-failure-rate 0.05] [--min-exposures 100] [--rollout 1,10,50,100 --step-minutes 1440] [--reason "…"]
//   npm run experiment -- list | show <id> | report <id> | stop <id> [--reason "…"]
//   npm run experiment -- pin catalog@1.3.0,cart@2.0.0 [--hours 24] [--reason "…"]   (a signed QA link)
// The first variant is the control; a variant without versions gets the stable ones.
import { parseArgs } from "node:util";
import { registryCall, resolveTarget } from "../platform/deploy-client";

const { values, positionals } = parseArgs({
  allowPositionals: true,
  options: {
    variant: { type: "string", multiple: true, default: [] },
    "max-failure-rate": { type: "string" },
    "min-exposures": { type: "string" },
    rollout: { type: "string" },
    "step-minutes": { type: "string" },
    reason: { type: "string" },
    target: { type: "string", default: "local" },
    hours: { type: "string", default: "24" },
  },
});

const USAGE =
  "Usage: npm run experiment -- start <id> --variant control=90 --variant b=10:catalog@1.3.0 | list | show <id> | report <id> | stop <id> | pin catalog@1.3.0 [--hours 24]";
const [command, id] = positionals;

/** `name=weight[:app@version,app@version]` → a variant. */
function parseVariant(text: string) {
  const match = /^([^=]+)=(\d+)(?::(.+))?$/.exec(text);
  if (!match) throw new Error(`--variant ${text}: write name=weight or name=weight:app@version,app@version`);
  const versions = Object.fromEntries(
    (match[3] ?? "")
      .split(",")
      .filter(Boolean)
      .map((pin) => {
        const [app, version] = pin.split("@");
        if (!app || !version) throw new Error(`--variant ${text}: "${pin}" is not app@version`);
        return [app, version];
      }),
  );
  return { name: match[1]!, weight: Number(match[2]), versions };
}

const pct = (x: number) => `${(x * 100).toFixed(2)}%`;
const money = (cents: number) => `${(cents / 100).toFixed(2)}`;

interface Report {
  verdict: string;
  experiment: { id: string; phase: number; status: string };
  sampleRatio: { pValue: number; mismatch: boolean } | null;
  variants: Array<{
    variant: string;
    weight: number;
    visitors: number;
    orders: number;
    conversionRate: number;
    revenuePerVisitorCents: number;
    failureRate: number;
    failed: number;
    networks: number;
    verdict: string;
    comparison: { lift: number; liftInterval: [number, number]; pValue: number; sequentialPValue: number } | null;
  }>;
}

function printReport(report: Report) {
  console.log(`${report.experiment.id} (${report.experiment.status}, phase ${report.experiment.phase}): ${report.verdict}`);
  if (report.sampleRatio) console.log(`  sample ratio: p = ${report.sampleRatio.pValue.toPrecision(3)}${report.sampleRatio.mismatch ? "  ← MISMATCH" : ""}`);
  for (const v of report.variants) {
    const vs = v.comparison
      ? `lift ${pct(v.comparison.lift)} [${pct(v.comparison.liftInterval[0])}, ${pct(v.comparison.liftInterval[1])}] p=${v.comparison.pValue.toPrecision(3)} sequential p=${v.comparison.sequentialPValue.toPrecision(3)}`
      : "";
    console.log(
      `  ${v.variant.padEnd(16)} ${String(v.weight).padStart(3)}%  visitors ${v.visitors}  orders ${v.orders}  conversion ${pct(v.conversionRate)}  revenue/visitor ${money(v.revenuePerVisitorCents)}  failures ${pct(v.failureRate)} (${v.failed} of ${v.networks} networks)  ${vs}  → ${v.verdict}`,
    );
  }
}

try {
  const target = resolveTarget(values.target);
  const path = `/experiments/${encodeURIComponent(id ?? "")}`;
  if (command === "list") {
    const { payload } = await registryCall(target, "GET", "/experiments");
    const { experiments } = payload as {
      experiments: Array<{ id: string; variants: Array<{ name: string; weight: number; versions: Record<string, string> }> }>;
    };
    if (experiments.length === 0) console.log("No experiment is running.");
    for (const e of experiments)
      console.log(
        `${e.id}: ${e.variants
          .map(
            (v) =>
              `${v.name} ${v.weight}% ${
                Object.entries(v.versions)
                  .map(([a, ver]) => `${a}@${ver}`)
                  .join(",") || "(stable)"
              }`,
          )
          .join(" | ")}`,
      );
  } else if (!id) {
    throw new Error(USAGE);
  } else if (command === "pin") {
    const pins = Object.fromEntries(id.split(",").map((pin) => pin.split("@")));
    const { payload } = await registryCall(target, "POST", "/pins", { pins, hours: Number(values.hours), ...(values.reason && { reason: values.reason }) });
    const link = payload as { url: string; expiresAt: string };
    console.log(`QA link (pins ${id} for the browser session that opens it, until ${link.expiresAt}):\n${link.url}`);
  } else if (command === "start") {
    const guardrail = { maxFailureRate: Number(values["max-failure-rate"] ?? 0.05), minExposures: Number(values["min-exposures"] ?? 100) };
    const rollout = values.rollout ? { steps: values.rollout.split(",").map(Number), stepMinutes: Number(values["step-minutes"] ?? 1440) } : undefined;
    const body = { variants: values.variant.map(parseVariant), guardrail, ...(rollout && { rollout }), ...(values.reason && { reason: values.reason }) };
    const { status } = await registryCall(target, "PUT", path, body);
    console.log(status === 201 ? `Experiment ${id} is running.` : `Experiment ${id} is running with this definition.`);
  } else if (command === "show") {
    console.log(JSON.stringify((await registryCall(target, "GET", path)).payload, null, 2));
  } else if (command === "report") {
    printReport((await registryCall(target, "GET", `${path}/report`)).payload as unknown as Report);
  } else if (command === "stop") {
    await registryCall(target, "DELETE", `${path}${values.reason ? `?reason=${encodeURIComponent(values.reason)}` : ""}`);
    console.log(`Experiment ${id} stopped: every visitor gets the stable versions.`);
  } else {
    throw new Error(USAGE);
  }
} catch (err) {
  console.error(`experiment failed: ${(err as Error).message}`);
  process.exit(1);
}
