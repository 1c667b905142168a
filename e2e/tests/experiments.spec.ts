import type { Browser, BrowserContext, Page } from "@playwright/test";
import { expectAccessible, VIEWPORTS } from "../accessibility";
import { expect, test } from "../fixtures";
import { checkoutUpToReview, stockedVariants } from "../shop";
import { buildRemoteVariant, shellFiles, shop, signedInOperator } from "../variants";

const RUN = Date.now().toString(36);
const remoteMapOf = (html: string) =>
  JSON.parse(/<script id="remote-map" type="application\/json">(.*?)<\/script>/.exec(html)![1]!) as Record<string, { version: string }>;
const homeHeading = (page: Page, text: string) => page.getByRole("heading", { level: 1, name: text });

/** The catalog version a new visitor's first document gives it, and the visitor's context. */
async function newVisitor(browser: Browser): Promise<{ context: BrowserContext; page: Page; catalog: string }> {
  const context = await browser.newContext();
  const page = await context.newPage();
  const response = await page.goto("/");
  return { context, page, catalog: remoteMapOf(await response!.text()).catalog!.version };
}

/** New visitors until one lands in each of these catalog versions (a 50/50 split needs a few). */
async function visitorsIn(browser: Browser, versions: string[]) {
  const found = new Map<string, { context: BrowserContext; page: Page }>();
  for (let tries = 0; tries < 30 && found.size < versions.length; tries++) {
    const visitor = await newVisitor(browser);
    if (versions.includes(visitor.catalog) && !found.has(visitor.catalog)) found.set(visitor.catalog, visitor);
    else await visitor.context.close();
  }
  expect([...found.keys()].sort()).toEqual([...versions].sort());
  return versions.map((v) => found.get(v)!);
}

test("visitors split between two catalog versions keep theirs across reloads, the shell's files stay the same, and the report counts an order", async ({
  browser,
  request,
}) => {
  test.setTimeout(240_000);
  const stable = remoteMapOf(await (await request.get("/")).text()).catalog!.version;
  const candidate = `2.0.0-e2e.b.${RUN}`;
  const dist = buildRemoteVariant("catalog", "b", [{ file: "Home.tsx", from: "Shop by category", to: "Browse our departments" }]);
  expect(shop("release", ["catalog", "--dist", dist, "--version", candidate])).toContain("Not live yet");
  const experiment = `home-${RUN}`;
  expect(
    shop("experiment", [
      "start",
      experiment,
      "--variant",
      "control=50",
      "--variant",
      `b=50:catalog@${candidate}`,
      "--reason",
      "e2e: does a new heading sell more?",
    ]),
  ).toContain("is running");

  try {
    const [control, b] = await visitorsIn(browser, [stable, candidate]);
    await expect(homeHeading(control!.page, "Shop by category")).toBeVisible();
    await expect(homeHeading(b!.page, "Browse our departments")).toBeVisible();
    // The shell is the same files for both (on a page hydrated whole); only the catalog's entry differs.
    const documents = await Promise.all([control!, b!].map(async ({ page }) => (await page.request.get("/cart")).text()));
    expect(await shellFiles(control!.page.request, documents[0]!)).toEqual(await shellFiles(b!.page.request, documents[1]!));
    // Sticky: reloads and another page keep the variant.
    for (let i = 0; i < 2; i++) {
      await b!.page.reload();
      await expect(homeHeading(b!.page, "Browse our departments")).toBeVisible();
    }

    // An order placed under b counts for b.
    const [product] = await stockedVariants(b!.page.request, 1, 3);
    expect((await b!.page.request.post("/api/cart/items", { data: { sku: product!.sku, quantity: 1 } })).status()).toBe(200);
    await checkoutUpToReview(b!.page, /ending 4242/);
    await b!.page.getByRole("button", { name: /^Place order and pay/ }).click();
    await expect(b!.page.getByTestId("order-number")).toHaveText(/^ORD-/);

    const operator = await signedInOperator(browser);
    await operator.goto("/admin/experiments");
    const table = operator.getByRole("table", { name: new RegExp(`^${experiment}:`) });
    const row = (name: string) => table.getByRole("row").filter({ has: operator.getByRole("rowheader", { name, exact: true }) });
    await expect(row("b").getByRole("cell").nth(3)).toHaveText("1"); // orders
    await expect(row("control").getByRole("cell").nth(3)).toHaveText("0");
    await expect(operator.getByText(/^Verdict: not enough data yet/)).toBeVisible();
    await expectAccessible(operator, "the operators' experiments page");
    await operator.setViewportSize(VIEWPORTS.phone);
    await expectAccessible(operator, "the operators' experiments page on a phone");
  } finally {
    shop("experiment", ["stop", experiment]);
  }
});

