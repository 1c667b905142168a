import type { Context } from "hono";
import { BoundedMap } from "../bounded-map";
import { cachePolicy } from "../cache-policy";
import { type Database, openDatabase } from "../db/client";
import type { AppEnv } from "../env";

/**
 * The catalog's edge cache (KV), with one freshness policy:
 * - entries are fresh for 30 s, then served stale while one refresh runs in waitUntil, up to 60 s
 *   old; past 60 s they are never served. So stock and prices a shopper sees are at most 60 s old,
 *   even where a change has not reached a location's KV yet.
 * - every catalog write bumps the catalog version, which is part of every key: after an operator's
 *   change the next request builds fresh data instead of waiting out the 60 s.
 * Entries are stored as the response text with their age and ETag in KV metadata, so a hit is
 * answered without parsing or re-serialising JSON.
 */
export const FRESH_MS = 30_000;
export const MAX_AGE_MS = 60_000;
const VERSION_KEY = "catalog:version";
/** How long an isolate trusts the version it read; a write through the isolate forgets it at once. */
const VERSION_MEMO_MS = 2_000;

export type CacheStatus = "HIT" | "STALE" | "MISS";

interface EntryMeta {
  storedAt: number;
  etag: string;
}

export interface Cached {
  /** The JSON text of the answer. */
  text: string;
  etag: string;
  status: CacheStatus;
}

// Values, never promises: a pending promise holds I/O of the request that started it, which another
// request may not wait on in Workers.
let versionMemo: { at: number; version: string } | undefined;
/** Bumped by every version bump, so a read that started before it never stores what it read. */
let versionGeneration = 0;
/** Keys being refreshed by this isolate, so a burst of stale hits starts one refresh, not hundreds. */
const refreshing = new Set<string>();

/**
 * A small in-isolate tier in front of KV for the hottest answers, under the same freshness rule
 * (fresh entries are answered from memory; stale ones only while their refresh runs). Oldest
 * entries leave first. Each entry knows its family and id, so siblings can be refreshed together.
 */
const MEMORY_ENTRIES = 256;
interface Held {
  text: string;
  meta: EntryMeta;
  family: string;
  id: string;
}
const memory = new BoundedMap<string, Held>(MEMORY_ENTRIES);

async function sha256(text: string): Promise<string> {
  const digest = new Uint8Array(await crypto.subtle.digest("SHA-256", new TextEncoder().encode(text)));
  return Array.from(digest.subarray(0, 16), (b) => b.toString(16).padStart(2, "0")).join("");
}

// The same long keys come back request after request (a listing's query, a page's area): each is
// hashed once per isolate.
const hashes = new BoundedMap<string, string>(MEMORY_ENTRIES);

/** A short, stable name for a long key (128 bits of its SHA-256, hex). */
export async function keyHash(text: string): Promise<string> {
  const known = hashes.get(text);
  if (known !== undefined) return known;
  const hash = await sha256(text);
  hashes.set(text, hash);
  return hash;
}

/**
 * KV keys are at most 512 bytes: long ones (queries) are hashed; short ones, like a SKU's, are used as
 * they are, which saves a digest on every cart line (100 characters are at most 400 UTF-8 bytes).
 */
const RAW_KEY_LIMIT = 100;
const storageKey = async (key: string) => (key.length <= RAW_KEY_LIMIT ? key : `#${await keyHash(key)}`);

/** A cache key from a validated query: the same question asked in any order of parameters is one key. */
export function normalisedKey(kind: string, query: Record<string, unknown>): string {
  const parts = Object.entries(query)
    .filter(([, value]) => value !== undefined && value !== "")
    .map(([key, value]) => [key, Array.isArray(value) ? [...value].sort() : value] as const)
    .sort(([a], [b]) => a.localeCompare(b));
  return `${kind}:${JSON.stringify(parts)}`;
}

