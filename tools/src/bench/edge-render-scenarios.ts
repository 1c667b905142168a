import fs from "node:fs";
import path from "node:path";
import { gzipSync } from "node:zlib";
import { APPS, appDir } from "../platform/apps";
import { stage } from "../run";
import { type LighthouseResult, runLighthouse } from "./lighthouse";
import { measure } from "./load";
import { againstBare, type Measured } from "./rounds";
import { serveScriptFreeCopy } from "./script-free-copy";

/** Runs of each Lighthouse audit (a blocking time here moves by 100 ms from one to the next); the median run (by score, then LCP) is reported. */
const LIGHTHOUSE_RUNS = 5;

export interface LighthousePage {
  page: string;
  formFactor: "mobile" | "desktop";
  url: string;
  /** The median run. */
  score: number;
  lcpMs: number;
  tbtMs: number;
  cls: number;
  /** Every run: score / LCP ms / TBT ms / CLS. */
  runs: string[];
  /** JavaScript transferred before any interaction, KiB gzip (the median run's). */
  scriptKiB: number;
  /** A control audit (not the shop's page as served), outside the goals. */
  control?: true;
  requestedUrls: string[];
}

export interface EdgeRenderMeasured {
  /** The same edge-rendered document, its areas from the rendered-area cache. */
  cached: Measured;
  /** Each request a URL the cache has not seen (the catalog's data cached, its HTML rendered afresh). */
  uncached: Measured;
  /** Documents of each run whose areas were all rendered at the edge (none left to the browser). */
  fullyRendered: { cached: string; uncached: string };
  /** A product page (its reviews, what goes with it), its areas from the rendered-area cache. */
  product: ProductPageMeasured;
}

export interface ProductPageMeasured extends Measured {
  /** Of 20 documents, those with every area rendered at the edge. */
  fullyRendered: string;
}

/** Every app's server bundle, gzip KiB. */
export function serverBundleSizes(): Record<string, number> {
  return Object.fromEntries(
    APPS.flatMap((app) => {
      const file = path.join(appDir(app), "dist", "server.js");
      return fs.existsSync(file) ? [[app, Number((gzipSync(fs.readFileSync(file)).length / 1024).toFixed(1))]] : [];
    }),
  );
}

const median = (runs: LighthouseResult[]) => [...runs].sort((a, b) => a.score - b.score || b.lcpMs - a.lcpMs)[Math.floor(runs.length / 2)]!;

/** The name of a page's control audit. */
export const CONTROL_SUFFIX = ", scripts removed (this machine's floor)";

/**
 * Lighthouse on the pages the issue names: home, a category and a product on a phone, the product
 * on a desktop; each beside its control, the same document with its scripts taken out, so each run
 * shows what this machine's browser costs for that HTML, CSS and images before any page code runs.
 * The page and its control are audited in turns, the first of each pair alternating: this machine's
 * speed drifts within minutes, and audits of one after all of the other would measure the drift.
 */
export async function lighthousePages(base: string, productSlug: string): Promise<LighthousePage[]> {
  const pages: Array<[string, string, "mobile" | "desktop"]> = [
    ["home", "/", "mobile"],
    ["category", "/c/clothing", "mobile"],
    ["product", `/p/${productSlug}`, "mobile"],
    ["product", `/p/${productSlug}`, "desktop"],
  ];
  const results: LighthousePage[] = [];
  for (const [page, pathname, formFactor] of pages) {
    const copy = await serveScriptFreeCopy(base, pathname);
    try {
      const served = { page, url: `${base}${pathname}`, runs: [] as LighthouseResult[] };
      const control = { page: `${page}${CONTROL_SUFFIX}`, url: copy.url, runs: [] as LighthouseResult[] };
      for (let run = 1; run <= LIGHTHOUSE_RUNS; run++) {
        for (const audited of run % 2 === 1 ? [served, control] : [control, served]) {
          audited.runs.push(await audit(audited.page, audited.url, formFactor, run));
        }
      }
      results.push(summary(page, pathname, formFactor, served.runs), { ...summary(control.page, pathname, formFactor, control.runs), control: true });
    } finally {
      await copy.close();
    }
  }
  return results;
}

