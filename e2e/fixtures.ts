import { test as base, expect } from "@playwright/test";

export { expect };

interface Violation {
  directive: string;
  report: string;
}

/**
 * Every test runs with a guard on the shop's Content-Security-Policy: each page reports the
 * violations the browser raises (`securitypolicyviolation`), and the test fails if there was any.
 * A policy that a real page breaks is caught on the page that breaks it. A test that feeds the shop
 * hostile content declares the directives it expects the policy to enforce (`expectedCspViolations`).
 */
export const test = base.extend<{ expectedCspViolations: string[]; contentSecurityPolicy: void; unusedPreloads: void }>({
  expectedCspViolations: [[], { option: true }],
  contentSecurityPolicy: [
    async ({ context, expectedCspViolations }, use) => {
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
      const unexpected = violations.filter((v) => !expectedCspViolations.includes(v.directive)).map((v) => v.report);
      expect(unexpected, "the pages raised Content-Security-Policy violations").toEqual([]);
      const enforced = new Set(violations.map((v) => v.directive));
      expect(
        expectedCspViolations.filter((directive) => !enforced.has(directive)),
        "violations this test expected the policy to raise",
      ).toEqual([]);
    },
    { auto: true },
  ],
  /** A preload the page does not use costs the shopper bandwidth at start-up: Chromium warns, and the test fails. */
  unusedPreloads: [
    async ({ context }, use) => {
      const unused: string[] = [];
      context.on("console", (message) => {
        if (/preloaded using link preload but not used/.test(message.text())) unused.push(message.text());
      });
      await use();
      expect(unused, "the document preloaded files its page did not use").toEqual([]);
    },
    { auto: true },
  ],
});
