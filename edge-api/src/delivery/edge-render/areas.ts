import { type ApiAnswer, AppName, type AreaResult, ISLAND_TAG, type IslandLoad, REACT_BOUNDARY, SLOT_ATTRIBUTE, slotBoundaries } from "@shop/contracts";
import type { Env } from "../../env";
import type { LiveVersion } from "../../registry/registry";
import { areaKey, type CachedArea, type CachedPart, cachedArea, renderingDone, type SlotSpec, storeArea } from "./area-cache";
import type { InProcessApi } from "./in-process-api";
import { serverBundleOf } from "./server-bundles";

/** What one document's render knows: the visitor's versions, the page, its API, its time budget. */
export interface RenderContext {
  env: Env;
  /** Who an area the same for everyone is the same for: first visits, or every visitor (public data only). */
  audience: "first visits" | "everyone";
  versions: Map<AppName, LiveVersion | null>;
  /** The page's path and query, as the remotes' routers see it. */
  url: string;
  api: InProcessApi;
  /** How long an area may take when the cache has a copy of it to serve instead. */
  budgetMs: number;
  /** How long it may take when nothing else could stand in for it (a cold start): longer, since the alternative is a blank area. */
  coldBudgetMs: number;
  /** Modules this page leaves to the browser (its page table entry says `render: "browser"`). */
  browserOnly: Set<string>;
  /** A page of islands: the areas that are, and when each loads (the page table's, with the header's). */
  islands?: Record<string, IslandLoad>;
  /** Work to finish after the answer (cache writes). */
  later: (work: Promise<unknown>) => void;
}

/** Where an area's HTML came from, or that it was left to the browser (late or failed, with no copy to stand in). */
export type AreaOutcome = "rendered" | "cached" | "stale" | "left to the browser";

/** An area's HTML, the answers it used, and whether it is the same for every visitor. */
export interface Rendered {
  html: string;
  answers: Record<string, ApiAnswer>;
  shared: boolean;
  /** The HTML with the slots that are not the same for everyone left open: what the cache keeps. */
  cacheable: CachedPart[] | null;
  /** The worst outcome of it and every area inside it. */
  outcome: AreaOutcome;
}

/** An area as parts: its own HTML, and the other remotes' areas inside it, rendering. */
export interface AreaParts {
  parts: Array<string | Child>;
  answers: Record<string, ApiAnswer>;
  /** Its own answers were all public (fresh render), or it came from the cache. */
  ownShared: boolean;
  /** Whether it came from the cache: a copy within the freshness bound, or the last one, past it, standing in for a render that did not come. */
  cached?: "fresh" | "stale";
  /** Keeps the whole area for everyone once its slots are in (null: one failed, nothing kept). */
  settle?: (cacheable: CachedPart[] | null, answers: Record<string, ApiAnswer>) => void;
  /** Its last copy, to stand in for this fresh render should an area inside it not come (late or failed). */
  standIn?: () => AreaParts;
}

export interface Child {
  slot: SlotSpec;
  rendered: Promise<Rendered | null>;
}

/**
 * A child area's HTML in its boundary, or its loading markup in a boundary the browser renders
 * itself (no error to report: an empty digest). An island's is inside its island element, which
 * the browser hydrates on a root of its own (or, left empty, renders).
 */
export function boundary(child: Rendered | null, slot: SlotSpec) {
  const html = child ? child.html : slot.fallback;
  const inner = slot.island && slot.island !== "inside" ? islandElement(slot, slot.island, html, !child) : html;
  return child ? `${REACT_BOUNDARY.open}${inner}${REACT_BOUNDARY.close}` : `${REACT_BOUNDARY.clientRendered}${inner}${REACT_BOUNDARY.close}`;
}

const islandElement = (slot: SlotSpec, load: IslandLoad, html: string, empty: boolean) =>
  `<${ISLAND_TAG} data-module="${escapeAttribute(slot.module)}" data-props="${escapeAttribute(JSON.stringify(slot.props ?? {}))}" data-load="${load}"${empty ? " data-empty" : ""}>${html}</${ISLAND_TAG}>`;

/** On a page of islands, what an area inside `parent` is: an island, inside one, or neither. */
function islandOf(ctx: RenderContext, parent: Pick<SlotSpec, "island">, module: string): SlotSpec["island"] {
  if (!ctx.islands) return undefined;
  if (parent.island) return "inside";
  return ctx.islands[module];
}

