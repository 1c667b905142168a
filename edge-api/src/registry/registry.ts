import { APP_NAMES, type AppName, type RegistryApp } from "@shop/contracts";
import { contentTypeFor } from "../delivery/content-types";
import type { Env } from "../env";
import { ApiFailure } from "../errors";
import { type Experiment, runningExperiments } from "../experiments/experiments";
import type { BuiltWith } from "./compatibility";

/** What KV holds per app under `app:<name>`: one key per app, so two teams' deploys never race. */
export interface StoredApp {
  stable: string | null;
  history: string[];
  versions: Record<string, StoredVersion>;
}

/** Where and when a version was built, as the release command reports it. */
export interface BuildOrigin {
  commit?: string;
  builtAt?: string;
}

/** A version's server bundle: the file, and the modules (`./App`) the edge may render with it. */
export interface ServerBundle {
  file: string;
  modules: string[];
}

export interface StoredVersion {
  publishedAt: string;
  entry: string[];
  preload: string[];
  exposes: Record<string, string[]>;
  /** Stylesheets a document links when the edge renders this version's modules. */
  styles?: string[];
  server?: ServerBundle;
  /** path → ETag (content hash): what makes a version immutable. */
  files: Record<string, string>;
  /** What it was built with (from its entry.json) and where (from the release command). */
  build?: Partial<BuiltWith> & BuildOrigin;
  /** When it last stopped being live (replaced as stable, or its experiment ended): open tabs may still load it. */
  retiredAt?: string;
}

export interface AssetMetadata {
  contentType: string;
  etag: string;
}

export interface PublishedFile {
  path: string;
  bytes: Uint8Array;
}

const appKey = (app: AppName) => `app:${app}`;
export const assetKey = (app: AppName, version: string, path: string) => `${app}/${version}/${path}`;

export async function readApp(env: Env, app: AppName): Promise<StoredApp> {
  return (await env.REGISTRY.get<StoredApp>(appKey(app), "json")) ?? { stable: null, history: [], versions: {} };
}

export function writeApp(env: Env, app: AppName, record: StoredApp) {
  forgetLiveVersions();
  return env.REGISTRY.put(appKey(app), JSON.stringify(record));
}

function toRegistryApp(name: AppName, record: StoredApp): RegistryApp {
  const versions = Object.entries(record.versions)
    .map(([version, { publishedAt, entry, preload, exposes, styles, server, build }]) => ({
      version,
      publishedAt,
      entry,
      preload,
      exposes,
      ...(styles && { styles }),
      ...(server && { server }),
      build: build ?? {},
    }))
    .sort((a, b) => a.publishedAt.localeCompare(b.publishedAt));
  return { name, stable: record.stable, history: record.history, versions };
}

export async function describeApp(env: Env, app: AppName): Promise<RegistryApp> {
  return toRegistryApp(app, await readApp(env, app));
}

async function etagOf(bytes: Uint8Array): Promise<string> {
  const digest = new Uint8Array(await crypto.subtle.digest("SHA-256", bytes));
  return `"${Array.from(digest.subarray(0, 16), (b) => b.toString(16).padStart(2, "0")).join("")}"`;
}

type EntryFiles = Pick<StoredVersion, "entry" | "preload" | "exposes" | "styles" | "server"> & { built?: BuiltWith };

/**
 * What a browser loads first for a version, from the build's entry.json: the shell's initial files
 * and start-up chunks, or a remote's entry and the chunks of each exposed module.
 */
function entryFiles(app: AppName, files: PublishedFile[]): EntryFiles {
  const isRemote = app !== "shell";
  if (isRemote && !files.some((f) => f.path === "remoteEntry.js")) {
    throw new ApiFailure(400, "missing_entry", "A remote version must contain remoteEntry.js.");
  }
  const manifest = files.find((f) => f.path === "entry.json");
  if (!manifest) {
    if (isRemote) return { entry: ["remoteEntry.js"], preload: [], exposes: {} };
    throw new ApiFailure(400, "missing_entry", "A shell version must contain entry.json listing its initial files.");
  }
  let parsed: { initial?: unknown; preload?: unknown; exposes?: unknown; styles?: unknown; server?: unknown; edgeRendered?: unknown; build?: unknown };
  try {
    parsed = JSON.parse(new TextDecoder().decode(manifest.bytes)) ?? {};
  } catch {
    throw new ApiFailure(400, "invalid_entry", "entry.json is not valid JSON.");
  }
  const paths = new Set(files.map((f) => f.path));
  const published = (list: unknown): list is string[] => Array.isArray(list) && list.every((p) => typeof p === "string" && paths.has(p));
  const { initial, preload = [], exposes = {}, styles } = parsed;
  const exposesValid = typeof exposes === "object" && exposes !== null && Object.values(exposes).every(published);
  if (!published(initial) || initial.length === 0 || !published(preload) || !exposesValid || (styles !== undefined && !published(styles))) {
    throw new ApiFailure(400, "invalid_entry", "entry.json must list published files: `initial`, and optionally `preload`, `exposes` and `styles`.");
  }
  if (isRemote && initial[0] !== "remoteEntry.js") {
    throw new ApiFailure(400, "invalid_entry", "A remote's entry.json must start `initial` with remoteEntry.js.");
  }
  const server = serverBundle(parsed.server, parsed.edgeRendered, paths);
  return {
    entry: initial,
    preload,
    exposes: exposes as Record<string, string[]>,
    ...(styles && { styles }),
    ...(server && { server }),
    built: builtWith(parsed.build),
  };
}

