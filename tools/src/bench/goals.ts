import type { AccountMeasured } from "./account-scenarios";
import type { CheckoutMeasured } from "./checkout-scenarios";
import { CONTROL_SUFFIX, type EdgeRenderMeasured, type LighthousePage } from "./edge-render-scenarios";
import type { ExperimentDocumentResult } from "./experiment-scenarios";
import type { IslandsMeasured } from "./islands-scenarios";
import type { CpuMs } from "./process-cpu";
import type { ReviewWritesMeasured } from "./review-scenarios";
import type { Measured } from "./rounds";
import type { bundleSizes } from "./sizes";

/** One full bench run, as bench/results.json holds it. */
export interface Results {
  catalogProducts: number;
  http: Measured[];
  experiments: ExperimentDocumentResult[];
  checkout: CheckoutMeasured[];
  accounts: AccountMeasured[];
  reviews: ReviewWritesMeasured;
  edgeRender: EdgeRenderMeasured & { uncachedLatency: { p50: number; p95: number; p99: number; requests: number; errors: number } };
  sizes: ReturnType<typeof bundleSizes> & { serverBundleGzipKiB: Record<string, number> };
  lighthouse: Array<Omit<LighthousePage, "requestedUrls">>;
  islands: IslandsMeasured;
  catalogCache: unknown;
}

/** A goal an issue set: its target, what this run measured, and whether that meets it. */
export interface Goal {
  goal: string;
  measured: string;
  met: boolean;
}

/** The shell's start-up JS before edge rendering (issue 15: it must not grow). */
const SHELL_INITIAL_JS_BEFORE_EDGE_RENDERING_KIB = 115.2;

/**
 * The product page's cached document before reviews and suggestions (issue 31): three runs of
 * `--only product-page` on the build before them (2026-12-07) measured 0.64, 0.73 and 0.64× the bare
 * route, rounds from 0.51 to 0.84. The page may not drop below them.
 */
const PRODUCT_PAGE_BEFORE_REVIEWS_LOWEST_ROUND = 0.51;

/** The scenario a name starts with, in one run's results. */
const named = (http: Measured[], prefix: string) => http.find((r) => r.name.startsWith(prefix))!;

/** The catalog's goals: cached reads near the bare route, uncached ones within a bound that grows with the catalog. */
export function catalogGoalsOf(catalogProducts: number, http: Measured[]): Record<string, Goal> {
  const byName = (prefix: string) => named(http, prefix);
  // Issue 16: uncached search and listings within 60 ms at 100,000 products, 150 ms at 1,000,000.
  const uncachedBoundMs = catalogProducts > 100_000 ? 150 : 60;
  const search = byName("search, uncached").p95;
  const listing = byName("catalog listing, uncached").p95;
  return {
    cachedListingVsBare: {
      goal: "≥ 0.80",
      measured: `${byName("catalog listing, cached").ratioToBare}×`,
      met: byName("catalog listing, cached").ratioToBare >= 0.8,
    },
    uncachedSearchAndListingP95Ms: {
      goal: `≤ ${uncachedBoundMs} at ${catalogProducts.toLocaleString("en-US")} products (search and listing)`,
      measured: `search ${search} ms, listing ${listing} ms`,
      met: search <= uncachedBoundMs && listing <= uncachedBoundMs,
    },
  };
}

