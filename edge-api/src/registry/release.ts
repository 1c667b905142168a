import type { AppName, RegistryApp, RemoteName } from "@shop/contracts";
import type { Context } from "hono";
import type { Database } from "../db/client";
import type { AppEnv, Env } from "../env";
import { ApiFailure } from "../errors";
import { actorOf } from "../security/operator-access";
import { recordChange } from "./change-log";
import { type BuiltWith, type LiveBuilds, refusal } from "./compatibility";
import {
  type BuildOrigin,
  describeApp,
  forgetLiveVersions,
  liveRegistry,
  type PublishedFile,
  promote,
  pruneVersions,
  publishVersion,
  rollback,
  type StoredVersion,
} from "./registry";

const builtWith = (stored: StoredVersion | undefined): BuiltWith | undefined =>
  stored?.build?.shared && stored.build.contracts ? { shared: stored.build.shared, contracts: stored.build.contracts } : undefined;

/** The builds visitors can get now, read fresh (not from the memo), optionally leaving out one experiment. */
export async function currentBuilds(env: Env, exceptExperiment?: string): Promise<LiveBuilds> {
  forgetLiveVersions();
  const live = await liveRegistry(env);
  const shell = live.apps.get("shell")!;
  const remotes: LiveBuilds["liveRemotes"] = [];
  for (const [app, record] of live.apps) {
    if (app !== "shell" && record.stable) remotes.push({ name: `${app}@${record.stable}`, built: builtWith(record.versions[record.stable]) });
  }
  for (const experiment of live.experiments) {
    if (experiment.id === exceptExperiment) continue;
    for (const variant of experiment.variants) {
      for (const [app, version] of Object.entries(variant.versions))
        remotes.push({ name: `${app}@${version}`, built: builtWith(live.apps.get(app as AppName)?.versions[version]) });
    }
  }
  return { stableShell: shell.stable ? { name: `shell@${shell.stable}`, built: builtWith(shell.versions[shell.stable]) } : null, liveRemotes: remotes };
}

/** 409 when `app@version` cannot run beside what is live, saying which part does not match. */
export async function refuseIncompatible(env: Env, app: AppName, version: string, stored: StoredVersion, live?: LiveBuilds) {
  const why = refusal(app, { name: `${app}@${version}`, built: builtWith(stored) }, live ?? (await currentBuilds(env)));
  if (why) throw new ApiFailure(409, "incompatible_version", `${app}@${version} cannot go live: ${why}`);
}

/** Publishes a version, prunes the app's old ones, and records both. */
export async function release(c: Context<AppEnv>, app: AppName, version: string, files: PublishedFile[], origin: BuildOrigin, reason?: string) {
  const outcome = await publishVersion(c.env, app, version, files, origin);
  const db = c.get("db")();
  if (outcome === "created") await recordChange(db, { actor: actorOf(c), action: "publish", app, version, reason, detail: { files: files.length, ...origin } });
  const live = await liveRegistry(c.env);
  const inExperiments = new Set(live.experiments.flatMap((e) => e.variants.flatMap((v) => v.versions[app as RemoteName] ?? [])));
  const pruned = await pruneVersions(c.env, app, inExperiments);
  if (pruned.length)
    await recordChange(db, { actor: "edge", action: "prune", app, reason: "retention: older than the versions kept", detail: { versions: pruned } });
  return { outcome, app: await describeApp(c.env, app) };
}

/** Makes a version stable once it is known to run beside what is live; `actor` is who the log names. */
export async function makeStable(env: Env, db: Database, actor: string, app: AppName, version: string, reason?: string): Promise<RegistryApp> {
  const result = await promote(env, app, version, (a, v, record) => refuseIncompatible(env, a, v, record.versions[v]!));
  if (result.previous !== version) await recordChange(db, { actor, action: "promote", app, version, reason, detail: { previous: result.previous } });
  return result.app;
}

export async function rollBack(c: Context<AppEnv>, app: AppName, reason?: string): Promise<RegistryApp> {
  const result = await rollback(c.env, app);
  await recordChange(c.get("db")(), {
    actor: actorOf(c),
    action: "rollback",
    app,
    version: result.app.stable ?? undefined,
    reason,
    detail: { previous: result.previous },
  });
  return result.app;
}
