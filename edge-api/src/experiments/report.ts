import type { Database } from "../db/client";
import type { Env } from "../env";
import { type Experiment, existingExperiment } from "./experiments";
import { type VariantCounts, variantCounts } from "./measurement";
import { type Comparison, compare, type SampleRatio, sampleRatio } from "./statistics";

/** Below this many visitors in either variant no verdict is given, whatever the test says. */
export const MIN_VISITORS_FOR_VERDICT = 100;
const SIGNIFICANCE = 0.05;

export interface VariantReport extends VariantCounts {
  weight: number;
  versions: Experiment["variants"][number]["versions"];
  stopped: NonNullable<Experiment["variants"][number]["stopped"]> | null;
  conversionRate: number;
  revenuePerVisitorCents: number;
  failureRate: number;
  /** Against the control; null for the control itself or when there is nothing to compare yet. */
  comparison: Comparison | null;
  verdict: string;
}

export interface ExperimentReport {
  experiment: Experiment;
  variants: VariantReport[];
  sampleRatio: SampleRatio | null;
  verdict: string;
}

const zero = (variant: string): VariantCounts => ({ variant, visitors: 0, converted: 0, orders: 0, revenueCents: 0, networks: 0, failed: 0 });

/** What a variant's numbers say in plain words, against the control. */
function verdictOf(
  name: string,
  control: VariantCounts,
  counts: VariantCounts,
  comparison: Comparison | null,
  split: SampleRatio | null,
  stopped: string | undefined,
): string {
  if (stopped) return `${name} stopped: ${stopped}`;
  if (split?.mismatch) return "traffic split broken";
  if (control.visitors < MIN_VISITORS_FOR_VERDICT || counts.visitors < MIN_VISITORS_FOR_VERDICT || !comparison || comparison.sequentialPValue >= SIGNIFICANCE)
    return "not enough data yet";
  return comparison.lift > 0 ? `${name} better` : `${name} worse`;
}

/**
 * The current phase of an experiment per variant: visitors, orders, conversion, revenue per
 * visitor, failures; each against the control with its lift, 95% interval and p-value (fixed and
 * always-valid), the sample-ratio-mismatch check over the variants still running, and verdicts.
 */
export async function experimentReport(env: Env, db: Database, id: string): Promise<ExperimentReport> {
  const experiment = await existingExperiment(env, id);
  const counts = await variantCounts(db, id, experiment.phase);
  const rows = experiment.variants.map((v) => counts.get(v.name) ?? zero(v.name));
  const running = experiment.variants.map((v, i) => ({ v, row: rows[i]! })).filter(({ v }) => !v.stopped);
  const split = sampleRatio(
    running.map(({ row }) => row.visitors),
    running.map(({ v }) => v.weight),
  );
  const control = rows[0]!;
  const variants = experiment.variants.map((v, i): VariantReport => {
    const row = rows[i]!;
    const comparison =
      i === 0 ? null : compare({ visitors: control.visitors, converted: control.converted }, { visitors: row.visitors, converted: row.converted });
    return {
      ...row,
      weight: v.weight,
      versions: v.versions,
      stopped: v.stopped ?? null,
      conversionRate: row.visitors ? row.converted / row.visitors : 0,
      revenuePerVisitorCents: row.visitors ? Math.round(row.revenueCents / row.visitors) : 0,
      failureRate: row.networks ? row.failed / row.networks : 0,
      comparison,
      verdict: i === 0 ? "control" : verdictOf(v.name, control, row, comparison, split, v.stopped?.reason),
    };
  });
  const challengers = variants.slice(1);
  const verdict = split?.mismatch
    ? "traffic split broken"
    : challengers.every((v) => v.stopped)
      ? challengers[0]!.verdict
      : (challengers.find((v) => v.verdict.endsWith(" better"))?.verdict ??
        challengers.find((v) => v.verdict.endsWith(" worse"))?.verdict ??
        "not enough data yet");
  return { experiment, variants, sampleRatio: split, verdict };
}