async function audit(page: string, url: string, formFactor: "mobile" | "desktop", run: number): Promise<LighthouseResult> {
  const once = (label: string) =>
    stage(`Lighthouse (${formFactor}) on the ${page} page, run ${run} of ${LIGHTHOUSE_RUNS}${label}`, () => runLighthouse(url, formFactor));
  let result = await once("");
  // Now and then a lab run here ends without metrics (score 0, LCP NaN): that is no measurement, so it is run again once.
  if (!Number.isFinite(result.lcpMs)) result = await once(" (again: the last one measured nothing)");
  // Anything that moved is said, so a layout shift can be traced to its element.
  if (result.cls > 0.02) console.log(`  layout shifts (CLS ${result.cls}): ${result.shifts.join(" | ") || "no element named"}`);
  return result;
}

function summary(page: string, pathname: string, formFactor: "mobile" | "desktop", runs: LighthouseResult[]): LighthousePage {
  const { score, lcpMs, tbtMs, cls, requestedUrls, scriptKiB } = median(runs);
  return {
    page,
    formFactor,
    url: pathname,
    score,
    lcpMs,
    tbtMs,
    cls,
    scriptKiB,
    runs: runs.map((r) => `${r.score} / ${r.lcpMs} / ${r.tbtMs} / ${r.cls}`),
    requestedUrls,
  };
}

/** How many of `count` documents came with every area rendered (no `<!--$!-->` boundary left to the browser). */
async function fullyRenderedShare(url: () => string, count: number): Promise<string> {
  let full = 0;
  for (let i = 0; i < count; i++) {
    const page = await (await fetch(url())).text();
    if (page.includes('data-rendered=""') && !page.includes("<!--$!-->")) full++;
  }
  return `${full}/${count}`;
}

/**
 * The edge-rendered document (a category listing: shell, header widgets, the listing with 24 cards and
 * their widgets) against the bare route: its areas from the cache, and rendered afresh per request.
 */
export async function edgeRenderScenarios(base: string, bareUrl: string, productSlug: string): Promise<EdgeRenderMeasured> {
  const bare = { name: "bare route (GET /livez)", url: bareUrl };
  const cachedUrl = `${base}/c/clothing`;
  // A query the listing ignores makes a new page URL (a new rendered-area key) on the same cached data.
  let n = 0;
  const freshPath = () => `/c/clothing?visit=${Date.now().toString(36)}${(n++).toString(36)}`;
  await fetch(cachedUrl).then((r) => r.text());
  const cached = await stage("load: edge-rendered document, areas cached (GET /c/clothing), 3 rounds after the bare route", () =>
    againstBare(bare, { name: "shell document, edge-rendered, cached (GET /c/clothing)", url: cachedUrl }),
  );
  const uncached = await stage("load: edge-rendered document, rendered afresh each time, 3 rounds after the bare route", () =>
    againstBare(bare, { name: "shell document, edge-rendered, uncached (GET /c/clothing?visit=…)", url: cachedUrl, request: () => ({ path: freshPath() }) }),
  );
  const fullyRendered = {
    cached: await fullyRenderedShare(() => cachedUrl, 20),
    uncached: await fullyRenderedShare(() => `${base}${freshPath()}`, 20),
  };
  return { cached, uncached, fullyRendered, product: await productPageCached(base, bareUrl, productSlug) };
}

/** The product page's document, its areas cached, against the bare route (alone: `npm run bench -- --only product-page`). */
export async function productPageCached(base: string, bareUrl: string, slug: string): Promise<ProductPageMeasured> {
  const url = `${base}/p/${slug}`;
  await fetch(url).then((r) => r.text());
  const measured = await stage(`load: product page, areas cached (GET /p/${slug}), 3 rounds after the bare route`, () =>
    againstBare({ name: "bare route (GET /livez)", url: bareUrl }, { name: `product page, edge-rendered, cached (GET /p/${slug})`, url }),
  );
  return { ...measured, fullyRendered: await fullyRenderedShare(() => url, 20) };
}

/** The uncached render's latency one request at a time (no queue): what a visitor to a page nobody has seen waits. */
export async function uncachedRenderLatency(base: string) {
  let n = 0;
  return stage("load: edge-rendered document, rendered afresh, 1 connection, 8 s", () =>
    measure({
      name: "shell document, edge-rendered, uncached, 1 connection",
      url: `${base}/c/clothing`,
      request: () => ({ path: `/c/clothing?visit=latency${(n++).toString(36)}` }),
      seconds: 8,
      connections: 1,
    }),
  );
}