const appOf = (module: string) => {
  const app = AppName.safeParse(module.split("/")[0]);
  return app.success ? app.data : undefined;
};

const versionsKey = (versions: Map<AppName, LiveVersion | null>) => [...versions].map(([app, v]) => `${app}@${v?.version ?? "-"}`).join(",");

function withBudget<T>(work: Promise<T>, ms: number): Promise<T | "late"> {
  let timer: ReturnType<typeof setTimeout> | undefined;
  const late = new Promise<"late">((resolve) => (timer = setTimeout(() => resolve("late"), ms)));
  return Promise.race([work, late]).finally(() => clearTimeout(timer));
}

type Rendering = Extract<AreaResult, { html: string }>;

/** Asks the module's own remote (the visitor's version of it) to render it. */
async function renderByRemote(ctx: RenderContext, slot: Pick<SlotSpec, "module" | "props">): Promise<Rendering | null> {
  const app = appOf(slot.module);
  const version = app && ctx.versions.get(app);
  const expose = `./${slot.module.split("/")[1] ?? ""}`;
  if (!app || !version?.server?.modules.includes(expose) || ctx.browserOnly.has(slot.module)) return null;
  const renderer = serverBundleOf(ctx.env, app, version);
  if (!renderer) return null;
  try {
    const [area] = await renderer.render([{ module: slot.module, props: slot.props }], ctx.url, ctx.api);
    if (area && !("error" in area)) return area;
    console.error(`edge render: ${slot.module}@${version.version} failed: ${area?.error ?? "no result"}; the browser renders it`);
  } catch (err) {
    console.error(`edge render: ${slot.module}@${version.version} failed: ${(err as Error).message}; the browser renders it`);
  }
  return null;
}

/** How an area inside another is rendered: whether it is kept on its own, and whether a copy of an area around it could stand in. */
interface Nesting {
  cached: boolean;
  covered: boolean;
}

function startChild(ctx: RenderContext, slot: SlotSpec, nesting: Nesting): Child {
  return { slot, rendered: areaParts(ctx, slot, nesting).then((parts) => (parts ? complete(parts) : null)) };
}

/**
 * An area's parts: from the cache when it holds it for everyone, else rendered by its remote, with
 * every other remote's area inside it started at once. Only the outermost area the same for everyone
 * is kept (`cached`): the areas inside it are in its entry already. Its render has the short budget
 * when a copy could stand in for it (its own, or one of an area around it: `covered`), else the cold one.
 */
export async function areaParts(
  ctx: RenderContext,
  slot: Pick<SlotSpec, "module" | "props" | "island">,
  { cached, covered }: Nesting = { cached: true, covered: false },
): Promise<AreaParts | null> {
  // Islands or hydrated whole: the same area's HTML differs (island elements), so is kept apart.
  const audience = `${ctx.audience}${ctx.islands ? " (islands)" : ""}:${versionsKey(ctx.versions)}`;
  const key = cached ? await areaKey(ctx.env, audience, slot.module, slot.props, ctx.url) : undefined;
  const lookup = key ? await cachedArea(ctx.env, key) : undefined;
  if (lookup && "serve" in lookup) return fromCache(ctx, lookup.serve, "fresh");
  const fallback = lookup?.fallback;
  const budget = fallback || covered ? ctx.budgetMs : ctx.coldBudgetMs;
  const rendering = renderByRemote(ctx, slot);
  const result = await withBudget(rendering, budget);
  if (result === "late") {
    console.warn(`edge render: ${slot.module} passed its ${budget} ms; ${fallback ? "its last copy stands in" : "the browser renders it"}`);
    // Not wasted: an area kept on its own is kept when it finishes, for the next visitor. (The data it
    // asked for lands in the catalog's cache either way, so the next render is quicker.)
    if (key) ctx.later(rendering.then((late) => (late ? complete(partsOf(ctx, key, late, covered, slot)) : void renderingDone(key))));
    return fallback ? fromCache(ctx, fallback, "stale") : null;
  }
  if (!result) {
    if (key) renderingDone(key);
    return fallback ? fromCache(ctx, fallback, "stale") : null;
  }
  const parts = partsOf(ctx, key, result, covered || Boolean(fallback), slot);
  return fallback ? { ...parts, standIn: () => fromCache(ctx, fallback, "stale") } : parts;
}

