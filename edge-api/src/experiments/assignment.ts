import { GrowthBookClient } from "@growthbook/growthbook";
import type { AppName, RemoteName } from "@shop/contracts";
import { type LiveRegistry, type LiveVersion, publishedVersion, stableVersions } from "../registry/registry";
import { appsOf, type Experiment } from "./experiments";

// No features and no network: the SDK is used for what GrowthBook defines, the hashing (FNV-1a, its
// v2 scheme) and the bucket ranges, so the experiments here read the same in GrowthBook.
const growthbook = new GrowthBookClient();

/**
 * The variant a visitor is in: (visitor id, experiment id) hashed into [0, 1) and mapped onto the
 * weights' ranges. Sticky (the same id, the same variant) and independent between experiments
 * (the experiment id is the hash's seed).
 */
export function variantOf(experiment: Pick<Experiment, "id" | "variants">, visitorId: string): Experiment["variants"][number] {
  const result = growthbook.runInlineExperiment(
    {
      key: experiment.id,
      variations: experiment.variants.map((v) => v.name) as [string, string, ...string[]],
      weights: experiment.variants.map((v) => v.weight / 100),
      hashVersion: 2,
      hashAttribute: "id",
    },
    { attributes: { id: visitorId } },
  );
  return experiment.variants[result.inExperiment ? result.variationId : 0]!;
}

export interface Exposure {
  experiment: string;
  phase: number;
  variant: string;
  /** The versions the visitor got of the experiment's apps, which the guardrail's failures are matched to. */
  versions: Partial<Record<RemoteName, string>>;
}

export interface VisitorVersions {
  versions: Map<AppName, LiveVersion | null>;
  /** Apps pinned by a QA override (the page shows that it is a preview). */
  pinned: Map<AppName, string>;
  /** The experiments whose apps this page shows, with the visitor's variant in each. */
  exposures: Exposure[];
}

/**
 * Which version of each app this visitor gets: the stable one, unless a running experiment's
 * variant pins another (all of that variant's apps together), unless a QA pin names one. A stopped
 * variant's visitors get the stable versions and are not counted. `pageApps` are the apps the page
 * loads: only experiments touching them expose the visitor.
 */
export function versionsFor(live: LiveRegistry, visitorId: string, pins: Map<string, string>, pageApps: Set<string>): VisitorVersions {
  const versions = stableVersions(live.apps);
  const stable = (app: RemoteName) => versions.get(app)?.version;
  const exposures: Exposure[] = [];
  for (const experiment of live.experiments) {
    const apps = appsOf(experiment);
    if (apps.some((app) => pins.has(app))) continue;
    const variant = variantOf(experiment, visitorId);
    if (variant.stopped) continue;
    const served: Partial<Record<RemoteName, string>> = {};
    for (const app of apps) {
      const chosen = publishedVersion(live.apps, app, variant.versions[app]);
      if (chosen) versions.set(app, chosen);
      const version = chosen?.version ?? stable(app);
      if (version) served[app] = version;
    }
    if (apps.some((app) => pageApps.has(app))) exposures.push({ experiment: experiment.id, phase: experiment.phase, variant: variant.name, versions: served });
  }
  const pinned = new Map<AppName, string>();
  for (const [app, version] of pins) {
    const chosen = publishedVersion(live.apps, app as AppName, version);
    if (chosen) {
      versions.set(app as AppName, chosen);
      pinned.set(app as AppName, version);
    }
  }
  return { versions, pinned, exposures };
}
