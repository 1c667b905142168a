import AxeBuilder from "@axe-core/playwright";
import { expect, type Page } from "@playwright/test";

/** The two widths every page is checked at: a phone and a laptop. */
export const VIEWPORTS = {
  phone: { width: 390, height: 844 },
  desktop: { width: 1366, height: 768 },
} as const;

// WCAG 2.2 A and AA plus axe's best practices; serious and critical findings fail the test.
const TAGS = ["wcag2a", "wcag2aa", "wcag21a", "wcag21aa", "wcag22aa", "best-practice"];

/**
 * Fails on any serious or critical axe-core violation in the page, or only in `within` (a CSS
 * selector, e.g. an open dialog). The one check every page of every remote calls.
 */
export async function expectAccessible(page: Page, what: string, within?: string) {
  let builder = new AxeBuilder({ page }).withTags(TAGS);
  if (within) builder = builder.include(within);
  const { violations } = await builder.analyze();
  const serious = violations
    .filter((v) => v.impact === "serious" || v.impact === "critical")
    .map((v) => `${v.id} (${v.impact}, ${v.nodes.length} nodes): ${v.help}. First: ${v.nodes[0]?.target.join(" ")} ${v.nodes[0]?.failureSummary ?? ""}`);
  expect.soft(serious, `${what}: serious or critical accessibility violations`).toEqual([]);
}

/** The page as it is now, at both widths: no serious axe violation, nothing to scroll sideways; back at the laptop's width after. */
export async function expectAccessibleAtBothSizes(page: Page, what: string) {
  for (const [size, viewport] of Object.entries(VIEWPORTS)) {
    await page.setViewportSize(viewport);
    await expectAccessible(page, `${what} (${size})`);
    await expectNoSidewaysScroll(page, `${what} (${size})`);
  }
  await page.setViewportSize(VIEWPORTS.desktop);
}

/** The page is no wider than the screen: nothing to scroll sideways. */
export async function expectNoSidewaysScroll(page: Page, what: string) {
  const { scrollWidth, clientWidth } = await page.evaluate(() => ({
    scrollWidth: document.documentElement.scrollWidth,
    clientWidth: document.documentElement.clientWidth,
  }));
  expect.soft(scrollWidth, `${what} is ${scrollWidth} px wide on a ${clientWidth} px screen`).toBeLessThanOrEqual(clientWidth);
}
