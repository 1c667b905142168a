import { type Browser, chromium, type Page } from "playwright-core";
import { stage } from "../run";
import { CHROME_PATH } from "./lighthouse";
import { percentile } from "./load";
import { prerenderedWithoutDebugger, type ShownPage } from "./prerender-probe";

// A page of islands in a real browser (issue 33): the first Add to cart tapped as soon as it is
// painted on a slow phone, and a product page reached through a link the shopper hovered first
// (in Playwright, and prerendered in a browser with no debugger: prerender-probe.ts).

const RUNS = 5;
/** Lighthouse's mobile preset slows the CPU 4×: the same here. */
const PHONE_CPU_SLOWDOWN = 4;

export interface IslandsMeasured {
  firstAddToCart: {
    /** Event Timing of the tap (its longest event: pointerdown, pointerup or click), each run, ms. */
    eventMs: number[];
    medianEventMs: number;
    /** Runs whose line was in the cart afterwards. */
    landed: string;
  };
  hoveredProduct: {
    /** LCP of the product page reached through a link hovered first, from its navigation's start, each run, ms (desktop, no slowdown). */
    lcpMs: number[];
    medianLcpMs: number;
    /**
     * How each run's page came: `prefetch` (its document from the rule's fetch, no new request:
     * what an automated browser gets, as Chromium turns prerendering off while DevTools is
     * attached), `prerender`, or `network`.
     */
    servedFrom: string[];
  };
  /** The same link in a browser with no debugger attached (prerender-probe.ts): the page shown from its prerender. */
  prerenderedProduct: {
    /** LCP from activation, each run, ms (desktop window, no slowdown). */
    lcpMs: number[];
    medianLcpMs: number;
    /** Runs whose page was shown from a prerender (activationStart > 0). */
    activated: string;
  };
}

export async function islandsScenarios(base: string, productSlug: string): Promise<IslandsMeasured> {
  const browser = await chromium.launch({ executablePath: CHROME_PATH, args: ["--no-sandbox", "--disable-gpu"] });
  try {
    const taps: Array<{ eventMs: number; landed: boolean }> = [];
    for (let run = 1; run <= RUNS; run++) {
      taps.push(
        await stage(`islands: first Add to cart at ${PHONE_CPU_SLOWDOWN}× CPU slowdown, run ${run} of ${RUNS}`, () => firstTap(browser, base, productSlug)),
      );
    }
    const navigations: Array<{ lcpMs: number; servedFrom: string }> = [];
    for (let run = 1; run <= RUNS; run++) {
      navigations.push(await stage(`islands: a prerendered product link, run ${run} of ${RUNS}`, () => prerenderedNavigation(browser, base, productSlug)));
    }
    const probes: Array<ShownPage | undefined> = [];
    for (let run = 1; run <= RUNS; run++) {
      probes.push(
        await stage(`islands: a product link prerendered in a browser with no debugger attached, run ${run} of ${RUNS}`, () =>
          prerenderedWithoutDebugger(base, productSlug),
        ),
      );
    }
    const probeLcp = probes.map((p) => p?.lcpMs ?? Number.NaN);
    const eventMs = taps.map((t) => t.eventMs);
    const lcpMs = navigations.map((n) => n.lcpMs);
    const median = (values: number[]) =>
      percentile(
        [...values].sort((a, b) => a - b),
        50,
      );
    return {
      firstAddToCart: { eventMs, medianEventMs: median(eventMs), landed: `${taps.filter((t) => t.landed).length}/${RUNS}` },
      hoveredProduct: { lcpMs, medianLcpMs: median(lcpMs), servedFrom: navigations.map((n) => n.servedFrom) },
      prerenderedProduct: {
        lcpMs: probeLcp.map(Math.round),
        medianLcpMs: Math.round(median(probeLcp)),
        activated: `${probes.filter((p) => p && p.activationStart > 0).length}/${RUNS}`,
      },
    };
  } finally {
    await browser.close();
  }
}

/**
 * Every Event Timing entry of the page (and its first input), kept as they come. A string, not a
 * function: the bench's own build would wrap a function's inner functions in helpers the page lacks.
 */
const RECORD_EVENTS = `(() => {
  const seen = [];
  window.__events = seen;
  for (const options of [{ type: "event", buffered: true, durationThreshold: 16 }, { type: "first-input", buffered: true }]) {
    new PerformanceObserver((list) => { for (const entry of list.getEntries()) seen.push({ name: entry.name, duration: entry.duration }); }).observe(options);
  }
})();`;

async function firstTap(browser: Browser, base: string, slug: string): Promise<{ eventMs: number; landed: boolean }> {
  const context = await browser.newContext({ viewport: { width: 412, height: 823 }, isMobile: true, hasTouch: false });
  try {
    const page = await context.newPage();
    const cdp = await context.newCDPSession(page);
    await cdp.send("Emulation.setCPUThrottlingRate", { rate: PHONE_CPU_SLOWDOWN });
    await page.addInitScript({ content: RECORD_EVENTS });
    await page.goto(`${base}/p/${slug}`, { waitUntil: "commit" });
    const button = page.getByRole("button", { name: /^Add to cart: / }).first();
    await button.waitFor({ state: "visible" });
    await button.click();
    await page.getByRole("dialog", { name: "Your cart" }).getByTestId("mini-cart-line").first().waitFor({ timeout: 60_000 });
    const events = await page.evaluate(() => (window as unknown as { __events: Array<{ name: string; duration: number }> }).__events);
    const tap = events.filter((e) => ["pointerdown", "pointerup", "mousedown", "mouseup", "click"].includes(e.name));
    const cart = (await (await page.request.get(`${base}/api/cart`)).json()) as { itemCount: number };
    return { eventMs: Math.max(0, ...tap.map((e) => e.duration)), landed: cart.itemCount === 1 };
  } finally {
    await context.close();
  }
}

async function prerenderedNavigation(browser: Browser, base: string, slug: string): Promise<{ lcpMs: number; servedFrom: string }> {
  const context = await browser.newContext({ viewport: { width: 1350, height: 940 } });
  try {
    const page = await context.newPage();
    await page.goto(`${base}/p/${slug}`);
    const link = page.locator('.product [data-testid="product-card"] a[href^="/p/"]').first();
    await link.scrollIntoViewIfNeeded();
    const href = (await link.getAttribute("href")) ?? "";
    // Hovering shows the intent (eagerness "moderate"); the page is then got ready before the click.
    await link.hover();
    await page.waitForTimeout(1500);
    await link.click();
    await page.waitForURL(`**${href}`);
    return await shownPage(page);
  } finally {
    await context.close();
  }
}

/** The page's LCP from the moment it was shown (a prerendered page's activation), ms, and where its document came from. */
function shownPage(page: Page): Promise<{ lcpMs: number; servedFrom: string }> {
  return page.evaluate(
    () =>
      new Promise<{ lcpMs: number; servedFrom: string }>((resolve) => {
        const navigation = performance.getEntriesByType("navigation")[0] as PerformanceNavigationTiming & { activationStart?: number; deliveryType?: string };
        const activation = navigation.activationStart ?? 0;
        const servedFrom = activation > 0 ? "prerender" : navigation.deliveryType === "navigational-prefetch" ? "prefetch" : "network";
        new PerformanceObserver((list) => {
          const last = list.getEntries().at(-1);
          if (last) resolve({ lcpMs: Math.round(Math.max(0, last.startTime - activation)), servedFrom });
        }).observe({ type: "largest-contentful-paint", buffered: true });
        setTimeout(() => resolve({ lcpMs: Number.NaN, servedFrom }), 5000);
      }),
  );
}