test("a catalog version that breaks is stopped by the guardrail after its failures; the next visitor gets the stable one", async ({ browser, request }) => {
  test.setTimeout(180_000);
  const stable = remoteMapOf(await (await request.get("/")).text()).catalog!.version;
  const broken = `2.0.0-e2e.broken.${RUN}`;
  const dist = buildRemoteVariant("catalog", "broken", [
    {
      file: "App.tsx",
      from: "export default function CatalogApp() {",
      to: 'export default function CatalogApp() {\n  throw new Error("this catalog version is broken on purpose");',
    },
  ]);
  shop("release", ["catalog", "--dist", dist, "--version", broken]);
  const experiment = `broken-${RUN}`;
  shop("experiment", [
    "start",
    experiment,
    "--variant",
    "control=0",
    "--variant",
    `broken=100:catalog@${broken}`,
    "--max-failure-rate",
    "0.5",
    "--min-exposures",
    "2",
  ]);
  try {
    for (let visitor = 0; visitor < 2; visitor++) {
      // Each visitor from a network of its own: the guardrail counts one failure per network.
      const context = await browser.newContext({ extraHTTPHeaders: { "CF-Connecting-IP": `203.0.113.${10 + visitor}` } });
      const page = await context.newPage();
      const reported = page.waitForResponse((r) => r.url().endsWith("/api/delivery/failures") && r.status() === 204);
      const response = await page.goto("/");
      expect(remoteMapOf(await response!.text()).catalog!.version).toBe(broken);
      // The broken area shows its fallback; the rest of the page works.
      await expect(page.getByText("The catalog is unavailable right now.").first()).toBeVisible();
      await expect(page.getByLabel("Search products")).toBeVisible();
      await reported;
      await context.close();
    }
    const next = await newVisitor(browser);
    expect(next.catalog).toBe(stable);
    await expect(homeHeading(next.page, "Shop by category")).toBeVisible();
    const report = shop("experiment", ["report", experiment]);
    expect(report).toMatch(/broken stopped: 100% of the 2 networks that ran it reported a failure/);
    await next.context.close();
  } finally {
    shop("experiment", ["stop", experiment]);
  }
});

test("a QA pin shows a version for the session with a notice that can end it", async ({ page, request }) => {
  const published = (
    (await (await request.get("/api/registry")).json()) as { apps: Array<{ name: string; stable: string; versions: Array<{ version: string }> }> }
  ).apps.find((a) => a.name === "cart")!;
  const version = published.stable;
  // A link an operator issued (signed, expiring): a hand-written ?pin= is ignored.
  const link = new URL(/https?:\/\/\S+/.exec(shop("experiment", ["pin", `cart@${version}`, "--hours", "1"]))![0]);
  const pinned = `${link.pathname}${link.search}`;
  await page.goto(`/?pin=cart@${version}`);
  await expect(page.getByRole("heading", { level: 1, name: "Shop by category" })).toBeVisible();
  await expect(page.getByRole("complementary", { name: "Preview" })).toHaveCount(0);
  await page.goto(pinned);
  const notice = page.getByRole("complementary", { name: "Preview" });
  await expect(notice).toContainText(`Previewing cart ${version}.`);
  await page.goto("/cart");
  await expect(notice).toBeVisible(); // the session keeps the pin
  await expectAccessible(page, "a page with the preview notice");
  await notice.getByRole("button", { name: "Hide the preview notice" }).click();
  await expect(notice).toBeHidden();
  await page.goto(pinned);
  await page.evaluate(() => sessionStorage.clear());
  await page.reload();
  await notice.getByRole("link", { name: "End preview" }).click();
  await expect(page.getByRole("heading", { level: 1, name: "Shop by category" })).toBeVisible();
  await expect(notice).toHaveCount(0);
});
