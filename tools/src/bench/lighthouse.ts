import fs from "node:fs";
import * as chromeLauncher from "chrome-launcher";
import lighthouse from "lighthouse";
import desktopConfig from "lighthouse/core/config/desktop-config.js";

export interface LighthouseResult {
  score: number;
  lcpMs: number;
  tbtMs: number;
  cls: number;
  /** What moved, when anything did (Lighthouse's layout-shift culprits): the elements and how much. */
  shifts: string[];
  /** Every URL the page fetched, for the bundle-size figures. */
  requestedUrls: string[];
  /** JavaScript the page transferred while Lighthouse loaded it (no interaction), KiB as sent (gzip). */
  scriptKiB: number;
}

const CHROME_FLAGS = [
  "--headless=new",
  "--no-sandbox",
  "--disable-gpu",
  "--disable-background-networking",
  "--disable-component-update",
  "--disable-sync",
  "--no-first-run",
];

/**
 * Lighthouse's performance audit: its default (mobile) preset, an emulated mid-range phone on a
 * throttled network, or its desktop preset.
 */
export const CHROME_PATH = process.env.CHROME_PATH ?? "/usr/bin/chromium";

/** Refuses to start a bench whose last part could not run: better now than after twenty minutes. */
export function expectChrome() {
  if (!fs.existsSync(CHROME_PATH)) {
    throw new Error(`no Chromium at ${CHROME_PATH} for Lighthouse: install Debian's (apt-get install chromium) or set CHROME_PATH`);
  }
}

export async function runLighthouse(url: string, formFactor: "mobile" | "desktop" = "mobile"): Promise<LighthouseResult> {
  const chrome = await chromeLauncher.launch({ chromePath: CHROME_PATH, chromeFlags: CHROME_FLAGS });
  try {
    const config = formFactor === "desktop" ? desktopConfig : undefined;
    const run = await lighthouse(url, { port: chrome.port, onlyCategories: ["performance"], output: "json", logLevel: "error" }, config);
    if (!run) throw new Error("Lighthouse returned no result");
    const { audits, categories } = run.lhr;
    const items =
      (audits["network-requests"]?.details as { items?: Array<{ url: string; resourceType?: string; transferSize?: number }> } | undefined)?.items ?? [];
    const scriptBytes = items.filter((item) => item.resourceType === "Script").reduce((sum, item) => sum + (item.transferSize ?? 0), 0);
    return {
      score: Math.round((categories.performance?.score ?? 0) * 100),
      lcpMs: Math.round(audits["largest-contentful-paint"]?.numericValue ?? NaN),
      tbtMs: Math.round(audits["total-blocking-time"]?.numericValue ?? NaN),
      cls: Number((audits["cumulative-layout-shift"]?.numericValue ?? NaN).toFixed(3)),
      shifts: (
        (audits["layout-shifts"]?.details as { items?: Array<{ node?: { selector?: string; snippet?: string }; score?: number }> } | undefined)?.items ?? []
      ).map((item) => `${item.score?.toFixed(3)} ${item.node?.selector ?? ""} ${item.node?.snippet?.slice(0, 120) ?? ""}`),
      requestedUrls: items.map((item) => item.url),
      scriptKiB: Number((scriptBytes / 1024).toFixed(1)),
    };
  } finally {
    chrome.kill();
  }
}
