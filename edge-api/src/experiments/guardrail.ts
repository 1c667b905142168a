import type { AppName, RemoteName } from "@shop/contracts";
import type { Database } from "../db/client";
import type { Env } from "../env";
import { recordChange } from "../registry/change-log";
import { forgetLiveVersions, liveRegistry } from "../registry/registry";
import { makeStable } from "../registry/release";
import { variantOf } from "./assignment";
import { endExperiment, stopVariant } from "./control";
import { appsOf, type Experiment, runningExperiments, writeExperiment } from "./experiments";
import { recordFailure, variantCounts } from "./measurement";

/**
 * Whether a variant's failures stay within the guardrail, and the numbers that say so: networks
 * whose browsers confirmed the variant, and those of them that reported a failure (docs/experiments.md,
 * "Guardrail").
 */
async function guardrailReading(db: Database, experiment: Experiment, variant: string) {
  const counts = (await variantCounts(db, experiment.id, experiment.phase)).get(variant);
  const networks = counts?.networks ?? 0;
  const failed = counts?.failed ?? 0;
  const rate = networks ? failed / networks : 0;
  const { maxFailureRate, minExposures } = experiment.guardrail;
  return { networks, failed, rate, enoughData: networks >= minExposures, breached: networks >= minExposures && rate > maxFailureRate };
}

const percent = (rate: number) => `${Math.round(rate * 1000) / 10}%`;
const networksText = (count: number) => `${count} network${count === 1 ? "" : "s"}`;

/**
 * A browser says an app version failed to load or render. It is kept once per visitor and version,
 * and only when the edge exposed that visitor (by the id it minted and signed) to that version in a
 * running experiment; it counts against the variant once per network. A variant (never the
 * control) whose failure rate passes its guardrail, over enough networks, is stopped at once.
 */
export async function reportFailure(
  env: Env,
  db: Database,
  failure: { app: RemoteName; version: string; kind: "load" | "render"; visitorId: string; network: string },
) {
  const experiments = (await liveRegistry(env)).experiments.filter((experiment) => appsOf(experiment).includes(failure.app));
  const phases = experiments.map((experiment) => ({ experiment: experiment.id, phase: experiment.phase }));
  if (!(await recordFailure(db, failure, phases))) return;
  for (const experiment of experiments) {
    const variant = variantOf(experiment, failure.visitorId);
    if (variant === experiment.variants[0] || variant.stopped || variant.versions[failure.app] !== failure.version) continue;
    const reading = await guardrailReading(db, experiment, variant.name);
    if (!reading.breached) continue;
    const reason = `${percent(reading.rate)} of the ${networksText(reading.networks)} that ran it reported a failure, above the guardrail's ${percent(experiment.guardrail.maxFailureRate)}`;
    await stopVariant(env, db, experiment.id, variant.name, reason, {
      failed: reading.failed,
      networks: reading.networks,
      app: failure.app,
      version: failure.version,
    });
  }
}

/**
 * A gradual rollout moves to its next step when the current one has run its time and the
 * candidate's guardrail holds over enough exposures; after the last step (100%) the candidate's
 * versions become stable and the rollout ends. Called by the scheduled handler every minute.
 */
export async function advanceRollouts(env: Env, db: Database, now = Date.now()) {
  for (const experiment of await runningExperiments(env)) {
    const { rollout } = experiment;
    const candidate = experiment.variants[1];
    if (!rollout || !candidate || candidate.stopped) continue;
    if (now - Date.parse(rollout.stepStartedAt) < rollout.stepMinutes * 60_000) continue;
    const reading = await guardrailReading(db, experiment, candidate.name);
    if (reading.breached || !reading.enoughData) {
      const waiting = reading.breached
        ? "the guardrail is breached"
        : `waiting for ${networksText(experiment.guardrail.minExposures)} to run it (has ${reading.networks})`;
      if (rollout.waiting !== waiting) {
        await writeExperiment(env, { ...experiment, rollout: { ...rollout, waiting } });
        await recordChange(db, { actor: "edge", action: "rollout_held", experiment: experiment.id, reason: waiting, detail: { step: rollout.step } });
      }
      continue;
    }
    const detail = { failed: reading.failed, networks: reading.networks };
    if (rollout.step === rollout.steps.length - 1) {
      for (const [app, version] of Object.entries(candidate.versions))
        await makeStable(env, db, "edge", app as AppName, version, `rollout ${experiment.id} complete`);
      await endExperiment(env, db, experiment.id, "edge", "rollout_complete", `the candidate ran at 100% with ${percent(reading.rate)} failures`);
      continue;
    }
    const step = rollout.step + 1;
    const percentNow = rollout.steps[step]!;
    const at = new Date(now).toISOString();
    const variants = [
      { ...experiment.variants[0]!, weight: 100 - percentNow },
      { ...candidate, weight: percentNow },
    ];
    await writeExperiment(env, {
      ...experiment,
      variants,
      phase: experiment.phase + 1,
      phaseStartedAt: at,
      rollout: { ...rollout, step, stepStartedAt: at, waiting: undefined },
    });
    forgetLiveVersions();
    await recordChange(db, {
      actor: "edge",
      action: "rollout_step",
      experiment: experiment.id,
      reason: `guardrail held: ${percent(reading.rate)} failures over ${networksText(reading.networks)}`,
      detail: { step, candidatePercent: percentNow, ...detail },
    });
  }
}