/** A cached area as parts: its open slots are made for each visitor (never kept on their own either). */
function fromCache(ctx: RenderContext, area: CachedArea, cached: "fresh" | "stale"): AreaParts {
  return {
    parts: area.parts.map((part) => (typeof part === "string" ? part : startChild(ctx, part, { cached: false, covered: false }))),
    answers: area.answers,
    ownShared: true,
    cached,
  };
}

/** A fresh render as parts: its own HTML, with every other remote's area inside it started at once. */
function partsOf(ctx: RenderContext, key: string | undefined, result: Rendering, covered: boolean, parent: Pick<SlotSpec, "island">): AreaParts {
  // What it used was public (the API said so) for every answer: then it is the same for everyone.
  const ownShared = Object.keys(result.answers).every((url) => ctx.api.wasShared(url));
  const parts: Array<string | Child> = [];
  let from = 0;
  for (const match of result.html.matchAll(slotBoundaries())) {
    parts.push(result.html.slice(from, match.index));
    const spec = result.slots.find((s) => match[0].includes(`${SLOT_ATTRIBUTE}="${escapeAttribute(s.id)}"`));
    const fallback = match[1] ?? "";
    // Inside an area kept for everyone, an area is kept with it; inside one made for this visitor, on its own.
    parts.push(
      spec
        ? startChild(ctx, { module: spec.module, props: spec.props, fallback, island: islandOf(ctx, parent, spec.module) }, { cached: !ownShared, covered })
        : boundary(null, { module: "", props: {}, fallback }),
    );
    from = match.index + match[0].length;
  }
  parts.push(result.html.slice(from));
  if (key && !ownShared) renderingDone(key);
  return {
    parts,
    answers: result.answers,
    ownShared,
    ...(key &&
      ownShared && {
        settle: (cacheable: CachedPart[] | null, answers: Record<string, ApiAnswer>) =>
          cacheable ? ctx.later(storeArea(ctx.env, key, { parts: cacheable, answers })) : renderingDone(key),
      }),
  };
}

// How far an outcome falls short: a page is as good as its worst area (rendered or cached alike, the outer one's word stands).
const SHORTFALL: Record<AreaOutcome, number> = { rendered: 0, cached: 0, stale: 1, "left to the browser": 2 };
const worseOutcome = (outer: AreaOutcome, inner: AreaOutcome) => (SHORTFALL[inner] > SHORTFALL[outer] ? inner : outer);
const ownOutcome = (area: AreaParts): AreaOutcome => (area.cached === "stale" ? "stale" : area.cached ? "cached" : "rendered");

/**
 * Waits for every area inside, then puts it together (and keeps it, when it is the same for
 * everyone). An area inside that did not come (late or failed) leaves its place to the browser,
 * unless the area's last copy can stand in for the whole.
 */
export async function complete(area: AreaParts): Promise<Rendered> {
  const children = await Promise.all(area.parts.map((part) => (typeof part === "string" ? null : part.rendered)));
  let html = "";
  const answers = { ...area.answers };
  const sharedAnswers = { ...area.answers };
  const cacheable: CachedPart[] = [];
  let shared = area.ownShared;
  let failed = false;
  let outcome = ownOutcome(area);
  area.parts.forEach((part, i) => {
    if (typeof part === "string") {
      html += part;
      cacheable.push(part);
      return;
    }
    const child = children[i]!;
    const markup = boundary(child, part.slot);
    html += markup;
    outcome = worseOutcome(outcome, child?.outcome ?? "left to the browser");
    if (!child) failed = true;
    else Object.assign(answers, child.answers);
    if (child?.shared) {
      cacheable.push(markup);
      Object.assign(sharedAnswers, child.answers);
    } else {
      shared = false;
      // Made for this visitor, or failed: left open, rendered for each visitor who gets the entry.
      cacheable.push(part.slot);
    }
  });
  if (failed && area.standIn) {
    area.settle?.(null, sharedAnswers);
    return complete(area.standIn());
  }
  // An area with a stand-in copy inside is not kept: the copy would pass for fresh.
  const keep = !failed && outcome !== "stale";
  area.settle?.(keep ? cacheable : null, sharedAnswers);
  return { html, answers, shared: shared && keep, cacheable: keep ? cacheable : null, outcome };
}

/** React escapes attribute values: the slot id as it appears in the HTML. */
function escapeAttribute(value: string) {
  return value.replace(/&/g, "&amp;").replace(/"/g, "&quot;").replace(/</g, "&lt;").replace(/>/g, "&gt;");
}
