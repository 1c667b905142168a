import { expect, test } from "@playwright/test";

// Plain Playwright here, not the suite's CSP guard: this test makes violations on purpose, to show
// that the browser enforces the shop's policy and that the guard's reports reach the test.
test("the browser enforces the shop's Content-Security-Policy: injected inline script and style do not apply", async ({ page }) => {
  const violations: string[] = [];
  await page.exposeBinding("__reportCspViolation", (_source, text: string) => void violations.push(text));
  await page.addInitScript(() => {
    document.addEventListener("securitypolicyviolation", (event) =>
      (window as unknown as { __reportCspViolation: (t: string) => void }).__reportCspViolation(event.effectiveDirective),
    );
  });
  await page.goto("/");
  await expect(page.getByRole("banner")).toBeVisible();

  const ran = await page.evaluate(async () => {
    const script = document.createElement("script");
    script.textContent = "window.__injected = true";
    document.body.append(script);
    const style = document.createElement("style");
    style.textContent = "body { outline: 9px solid red }";
    document.head.append(style);
    await new Promise((resolve) => setTimeout(resolve, 200));
    return { script: (window as unknown as { __injected?: boolean }).__injected === true, style: getComputedStyle(document.body).outlineWidth === "9px" };
  });
  expect(ran).toEqual({ script: false, style: false });
  await expect.poll(() => violations.sort()).toEqual(["script-src-elem", "style-src-elem"]);
});
