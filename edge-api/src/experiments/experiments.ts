import type { Experiment, PutExperiment, RemoteName } from "@shop/contracts";
import type { Env } from "../env";
import { ApiFailure } from "../errors";

export type { Experiment };

// One key per experiment, so the guardrail stopping a variant of one never races a change to
// another; the running ones are listed under one key, which only operators' writes change.
const experimentKey = (id: string) => `experiment:${id}`;
const RUNNING_KEY = "experiments:running";

export const readExperiment = (env: Env, id: string) => env.REGISTRY.get<Experiment>(experimentKey(id), "json");

async function runningIds(env: Env): Promise<string[]> {
  return (await env.REGISTRY.get<string[]>(RUNNING_KEY, "json")) ?? [];
}

export async function runningExperiments(env: Env): Promise<Experiment[]> {
  const found = await Promise.all((await runningIds(env)).map((id) => readExperiment(env, id)));
  return found.filter((e): e is Experiment => e?.status === "running");
}

export async function writeExperiment(env: Env, experiment: Experiment) {
  await env.REGISTRY.put(experimentKey(experiment.id), JSON.stringify(experiment));
  const ids = await runningIds(env);
  const listed = ids.includes(experiment.id);
  if (experiment.status === "running" && !listed) await env.REGISTRY.put(RUNNING_KEY, JSON.stringify([...ids, experiment.id]));
  if (experiment.status !== "running" && listed) await env.REGISTRY.put(RUNNING_KEY, JSON.stringify(ids.filter((id) => id !== experiment.id)));
}

/** The apps an experiment changes: those any of its variants pins. */
export const appsOf = (experiment: Pick<Experiment, "variants">): RemoteName[] => [
  ...new Set(experiment.variants.flatMap((v) => Object.keys(v.versions) as RemoteName[])),
];

const sameWeights = (a: Pick<Experiment, "variants">, b: Pick<Experiment, "variants">) =>
  JSON.stringify(a.variants.map((v) => [v.name, v.weight, v.versions])) === JSON.stringify(b.variants.map((v) => [v.name, v.weight, v.versions]));

/**
 * The experiment a PUT makes: a new one, or the running one changed. Changing variants or weights
 * starts a new phase (visitors are counted again under the new split); the same definition again
 * changes nothing.
 */
export function experimentFrom(
  id: string,
  definition: PutExperiment,
  current: Experiment | null,
  now = new Date(),
): { experiment: Experiment; changed: boolean } {
  const at = now.toISOString();
  const variants = definition.variants.map(({ name, weight, versions }) => ({ name, weight, versions }));
  const rollout = definition.rollout && { ...definition.rollout, step: 0, stepStartedAt: at };
  if (current?.status === "running") {
    if (
      sameWeights(current, { variants }) &&
      JSON.stringify(current.guardrail) === JSON.stringify(definition.guardrail) &&
      JSON.stringify(current.rollout && { steps: current.rollout.steps, stepMinutes: current.rollout.stepMinutes }) === JSON.stringify(definition.rollout)
    ) {
      return { experiment: current, changed: false };
    }
    const newPhase = !sameWeights(current, { variants });
    return {
      experiment: {
        ...current,
        variants,
        guardrail: definition.guardrail,
        rollout,
        phase: newPhase ? current.phase + 1 : current.phase,
        phaseStartedAt: newPhase ? at : current.phaseStartedAt,
      },
      changed: true,
    };
  }
  // An ended experiment's id starts again after its last phase, so its old counts are not mixed in.
  const phase = current ? current.phase + 1 : 0;
  return { experiment: { id, status: "running", variants, guardrail: definition.guardrail, rollout, phase, phaseStartedAt: at, startedAt: at }, changed: true };
}

/** A running experiment that already changes one of these apps, other than `id` (two would fight over it). */
export function overlapping(running: Experiment[], id: string, apps: RemoteName[]): ApiFailure | null {
  for (const other of running) {
    if (other.id === id) continue;
    const shared = appsOf(other).filter((app) => apps.includes(app));
    if (shared.length)
      return new ApiFailure(
        409,
        "app_in_experiment",
        `${shared.join(", ")} is already in experiment "${other.id}"; stop it first (an app is in one experiment at a time).`,
      );
  }
  return null;
}

/** Requires the experiment to exist (404 otherwise). */
export async function existingExperiment(env: Env, id: string): Promise<Experiment> {
  const experiment = await readExperiment(env, id);
  if (!experiment) throw new ApiFailure(404, "unknown_experiment", `No experiment "${id}".`);
  return experiment;
}
