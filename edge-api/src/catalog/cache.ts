import type { Context } from "hono";
import { type Database, openDatabase } from "../db/client";
import type { AppEnv } from "../env";

/**
 * The catalog's edge cache (KV), with one freshness policy:
 * - entries are fresh for 30 s, then served stale while a refresh runs in waitUntil, up to 60 s old;
 *   past 60 s they are never served. So stock and prices a shopper sees are at most 60 s old,
 *   even where a change has not reached a location's KV yet.
 * - every catalog write bumps the catalog version, which is part of every key: after an operator's
 *   change the next request builds fresh data instead of waiting out the 60 s.
 */
export const FRESH_MS = 30_000;
export const MAX_AGE_MS = 60_000;
const VERSION_KEY = "catalog:version";

export type CacheStatus = "HIT" | "STALE" | "MISS";

interface Entry<T> {
  storedAt: number;
  etag: string;
  body: T;
}

export interface Cached<T> {
  body: T;
  etag: string;
  status: CacheStatus;
}

async function sha256(text: string): Promise<string> {
  const digest = new Uint8Array(await crypto.subtle.digest("SHA-256", new TextEncoder().encode(text)));
  return Array.from(digest.subarray(0, 16), (b) => b.toString(16).padStart(2, "0")).join("");
}

/** A cache key from a validated query: the same question asked in any order of parameters is one key. */
export function normalisedKey(kind: string, query: Record<string, unknown>): string {
  const parts = Object.entries(query)
    .filter(([, value]) => value !== undefined && value !== "")
    .map(([key, value]) => [key, Array.isArray(value) ? [...value].sort() : value] as const)
    .sort(([a], [b]) => a.localeCompare(b));
  return `${kind}:${JSON.stringify(parts)}`;
}

export async function catalogVersion(kv: KVNamespace): Promise<string> {
  return (await kv.get(VERSION_KEY)) ?? "0";
}

/** Makes every cached catalog answer out of date at once (after an operator's change). */
export async function bumpCatalogVersion(kv: KVNamespace): Promise<void> {
  await kv.put(VERSION_KEY, String(Date.now()));
}

/**
 * Answers from the cache when it can, loads (and stores) when it must. `load` returns undefined for
 * "not found", which is not cached.
 */
export async function cached<T>(c: Context<AppEnv>, key: string, load: (db: Database) => Promise<T | undefined>): Promise<Cached<T> | undefined> {
  const kv = c.env.CACHE;
  const fullKey = `catalog:${await catalogVersion(kv)}:${await sha256(key)}`;
  const entry = await kv.get<Entry<T>>(fullKey, "json");
  const age = entry ? Date.now() - entry.storedAt : Infinity;
  const store = async (db: Database): Promise<Entry<T> | undefined> => {
    const body = await load(db);
    if (body === undefined) return undefined;
    const json = JSON.stringify(body);
    const fresh: Entry<T> = { storedAt: Date.now(), etag: `"${await sha256(json)}"`, body };
    await kv.put(fullKey, JSON.stringify(fresh), { expirationTtl: 120 }).catch((err: Error) => console.error("catalog cache write failed", err.message));
    return fresh;
  };
  if (entry && age < FRESH_MS) return { body: entry.body, etag: entry.etag, status: "HIT" };
  if (entry && age < MAX_AGE_MS) {
    // The refresh outlives this request's database pool, so it opens (and ends) its own.
    const { db, close } = openDatabase(c.env);
    c.executionCtx.waitUntil(
      store(db)
        .catch((err: Error) => console.error("catalog cache refresh failed", err.message))
        .finally(close),
    );
    return { body: entry.body, etag: entry.etag, status: "STALE" };
  }
  const fresh = await store(c.var.db());
  return fresh && { body: fresh.body, etag: fresh.etag, status: "MISS" };
}

/** A cached answer with its validators: 304 when the browser already has it. */
export function cachedResponse<T>(c: Context<AppEnv>, answer: Cached<T>) {
  const headers = {
    // Browsers revalidate every time (cheap: 304), so the 60 s bound holds for them too.
    "Cache-Control": "public, max-age=0, must-revalidate",
    ETag: answer.etag,
    "X-Cache": answer.status,
  };
  if (c.req.header("If-None-Match") === answer.etag) return c.body(null, 304, headers);
  return c.json(answer.body as object, 200, headers);
}
