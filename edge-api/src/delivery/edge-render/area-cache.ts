import type { ApiAnswer, IslandLoad } from "@shop/contracts";
import { BoundedMap } from "../../bounded-map";
import { catalogDataVersion, FRESH_MS, keyHash, MAX_AGE_MS } from "../../catalog/cache";
import type { Env } from "../../env";

/** Another remote's module left in a cached area, rendered for each visitor (a cart count, a name). */
export interface SlotSpec {
  module: string;
  props: unknown;
  /** The loading markup, shown in a boundary the browser renders itself if this slot cannot be. */
  fallback: string;
  /** On a page of islands: this area is one (and when it loads), or it is inside one (hydrated with it). */
  island?: IslandLoad | "inside";
}

export type CachedPart = string | SlotSpec;

/** An area rendered for everyone: its HTML (with per-visitor slots left open) and the answers it used. */
export interface CachedArea {
  parts: CachedPart[];
  answers: Record<string, ApiAnswer>;
}

interface Held {
  area: CachedArea;
  storedAt: number;
}

// Rendered areas that are the same for every visitor (all they used was public catalog data) are
// kept under the catalog's freshness policy: fresh for 30 s; up to 60 s old one is still served while
// one request renders it again. Older, every request renders it again, and the copy is served only
// if that render is late or fails: a page's last rendered HTML is better than none for a crawler or a
// visitor without JavaScript (docs/edge-rendering.md). Memory first (the hottest pages), then KV,
// which keeps the last copy for a day.
const MEMORY_ENTRIES = 128;
const LAST_COPY_SECONDS = 24 * 3600;
const memory = new BoundedMap<string, Held>(MEMORY_ENTRIES);
const rendering = new Set<string>();

/**
 * An area's key: who it is for (first visits, or everyone) and every app version the visitor gets (an
 * area holds other remotes' HTML), the catalog's data version (an operator's change renders afresh),
 * the module, its props and the page's URL. Never anything of the visitor.
 */
export async function areaKey(env: Env, audienceAndVersions: string, module: string, props: unknown, url: string): Promise<string> {
  return `area:${await keyHash(JSON.stringify([audienceAndVersions, await catalogDataVersion(env), module, props, url]))}`;
}

/**
 * What the cache holds for an area: one to serve now (`serve`), or one this request renders again,
 * serving the copy only if its render is late or fails (`fallback`); undefined when there is none.
 */
export type CacheLookup = { serve: CachedArea } | { fallback: CachedArea } | undefined;

export async function cachedArea(env: Env, key: string): Promise<CacheLookup> {
  let held = memory.get(key);
  if (!held) {
    const { value, metadata } = await env.CACHE.getWithMetadata<CachedArea, { storedAt: number }>(key, "json");
    if (value && metadata) held = { area: value, storedAt: metadata.storedAt };
  }
  if (!held) return undefined;
  const age = Date.now() - held.storedAt;
  if (age >= MAX_AGE_MS) return { fallback: held.area };
  if (age >= FRESH_MS && !rendering.has(key)) {
    rendering.add(key); // this request renders it again; others meanwhile get the stale one
    return { fallback: held.area };
  }
  memory.setNewest(key, held);
  return { serve: held.area };
}

export async function storeArea(env: Env, key: string, area: CachedArea): Promise<void> {
  const held = { area: { ...area, parts: joined(area.parts) }, storedAt: Date.now() };
  memory.setNewest(key, held);
  rendering.delete(key);
  await env.CACHE.put(key, JSON.stringify(held.area), { expirationTtl: LAST_COPY_SECONDS, metadata: { storedAt: held.storedAt } }).catch((err: Error) =>
    console.error("area cache write failed", err.message),
  );
}

/** Adjacent HTML as one string: a page made from the entry is a few pieces, not one per boundary. */
function joined(parts: CachedPart[]): CachedPart[] {
  const out: CachedPart[] = [];
  for (const part of parts) {
    if (typeof part === "string" && typeof out.at(-1) === "string") out[out.length - 1] += part;
    else out.push(part);
  }
  return out;
}

/** A render that could not be stored (it failed): the next request tries again. */
export const renderingDone = (key: string) => rendering.delete(key);

/** For tests that clear KV: forget what this isolate holds. */
export function forgetRenderedAreas() {
  memory.clear();
  rendering.clear();
}
