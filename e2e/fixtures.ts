import { test as base, expect, type Page } from "@playwright/test";

export { expect };

interface Violation {
  directive: string;
  report: string;
}

/**
 * Every test runs with a guard on the shop's Content-Security-Policy: each page reports the
 * violations the browser raises (`securitypolicyviolation`), and the test fails if there was any.
 * A policy that a real page breaks is caught on the page that breaks it. A test that feeds the shop
 * hostile content names the directives the policy may refuse it with (`allowedCspViolations`):
 * whether a browser raises one for markup a sanitiser parses off-screen differs between Chromium
 * versions (150 does not, 156 does), so this guard does not insist. security.spec.ts shows the policy
 * is enforced.
 */
/**
 * Until every remote area of a page the edge rendered is live (its module running, not only its
 * HTML), or shows its fallback, or keeps its edge HTML because its code could not load. Before that a click does what the HTML does without JavaScript (a
 * link loads a page, a form posts), which works but is not what a test of the scripted page tests.
 * On a page of islands, the areas of islands that run.
 */
export async function areasLive(page: Page) {
  await page.waitForFunction(
    () =>
      [...document.querySelectorAll(".remote-area")].every(
        (area) =>
          area.hasAttribute("data-live") ||
          // An area inside one that kept its edge HTML stays HTML with it.
          area.closest("[data-kept-html]") ||
          area.querySelector("[data-remote-fallback]") ||
          // A page of islands: only islands run, each when first needed (what it is sent before is held for it).
          (document.getElementById("root")?.hasAttribute("data-islands") && !area.closest("shop-island[data-island=live]")),
      ),
    undefined,
    { timeout: 15_000 },
  );
}

/** Makes the page's loads wait until it is live (see areasLive). */
function loadsUntilLive(page: Page): Page {
  const goto = page.goto.bind(page);
  const reload = page.reload.bind(page);
  page.goto = async (...args) => {
    const response = await goto(...args);
    await areasLive(page);
    return response;
  };
  page.reload = async (...args) => {
    const response = await reload(...args);
    await areasLive(page);
    return response;
  };
  return page;
}

// Each test's shopper comes from a network of their own, as real shoppers do: the shop's limits per
// address (registrations, sign-ins, failure reports) are then each test's own, not the whole run's.
// Locally the Worker takes a client's CF-Connecting-IP as sent; Cloudflare sets it in production.
const RUN = Math.floor(Math.random() * 0xffff).toString(16);
let shoppers = 0;

// biome-ignore lint/suspicious/noConfusingVoidType: Playwright types a fixture that gives the test nothing as void
export const test = base.extend<{ allowedCspViolations: string[]; contentSecurityPolicy: void; preloadsMayGoUnused: boolean; unusedPreloads: void }>({
  // biome-ignore lint/correctness/noEmptyPattern: Playwright reads a fixture's dependencies from this pattern; it has none
  extraHTTPHeaders: async ({}, use) => {
    await use({ "CF-Connecting-IP": `2001:db8:${RUN}:${(shoppers++).toString(16)}::1` });
  },
  // Page loads wait for the page to be live when it runs scripts: the test's page and every other
  // tab it opens.
  context: async ({ context, javaScriptEnabled }, use) => {
    if (javaScriptEnabled !== false) {
      const newPage = context.newPage.bind(context);
      context.newPage = async () => loadsUntilLive(await newPage());
    }
    await use(context);
  },
  allowedCspViolations: [[], { option: true }],
  contentSecurityPolicy: [
    async ({ context, allowedCspViolations }, use) => {
      const violations: Violation[] = [];
      await context.exposeBinding("__reportCspViolation", ({ page }, directive: string, text: string) => {
        violations.push({ directive, report: `${page.url()}: ${text}` });
      });
      await context.addInitScript(() => {
        document.addEventListener("securitypolicyviolation", (event) => {
          const report = (window as unknown as { __reportCspViolation: (directive: string, text: string) => void }).__reportCspViolation;
          report(event.effectiveDirective, `${event.effectiveDirective} blocked ${event.blockedURI || "inline"} (${event.sourceFile}:${event.lineNumber})`);
        });
      });
      await use();
      const unexpected = violations.filter((v) => !allowedCspViolations.includes(v.directive)).map((v) => v.report);
      expect(unexpected, "the pages raised Content-Security-Policy violations").toEqual([]);
    },
    { auto: true },
  ],
  /** A test that blocks a remote's files: the areas inside its areas never ask for the files preloaded for them. */
  preloadsMayGoUnused: [false, { option: true }],
  /** A preload the page does not use costs the shopper bandwidth at start-up: Chromium warns, and the test fails. */
  unusedPreloads: [
    async ({ context, preloadsMayGoUnused }, use) => {
      const unused: string[] = [];
      context.on("console", (message) => {
        if (/preloaded using link preload but not used/.test(message.text())) unused.push(message.text());
      });
      await use();
      if (!preloadsMayGoUnused) expect(unused, "the document preloaded files its page did not use").toEqual([]);
    },
    { auto: true },
  ],
});