/** Every goal the issues set, judged on one run's numbers. */
export function goalsOf({ catalogProducts, http, experiments, edgeRender, checkout, accounts, sizes, lighthouse, islands }: Results): Record<string, Goal> {
  const byName = (prefix: string) => named(http, prefix);
  const hotCart = byName("cart writes, one hot cart");
  const withExperiments = experiments.filter((e) => e.experiments > 0);
  return {
    shellInitialJsGzipKiB: {
      goal: `≤ ${SHELL_INITIAL_JS_BEFORE_EDGE_RENDERING_KIB} (no growth)`,
      measured: `${sizes.shellInitialJsGzipKiB}`,
      met: sizes.shellInitialJsGzipKiB <= SHELL_INITIAL_JS_BEFORE_EDGE_RENDERING_KIB,
    },
    remoteEntryGzipKiB: {
      goal: "≤ 12 each",
      measured: `at most ${Math.max(...Object.values(sizes.remoteEntryGzipKiB))}`,
      met: Object.values(sizes.remoteEntryGzipKiB).every((k) => k <= 12),
    },
    edgeRenderedCachedVsBare: { goal: "≥ 0.6", measured: `${edgeRender.cached.ratioToBare}×`, met: edgeRender.cached.ratioToBare >= 0.6 },
    productPageCachedVsBare: {
      goal: `≥ ${PRODUCT_PAGE_BEFORE_REVIEWS_LOWEST_ROUND} (within the rounds before reviews and suggestions)`,
      measured: `${edgeRender.product.ratioToBare}×`,
      met: edgeRender.product.ratioToBare >= PRODUCT_PAGE_BEFORE_REVIEWS_LOWEST_ROUND,
    },
    shellDocumentVsBare: { goal: "≥ 0.60", measured: `${byName("shell document").ratioToBare}×`, met: byName("shell document").ratioToBare >= 0.6 },
    shellDocumentWithExperimentsVsNone: {
      goal: "≥ 0.9 with one and with three",
      measured: withExperiments.map((e) => `${e.experiments}: ${e.ratioToNone}×`).join(", "),
      met: withExperiments.every((e) => e.ratioToNone >= 0.9),
    },
    spreadCartAddsVsBare: { goal: "≥ 0.50", measured: `${byName("cart add (").ratioToBare}×`, met: byName("cart add (").ratioToBare >= 0.5 },
    hotCartWritesPerSecond: {
      goal: "≥ 200, no errors",
      measured: `${hotCart.requestsPerSecond}/s, ${hotCart.errors} errors`,
      met: hotCart.requestsPerSecond >= 200 && hotCart.errors === 0,
    },
    ...catalogGoalsOf(catalogProducts, http),
    ...checkoutGoalsOf(checkout, accounts),
    ...(islands && islandsGoalsOf(lighthouse, islands)),
  };
}

/** Issue 33's goals: each page against its own script-free control in the same run, its script before any interaction, the first tap, a prerendered page. */
export function islandsGoalsOf(lighthouse: Results["lighthouse"], islands: IslandsMeasured): Record<string, Goal> {
  const audited = lighthouse.filter((l) => !l.control);
  const controlOf = (l: (typeof audited)[number]) =>
    lighthouse.find((c) => c.control && c.page === `${l.page}${CONTROL_SUFFIX}` && c.formFactor === l.formFactor);
  const againstControl = (l: (typeof audited)[number]) => {
    const control = controlOf(l);
    return control
      ? `${l.page}: ${l.score} vs ${control.score}, LCP ${l.lcpMs} vs ${control.lcpMs} ms, TBT ${l.tbtMs} vs ${control.tbtMs} ms, CLS ${l.cls}`
      : `${l.page}: no control`;
  };
  const mobile = audited.filter((l) => l.formFactor === "mobile");
  const desktop = audited.filter((l) => l.formFactor === "desktop");
  const mobileMet = (l: (typeof audited)[number]) => {
    const control = controlOf(l);
    return !!control && l.lcpMs <= 1.1 * control.lcpMs && l.tbtMs <= control.tbtMs + 30 && l.score >= control.score - 2 && l.cls <= 0.02;
  };
  const { firstAddToCart: tap, prerenderedProduct: prerendered } = islands;
  return {
    lighthouseMobileAgainstControl: {
      goal: "home, category, product: LCP ≤ 1.10× the control's, TBT ≤ the control's + 30 ms, score ≥ the control's − 2, CLS ≤ 0.02",
      measured: mobile.map(againstControl).join("; "),
      met: mobile.length === 3 && mobile.every(mobileMet),
    },
    lighthouseDesktopAgainstControl: {
      goal: "product: LCP ≤ 1.10× the control's",
      measured: desktop.map(againstControl).join("; "),
      met: desktop.length === 1 && desktop.every((l) => l.lcpMs <= 1.1 * (controlOf(l)?.lcpMs ?? 0)),
    },
    scriptBeforeInteractionKiB: {
      goal: "≤ 30 KiB gzip on home, category and product",
      measured: mobile.map((l) => `${l.page} ${l.scriptKiB}`).join(", "),
      met: mobile.every((l) => l.scriptKiB <= 30),
    },
    firstAddToCartEventMs: {
      goal: "≤ 200 ms (median of 5, 4× CPU slowdown), every line lands",
      measured: `${tap.medianEventMs} ms (${tap.eventMs.join(", ")}), landed ${tap.landed}`,
      met: tap.medianEventMs <= 200 && tap.landed === `${tap.eventMs.length}/${tap.eventMs.length}`,
    },
    prerenderedProductLcpMs: {
      goal: "≤ 200 ms (desktop, from activation)",
      measured: `${prerendered.medianLcpMs} ms (${prerendered.lcpMs.join(", ")}), shown from a prerender ${prerendered.activated}`,
      // Only pages shown from their prerender count (prerender-probe.ts).
      met: prerendered.medianLcpMs <= 200 && prerendered.activated === `${prerendered.lcpMs.length}/${prerendered.lcpMs.length}`,
    },
  };
}