async function catalogVersion(kv: KVNamespace): Promise<string> {
  if (versionMemo && Date.now() - versionMemo.at < VERSION_MEMO_MS) return versionMemo.version;
  const at = Date.now();
  const generation = versionGeneration;
  const version = (await kv.get(VERSION_KEY)) ?? "0";
  if (generation === versionGeneration) versionMemo = { at, version };
  return version;
}

/** The catalog's data version: what else is cached from catalog answers (rendered pages) is keyed by it. */
export const catalogDataVersion = (env: AppEnv["Bindings"]) => catalogVersion(env.CACHE);

/** Makes every cached catalog answer out of date at once (after an operator's change). */
export async function bumpCatalogVersion(kv: KVNamespace): Promise<void> {
  await kv.put(VERSION_KEY, String(Date.now()));
  versionMemo = undefined;
  versionGeneration++;
  memory.clear();
}

/**
 * Forgets a few answers here (this isolate and this location's KV) without touching the rest of the
 * cache: after a shopper's own change (a review), what they and everyone here read next is fresh;
 * other locations follow within the freshness bound.
 */
export async function forgetCached(c: Context<AppEnv>, keys: string[]): Promise<void> {
  const version = await catalogVersion(c.env.CACHE);
  await Promise.all(
    keys.map(async (key) => {
      const fullKey = `catalog:${version}:${await storageKey(key)}`;
      memory.delete(fullKey);
      await c.env.CACHE.delete(fullKey);
    }),
  );
}

/** For tests that change KV directly: forget what this isolate holds. */
export function forgetCatalogCache() {
  versionMemo = undefined;
  versionGeneration++;
  memory.clear();
}

/**
 * Entries loaded together by id, e.g. the SKUs of carts. `load` leaves out the ids it does not find,
 * which are not cached.
 */
export interface CacheFamily<T> {
  name: string;
  load: (db: Database, ids: string[]) => Promise<Map<string, T>>;
}

/** A stale entry's refresh takes along its family's entries that will be stale within this long. */
const REFRESH_AHEAD_MS = 10_000;
/** At most this many entries per refresh query. */
const REFRESH_BATCH = 200;

/**
 * Answers from the cache when it can, loads (and stores) when it must. `load` returns undefined for
 * "not found", which is not cached.
 */
export async function cached<T>(c: Context<AppEnv>, key: string, load: (db: Database) => Promise<T | undefined>): Promise<Cached | undefined> {
  const family: CacheFamily<T> = {
    name: key,
    load: async (db) => {
      const body = await load(db);
      return new Map(body === undefined ? [] : [["", body]]);
    },
  };
  return (await cachedFamily(c, family, [""])).get("");
}

/**
 * `cached` for many ids of one family: the ids missing from the cache are loaded in one query. A
 * stale entry is refreshed in the background together with its family's entries that are about to
 * go stale too: cart SKUs, cached one by one as carts first use them, would otherwise each go stale
 * at its own moment and each open a database connection of its own to refresh.
 */
export async function cachedFamily<T>(c: Context<AppEnv>, family: CacheFamily<T>, ids: string[]): Promise<Map<string, Cached>> {
  const kv = c.env.CACHE;
  const version = await catalogVersion(kv);
  const answers = new Map<string, Cached>();
  const missing: Entry[] = [];
  let staleSeen = false;
  await Promise.all(
    ids.map(async (id) => {
      const fullKey = `catalog:${version}:${await storageKey(id === "" ? family.name : `${family.name}:${id}`)}`;
      const held = memory.get(fullKey);
      const heldAge = held ? Date.now() - held.meta.storedAt : Infinity;
      if (held && heldAge < FRESH_MS) return answers.set(id, { text: held.text, etag: held.meta.etag, status: "HIT" });
      // Stale here and already being refreshed: KV holds nothing newer until the refresh lands.
      if (held && heldAge < MAX_AGE_MS && refreshing.has(fullKey)) return answers.set(id, { text: held.text, etag: held.meta.etag, status: "STALE" });
      const { value, metadata } = await kv.getWithMetadata<EntryMeta>(fullKey, "text");
      const age = value && metadata ? Date.now() - metadata.storedAt : Infinity;
      if (value && metadata && age < MAX_AGE_MS) {
        memory.setNewest(fullKey, { text: value, meta: metadata, family: family.name, id });
        staleSeen ||= age >= FRESH_MS;
        return answers.set(id, { text: value, etag: metadata.etag, status: age < FRESH_MS ? "HIT" : "STALE" });
      }
      return missing.push({ id, fullKey });
    }),
  );
  if (staleSeen) refreshInBackground(c, family, version);
  if (missing.length > 0) {
    for (const [id, answer] of await loadAndStore(kv, c.get("db")(), family, missing)) answers.set(id, answer);
  }
  return answers;
}