/** entry.json's `server` (a published .js file) and `edgeRendered` (module names such as `./App`), or undefined. */
function serverBundle(file: unknown, modules: unknown, paths: Set<string>): ServerBundle | undefined {
  if (file === undefined) return undefined;
  const names = Array.isArray(modules) && modules.length > 0 && modules.every((m) => typeof m === "string" && /^\.\/[A-Za-z0-9_-]{1,64}$/.test(m));
  if (typeof file !== "string" || !file.endsWith(".js") || !paths.has(file) || !names) {
    throw new ApiFailure(400, "invalid_entry", "entry.json's `server` must be a published .js file, with `edgeRendered` naming its modules (`./App`).");
  }
  return { file, modules: modules as string[] };
}

/** entry.json's `build`: `{ shared: { react: "19.2.1", … }, contracts: "0.1.0" }`, or undefined when absent. */
function builtWith(build: unknown): BuiltWith | undefined {
  if (build === undefined) return undefined;
  const { shared, contracts } = (build ?? {}) as { shared?: unknown; contracts?: unknown };
  const versions = typeof shared === "object" && shared !== null ? Object.entries(shared) : [];
  const valid =
    versions.length > 0 && versions.every(([, v]) => typeof v === "string" && v.length <= 64) && typeof contracts === "string" && contracts.length <= 64;
  if (!valid) throw new ApiFailure(400, "invalid_entry", "entry.json's `build` must be { shared: { <package>: <version> }, contracts: <version> }.");
  return { shared: Object.fromEntries(versions) as Record<string, string>, contracts: contracts as string };
}

/**
 * Publishes a version's files. Files are written before the registry record, so a version is
 * never visible half-uploaded. Re-publishing identical files is a no-op; different files → 409.
 */
export async function publishVersion(
  env: Env,
  app: AppName,
  version: string,
  files: PublishedFile[],
  origin: BuildOrigin = {},
): Promise<"created" | "unchanged"> {
  const { built, ...entry } = entryFiles(app, files);
  const hashed = await Promise.all(files.map(async (f) => ({ ...f, etag: await etagOf(f.bytes) })));
  const fileMap = Object.fromEntries(hashed.map((f) => [f.path, f.etag]));

  const existing = (await readApp(env, app)).versions[version];
  if (existing) {
    const same = JSON.stringify(sortKeys(existing.files)) === JSON.stringify(sortKeys(fileMap));
    if (same) return "unchanged";
    throw new ApiFailure(409, "version_immutable", `${app}@${version} is already published with different files; publish a new version instead.`);
  }

  await Promise.all(
    hashed.map((f) =>
      env.ASSETS.put(assetKey(app, version, f.path), f.bytes, {
        metadata: { contentType: contentTypeFor(f.path), etag: f.etag } satisfies AssetMetadata,
      }),
    ),
  );
  const record = await readApp(env, app);
  record.versions[version] = { publishedAt: new Date().toISOString(), ...entry, files: fileMap, build: { ...built, ...origin } };
  await writeApp(env, app, record);
  return "created";
}

function sortKeys(map: Record<string, string>) {
  return Object.fromEntries(Object.entries(map).sort(([a], [b]) => a.localeCompare(b)));
}

/** Refuses (409) a version that cannot run beside the live apps; see compatibility.ts. */
export type CompatibilityGuard = (app: AppName, version: string, record: StoredApp) => Promise<void>;

/** Makes a published version the one visitors get; the previous stable is kept for rollback. */
export async function promote(env: Env, app: AppName, version: string, guard: CompatibilityGuard): Promise<{ app: RegistryApp; previous: string | null }> {
  const record = await readApp(env, app);
  if (!record.versions[version]) throw new ApiFailure(404, "unknown_version", `${app}@${version} has not been published.`);
  const previous = record.stable;
  if (previous !== version) {
    await guard(app, version, record);
    if (previous) {
      record.history.push(previous);
      record.versions[previous]!.retiredAt = new Date().toISOString();
    }
    record.stable = version;
    await writeApp(env, app, record);
  }
  return { app: toRegistryApp(app, record), previous };
}

/** Sets the previous stable version back. */
export async function rollback(env: Env, app: AppName): Promise<{ app: RegistryApp; previous: string | null }> {
  const record = await readApp(env, app);
  const target = record.history.pop();
  if (!target) throw new ApiFailure(409, "nothing_to_roll_back", `${app} has no earlier stable version.`);
  const previous = record.stable;
  if (previous && record.versions[previous]) record.versions[previous].retiredAt = new Date().toISOString();
  record.stable = target;
  await writeApp(env, app, record);
  return { app: toRegistryApp(app, record), previous };
}

