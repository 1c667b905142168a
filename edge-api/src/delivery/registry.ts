import { APP_NAMES, type AppName, type RegistryApp } from "@shop/contracts";
import type { Env } from "../env";
import { ApiFailure } from "../errors";
import { contentTypeFor } from "./content-types";

/** What KV holds per app under `app:<name>`: one key per app, so two teams' deploys never race. */
interface StoredApp {
  stable: string | null;
  history: string[];
  versions: Record<string, StoredVersion>;
}

interface StoredVersion {
  publishedAt: string;
  entry: string[];
  preload: string[];
  exposes: Record<string, string[]>;
  /** path → ETag (content hash): what makes a version immutable. */
  files: Record<string, string>;
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

async function readApp(env: Env, app: AppName): Promise<StoredApp> {
  return (await env.REGISTRY.get<StoredApp>(appKey(app), "json")) ?? { stable: null, history: [], versions: {} };
}

function writeApp(env: Env, app: AppName, record: StoredApp) {
  forgetLiveVersions();
  return env.REGISTRY.put(appKey(app), JSON.stringify(record));
}

function toRegistryApp(name: AppName, record: StoredApp): RegistryApp {
  const versions = Object.entries(record.versions)
    .map(([version, { publishedAt, entry, preload, exposes }]) => ({ version, publishedAt, entry, preload, exposes }))
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

type EntryFiles = Pick<StoredVersion, "entry" | "preload" | "exposes">;

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
  let parsed: { initial?: unknown; preload?: unknown; exposes?: unknown };
  try {
    parsed = JSON.parse(new TextDecoder().decode(manifest.bytes)) ?? {};
  } catch {
    throw new ApiFailure(400, "invalid_entry", "entry.json is not valid JSON.");
  }
  const paths = new Set(files.map((f) => f.path));
  const published = (list: unknown): list is string[] => Array.isArray(list) && list.every((p) => typeof p === "string" && paths.has(p));
  const { initial, preload = [], exposes = {} } = parsed;
  const exposesValid = typeof exposes === "object" && exposes !== null && Object.values(exposes).every(published);
  if (!published(initial) || initial.length === 0 || !published(preload) || !exposesValid) {
    throw new ApiFailure(400, "invalid_entry", "entry.json must list published files: `initial`, and optionally `preload` and `exposes`.");
  }
  if (isRemote && initial[0] !== "remoteEntry.js") {
    throw new ApiFailure(400, "invalid_entry", "A remote's entry.json must start `initial` with remoteEntry.js.");
  }
  return { entry: initial, preload, exposes: exposes as Record<string, string[]> };
}

/**
 * Publishes a version's files. Files are written before the registry record, so a version is
 * never visible half-uploaded. Re-publishing identical files is a no-op; different files → 409.
 */
export async function publishVersion(env: Env, app: AppName, version: string, files: PublishedFile[]): Promise<"created" | "unchanged"> {
  const { entry, preload, exposes } = entryFiles(app, files);
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
  record.versions[version] = { publishedAt: new Date().toISOString(), entry, preload, exposes, files: fileMap };
  await writeApp(env, app, record);
  return "created";
}

function sortKeys(map: Record<string, string>) {
  return Object.fromEntries(Object.entries(map).sort(([a], [b]) => a.localeCompare(b)));
}

/** Makes a published version the one visitors get; the previous stable is kept for rollback. */
export async function promote(env: Env, app: AppName, version: string): Promise<RegistryApp> {
  const record = await readApp(env, app);
  if (!record.versions[version]) throw new ApiFailure(404, "unknown_version", `${app}@${version} has not been published.`);
  if (record.stable !== version) {
    if (record.stable) record.history.push(record.stable);
    record.stable = version;
    await writeApp(env, app, record);
  }
  return toRegistryApp(app, record);
}

/** Sets the previous stable version back. */
export async function rollback(env: Env, app: AppName): Promise<RegistryApp> {
  const record = await readApp(env, app);
  const previous = record.history.pop();
  if (!previous) throw new ApiFailure(409, "nothing_to_roll_back", `${app} has no earlier stable version.`);
  record.stable = previous;
  await writeApp(env, app, record);
  return toRegistryApp(app, record);
}

export interface LiveVersion {
  version: string;
  entry: string[];
  preload: string[];
  exposes: Record<string, string[]>;
}

type LiveVersions = Map<AppName, LiveVersion | null>;

/**
 * Every page needs the stable versions, so an isolate keeps them for a few seconds. A registry
 * write through this isolate forgets them at once; other isolates follow within LIVE_MEMO_MS
 * (KV itself takes up to 60 s to spread a write across locations).
 */
const LIVE_MEMO_MS = 5_000;
// The value, never the promise: a pending promise holds I/O of the request that started it, which
// another request may not wait on in Workers.
let liveMemo: { at: number; versions: LiveVersions } | undefined;
/** Bumped by every forget, so a read that started before a write never stores what it read. */
let liveGeneration = 0;

export function forgetLiveVersions() {
  liveMemo = undefined;
  liveGeneration++;
}

/** The stable version of every app, or null for an app nobody has promoted yet. */
export async function stableVersions(env: Env): Promise<LiveVersions> {
  if (liveMemo && Date.now() - liveMemo.at < LIVE_MEMO_MS) return liveMemo.versions;
  const at = Date.now();
  const generation = liveGeneration;
  const versions = await readStableVersions(env);
  if (generation === liveGeneration) liveMemo = { at, versions };
  return versions;
}

async function readStableVersions(env: Env): Promise<LiveVersions> {
  const records = await Promise.all(APP_NAMES.map((app) => readApp(env, app)));
  return new Map(
    APP_NAMES.map((app, i) => {
      const record = records[i]!;
      const live = record.stable ? record.versions[record.stable] : undefined;
      return [app, live && record.stable ? { version: record.stable, entry: live.entry, preload: live.preload, exposes: live.exposes } : null];
    }),
  );
}