interface Entry {
  id: string;
  fullKey: string;
}

/** Loads entries of a family in one query and stores each in KV and memory. */
async function loadAndStore<T>(kv: KVNamespace, db: Database, family: CacheFamily<T>, entries: Entry[]): Promise<Map<string, Cached>> {
  const bodies = await family.load(
    db,
    entries.map((e) => e.id),
  );
  const stored = new Map<string, Cached>();
  await Promise.all(
    entries.map(async ({ id, fullKey }) => {
      if (!bodies.has(id)) return;
      const text = JSON.stringify(bodies.get(id));
      const meta: EntryMeta = { storedAt: Date.now(), etag: `"${await sha256(text)}"` };
      await kv.put(fullKey, text, { expirationTtl: 120, metadata: meta }).catch((err: Error) => console.error("catalog cache write failed", err.message));
      memory.setNewest(fullKey, { text, meta, family: family.name, id });
      stored.set(id, { text, etag: meta.etag, status: "MISS" });
    }),
  );
  return stored;
}

/**
 * One refresh, after the response, of the family's held entries that are stale or will be within
 * REFRESH_AHEAD_MS and are not being refreshed already.
 */
function refreshInBackground<T>(c: Context<AppEnv>, family: CacheFamily<T>, version: string) {
  const due = Date.now() - (FRESH_MS - REFRESH_AHEAD_MS);
  const entries: Entry[] = [];
  for (const [fullKey, held] of memory) {
    if (held.family !== family.name || !fullKey.startsWith(`catalog:${version}:`) || held.meta.storedAt > due || refreshing.has(fullKey)) continue;
    entries.push({ id: held.id, fullKey });
    if (entries.length === REFRESH_BATCH) break;
  }
  if (entries.length === 0) return;
  for (const { fullKey } of entries) refreshing.add(fullKey);
  // The refresh outlives this request's database pool, so it opens (and ends) its own.
  const { db, close } = openDatabase(c.env);
  c.executionCtx.waitUntil(
    loadAndStore(c.env.CACHE, db, family, entries)
      .catch((err: Error) => console.error("catalog cache refresh failed", err.message))
      .finally(() => {
        for (const { fullKey } of entries) refreshing.delete(fullKey);
        return close();
      }),
  );
}

// Parsed answers by their text: every document of a page reads the same cached listing and tree
// (for its title, images and JSON-LD), which is then parsed once per isolate, not once per request.
const parsedAnswers = new BoundedMap<string, unknown>(MEMORY_ENTRIES);

/**
 * The JSON of a cached answer, parsed, for callers that need the data rather than the response.
 * The value is shared by every caller of the same answer: read it, never change it.
 */
export function cachedBody<T>(answer: Cached | undefined): T | undefined {
  return answer ? (parsedAnswers.remembered(answer.text, () => JSON.parse(answer.text)) as T) : undefined;
}

/** A cached answer with its validators: 304 when the browser already has it. */
export function cachedResponse(c: Context<AppEnv>, answer: Cached) {
  const headers = {
    "Content-Type": "application/json; charset=utf-8",
    // Browsers revalidate every time (cheap: 304), so the 60 s bound holds for them too.
    ...cachePolicy.sharedRevalidate,
    ETag: answer.etag,
    "X-Cache": answer.status,
  };
  if (c.req.header("If-None-Match") === answer.etag) return c.body(null, 304, headers);
  return c.body(answer.text, 200, headers);
}