/** Marks versions as no longer live (their experiment ended), which starts their grace before pruning. */
export async function retireVersions(env: Env, app: AppName, versions: string[]) {
  const record = await readApp(env, app);
  const at = new Date().toISOString();
  let changed = false;
  for (const version of versions) {
    if (record.versions[version] && version !== record.stable) {
      record.versions[version].retiredAt = at;
      changed = true;
    }
  }
  if (changed) await writeApp(env, app, record);
}

/**
 * Which versions are kept when old ones are pruned (after every publish): the stable one, every one
 * in a running experiment, the last ROLLBACK_TARGETS earlier stable ones, the NEWEST most recently
 * published, and any that stopped being live less than RETIRED_GRACE_MS ago (a tab opened before
 * the change still loads its chunks). The rest lose their record and their files.
 */
export const RETENTION = { newest: 10, rollbackTargets: 3, retiredGraceHours: 24 } as const;

export async function pruneVersions(env: Env, app: AppName, inExperiments: Set<string>, now = Date.now()): Promise<string[]> {
  const record = await readApp(env, app);
  const newest = Object.entries(record.versions)
    .sort(([, a], [, b]) => b.publishedAt.localeCompare(a.publishedAt))
    .slice(0, RETENTION.newest)
    .map(([version]) => version);
  const keep = new Set([...newest, ...record.history.slice(-RETENTION.rollbackTargets), ...inExperiments]);
  if (record.stable) keep.add(record.stable);
  const graceStart = now - RETENTION.retiredGraceHours * 3600_000;
  const pruned = Object.entries(record.versions)
    .filter(([version, stored]) => !keep.has(version) && !(stored.retiredAt && Date.parse(stored.retiredAt) > graceStart))
    .map(([version]) => version);
  if (pruned.length === 0) return [];
  // The record first: once it is gone nothing links the files, so deleting them cannot break a page.
  const files = pruned.flatMap((version) => Object.keys(record.versions[version]!.files).map((path) => assetKey(app, version, path)));
  for (const version of pruned) delete record.versions[version];
  record.history = record.history.filter((version) => record.versions[version]);
  await writeApp(env, app, record);
  await Promise.all(files.map((key) => env.ASSETS.delete(key)));
  return pruned;
}

export interface LiveVersion {
  version: string;
  entry: string[];
  preload: string[];
  exposes: Record<string, string[]>;
  styles: string[];
  server?: ServerBundle;
}

export const liveVersion = (version: string, stored: StoredVersion): LiveVersion => ({
  version,
  entry: stored.entry,
  preload: stored.preload,
  exposes: stored.exposes,
  styles: stored.styles ?? [],
  ...(stored.server && { server: stored.server }),
});

/**
 * Every page needs the apps' records and the running experiments, so an isolate keeps them for a
 * few seconds. A registry write through this isolate forgets them at once; other isolates follow
 * within LIVE_MEMO_MS (KV itself takes up to 60 s to spread a write across locations).
 */
const LIVE_MEMO_MS = 5_000;
// The value, never the promise: a pending promise holds I/O of the request that started it, which
// another request may not wait on in Workers.
let liveMemo: { at: number; state: LiveRegistry } | undefined;
/** Bumped by every forget, so a read that started before a write never stores what it read. */
let liveGeneration = 0;

export function forgetLiveVersions() {
  liveMemo = undefined;
  liveGeneration++;
}

export interface LiveRegistry {
  apps: Map<AppName, StoredApp>;
  experiments: Experiment[];
}

/** The apps' records and running experiments, as of at most LIVE_MEMO_MS ago. */
export async function liveRegistry(env: Env): Promise<LiveRegistry> {
  if (liveMemo && Date.now() - liveMemo.at < LIVE_MEMO_MS) return liveMemo.state;
  const at = Date.now();
  const generation = liveGeneration;
  const [records, experiments] = await Promise.all([Promise.all(APP_NAMES.map((app) => readApp(env, app))), runningExperiments(env)]);
  const state = { apps: new Map(APP_NAMES.map((app, i) => [app, records[i]!])), experiments };
  if (generation === liveGeneration) liveMemo = { at, state };
  return state;
}

/** A published version's files as the document links them, or null when it is not published. */
export function publishedVersion(apps: Map<AppName, StoredApp>, app: AppName, version: string | null | undefined): LiveVersion | null {
  const stored = version ? apps.get(app)?.versions[version] : undefined;
  return stored && version ? liveVersion(version, stored) : null;
}

/** The stable version of every app, or null for an app nobody has promoted yet. */
export function stableVersions(apps: Map<AppName, StoredApp>): Map<AppName, LiveVersion | null> {
  return new Map(APP_NAMES.map((app) => [app, publishedVersion(apps, app, apps.get(app)?.stable)]));
}
