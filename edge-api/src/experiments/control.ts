import type { PutExperiment } from "@shop/contracts";
import type { Context } from "hono";
import type { Database } from "../db/client";
import type { AppEnv, Env } from "../env";
import { ApiFailure } from "../errors";
import { recordChange } from "../registry/change-log";
import { forgetLiveVersions, liveRegistry, retireVersions } from "../registry/registry";
import { currentBuilds, refuseIncompatible } from "../registry/release";
import { actorOf } from "../security/operator-access";
import { appsOf, type Experiment, existingExperiment, experimentFrom, overlapping, readExperiment, writeExperiment } from "./experiments";

/**
 * Starts an experiment or changes a running one. Every pinned version must be published and able
 * to run beside the live shell, and no other running experiment may change the same apps.
 */
export async function putExperiment(c: Context<AppEnv>, id: string, definition: PutExperiment): Promise<{ experiment: Experiment; created: boolean }> {
  const current = await readExperiment(c.env, id);
  const apps = appsOf(definition);
  // currentBuilds read the registry afresh; the apps' records come from that same read.
  const builds = await currentBuilds(c.env, id);
  const live = await liveRegistry(c.env);
  const clash = overlapping(live.experiments, id, apps);
  if (clash) throw clash;
  for (const app of apps) {
    const record = live.apps.get(app)!;
    for (const variant of definition.variants) {
      const version = variant.versions[app];
      if (!version) continue;
      const stored = record.versions[version];
      if (!stored) throw new ApiFailure(404, "unknown_version", `Variant "${variant.name}": ${app}@${version} has not been published.`);
      await refuseIncompatible(c.env, app, version, stored, builds);
    }
  }
  const { experiment, changed } = experimentFrom(id, definition, current);
  if (changed) {
    await writeExperiment(c.env, experiment);
    forgetLiveVersions();
    const created = current?.status !== "running";
    await recordChange(c.get("db")(), {
      actor: actorOf(c),
      action: created ? "experiment_start" : "experiment_change",
      experiment: id,
      reason: definition.reason,
      detail: { phase: experiment.phase, variants: experiment.variants, guardrail: experiment.guardrail, rollout: experiment.rollout ?? null },
    });
  }
  return { experiment, created: current?.status !== "running" };
}

/** Ends a running experiment: every visitor gets the stable versions again. Its report stays readable. */
export async function endExperiment(
  env: Env,
  db: Database,
  id: string,
  actor: string,
  action: "experiment_stop" | "rollout_complete",
  reason?: string,
): Promise<Experiment> {
  const experiment = await existingExperiment(env, id);
  if (experiment.status !== "running") return experiment;
  const ended: Experiment = { ...experiment, status: "ended", endedAt: new Date().toISOString() };
  await writeExperiment(env, ended);
  for (const app of appsOf(experiment))
    await retireVersions(
      env,
      app,
      experiment.variants.flatMap((v) => v.versions[app] ?? []),
    );
  forgetLiveVersions();
  await recordChange(db, { actor, action, experiment: id, reason });
  return ended;
}

/** Stops sending visitors to a variant (the guardrail's doing); they get the stable versions instead. */
export async function stopVariant(env: Env, db: Database, id: string, variantName: string, reason: string, detail: Record<string, unknown>) {
  const experiment = await readExperiment(env, id);
  const variant = experiment?.variants.find((v) => v.name === variantName);
  if (experiment?.status !== "running" || !variant || variant.stopped) return;
  variant.stopped = { at: new Date().toISOString(), reason };
  await writeExperiment(env, experiment);
  forgetLiveVersions();
  await recordChange(db, { actor: "edge", action: "variant_stopped", experiment: id, reason, detail: { variant: variantName, ...detail } });
}