/** Issue 32's goals: checkouts (throughput, round trips, Worker CPU) and signed-in requests against a guest's. */
export function checkoutGoalsOf(checkout: CheckoutMeasured[], accounts: AccountMeasured[]): Record<string, Goal> {
  const [spread, hot] = checkout;
  const trips = spread?.roundTrips;
  const workerMs = (cpu: CpuMs | undefined) => cpu?.workerRuntime ?? Number.NaN;
  const checkoutInBare = workerMs(spread?.cpuMsPerOrder) / workerMs(spread?.bareCpuMsPerRequest);
  const account = (prefix: string) => accounts.find((a) => a.name.startsWith(prefix));
  const sessionCheck = account("session check");
  const [guestRead, signedInRead] = [account("cart get, guest"), account("cart get, signed in")];
  const signedInVsGuest = signedInRead && guestRead ? signedInRead.ratioToBare / guestRead.ratioToBare : Number.NaN;
  return {
    spreadCheckoutsVsBare: {
      goal: "≥ 0.15 (orders/s over bare req/s), no errors, no oversell",
      measured: spread
        ? `${spread.ratioToBare}× (${spread.ordersPerSecond} orders/s), ${spread.errors} errors, ${spread.stockMismatches} mismatches`
        : "not run",
      met: !!spread && spread.ratioToBare >= 0.15 && spread.errors === 0 && spread.stockMismatches === 0,
    },
    hotSkuOrdersPerSecond: {
      goal: "≥ 50, no errors, no oversell",
      measured: hot ? `${hot.ordersPerSecond}/s, ${hot.errors} errors, ${hot.stockMismatches} mismatches` : "not run",
      met: !!hot && hot.ordersPerSecond >= 50 && hot.errors === 0 && hot.stockMismatches === 0,
    },
    sqlRoundTripsPerCheckout: {
      goal: "≤ 4 (start, pay, webhook; connection set-up apart)",
      measured: trips ? `${trips.perCheckout}, and ${trips.connectionsPerCheckout} connections opened` : "not run",
      met: !!trips && trips.perCheckout <= 4,
    },
    workerCpuPerCheckout: {
      goal: "≤ 8 bare requests' worth",
      measured: `${checkoutInBare.toFixed(1)} bare requests (${workerMs(spread?.cpuMsPerOrder)} ms against ${workerMs(spread?.bareCpuMsPerRequest)} ms)`,
      met: checkoutInBare <= 8,
    },
    sessionCheckCpuMs: {
      goal: "≤ 1.5 ms of Worker CPU",
      measured: `${workerMs(sessionCheck?.cpuMsPerRequest)} ms`,
      met: workerMs(sessionCheck?.cpuMsPerRequest) <= 1.5,
    },
    signedInCartReadVsGuest: {
      goal: "≥ 0.8 of the guest's cart read (same run)",
      measured: `${signedInVsGuest.toFixed(2)} (${signedInRead?.ratioToBare}× against ${guestRead?.ratioToBare}× bare)`,
      met: signedInVsGuest >= 0.8,
    },
  };
}
