import type { APIRequestContext, Page, Request } from "@playwright/test";
import { expect, test } from "../fixtures";
import { addToCartButton, miniCart, miniCartButton, stockedVariants, watchConsole } from "../shop";

// A product page is a page of islands (the page table): the edge's HTML is the page, and only its
// islands run, each when first needed. docs/edge-rendering.md, "Islands".

/** Every script the page requests, in order (the inlined loader is none). */
function scriptsOf(page: Page): string[] {
  const scripts: string[] = [];
  page.on("request", (request: Request) => {
    if (request.resourceType() === "script") scripts.push(new URL(request.url()).pathname);
  });
  return scripts;
}

/** A demo product with a choice to make (a colour, a size). */
async function productWithOptions(request: APIRequestContext): Promise<string> {
  const listing = await (await request.get("/api/catalog/products?inStock=true&limit=48")).json();
  for (const item of listing.items as Array<{ slug: string }>) {
    const product = await (await request.get(`/api/catalog/products/${item.slug}`)).json();
    if (product.options.length > 0 && product.variants.length > 1) return item.slug;
  }
  throw new Error("no demo product with options");
}

const islandStates = (page: Page) => page.$$eval("shop-island", (islands) => islands.map((i) => `${i.dataset.module}:${i.dataset.island ?? "asleep"}`));

for (const width of [390, 1366]) {
  test(`at ${width} px a product page runs no script before the shopper needs one, and its first tap on Add to cart lands`, async ({ page, request }) => {
    await page.setViewportSize({ width, height: 900 });
    const said = watchConsole(page);
    const scripts = scriptsOf(page);
    const [product] = await stockedVariants(request, 1);
    await page.goto(`/p/${product!.slug}`);
    await expect(page.getByRole("heading", { name: product!.name, level: 1 })).toBeVisible();
    await page.waitForLoadState("networkidle");
    // Nothing of the shell's application, ever. Before any interaction only the islands the page
    // table says load when visible, and are in view, have loaded: on a phone none (the reviews and
    // recently viewed are far below), on a desktop the reviews may be within reach.
    const awake = await page.$$eval("shop-island[data-island]", (islands) => islands.map((i) => `${i.dataset.module}:${i.dataset.load}`));
    for (const island of awake) expect(island, "woken before any interaction").toMatch(/:visible$/);
    if (width < 600) {
      expect(scripts, "scripts requested before any interaction").toEqual([]);
      expect(awake).toEqual([]);
    } else if (awake.length === 0) {
      expect(scripts).toEqual([]);
    }
    expect(
      scripts.filter((src) => src.endsWith("/main.js")),
      "the shell's application",
    ).toEqual([]);

    // The first tap, as soon as it is painted: held while the island's code loads, then given to it.
    await addToCartButton(page, product!.name).click();
    await expect(miniCart(page)).toBeVisible();
    await expect(miniCart(page).getByTestId("mini-cart-line")).toHaveCount(1);
    await expect(miniCartButton(page)).toHaveAccessibleName("Cart, 1 item");
    await expect(page).toHaveURL(new RegExp(`/p/${product!.slug}$`));
    // Loaded now: the islands host, and the code of the islands that were needed.
    expect(scripts.some((src) => src.startsWith("/mf/shell/") && src.endsWith("/islands.js"))).toBe(true);
    expect(
      scripts.some((src) => src.startsWith("/mf/shell/") && src.endsWith("/main.js")),
      "never the shell's application",
    ).toBe(false);
    const states = await islandStates(page);
    expect(states).toContain("catalog/ProductBuying:live");
    expect(states, "the mini cart came with its remote's code").toContain("cart/MiniCart:live");
    expect(states, "the search box waits for its own first touch").toContain("catalog/SearchBox:asleep");
    expect(said).toEqual([]);
  });
}

for (const width of [390, 1366]) {
  test(`at ${width} px home, a category and a search run no script before the shopper needs one; a listing's filter then applies`, async ({ page }) => {
    await page.setViewportSize({ width, height: 900 });
    const said = watchConsole(page);
    const scripts = scriptsOf(page);
    for (const path of ["/", "/c/clothing", "/search?q=jacket"]) {
      await page.goto(path);
      await expect(page.getByRole("heading", { level: 1 })).toBeVisible();
      await page.waitForLoadState("networkidle");
      expect(scripts, `${path}: scripts requested before any interaction`).toEqual([]);
      expect(
        (await islandStates(page)).filter((state) => !state.endsWith(":asleep")),
        `${path}: islands awake`,
      ).toEqual([]);
    }
    // The first touch of a listing's filter: held while its code loads, then applied (a new document
    // for the new filters) with the focus kept on it.
    const inStock = width < 600 ? null : page.getByRole("complementary", { name: "Filters" }).getByRole("checkbox", { name: "In stock only" });
    if (inStock) {
      await inStock.click();
      await expect(page).toHaveURL(/[?&]inStock=true/);
      await expect(inStock).toBeChecked();
      await expect(inStock).toBeFocused();
    } else {
      // On a phone, in a drawer: the tap on Filters opens it, the choice applies when it closes.
      await page.getByRole("link", { name: "Filters" }).click();
      const drawer = page.getByRole("dialog", { name: "Filters" });
      await drawer.getByRole("checkbox", { name: "In stock only" }).check();
      await drawer.getByRole("button", { name: /^Show [\d,]+ products?$/ }).click();
      await expect(page).toHaveURL(/[?&]inStock=true/);
      await expect(page.getByRole("button", { name: "Filters (1)" })).toBeFocused();
    }
    await expect(page.getByRole("button", { name: "Remove filter In stock" })).toBeVisible();
    expect(
      scripts.filter((src) => src.endsWith("/main.js")),
      "never the shell's application",
    ).toEqual([]);
    expect(said).toEqual([]);
  });
}

test("on home the first tap on a card's Add to cart lands", async ({ page }) => {
  const said = watchConsole(page);
  await page.goto("/");
  const addable = page
    .getByTestId("product-card")
    .filter({ has: page.getByRole("button", { name: /^Add to cart: / }) })
    .first();
  const name = (await addable.getByRole("heading").textContent())!;
  await addToCartButton(page, name).click();
  // A card says so on itself; the header's cart, woken with the cart's code, counts it.
  await expect(addable.getByRole("status").filter({ hasText: "Added to your cart." })).toBeVisible();
  await expect(miniCartButton(page)).toHaveAccessibleName("Cart, 1 item");
  await expect(page).toHaveURL(/\/$/);
  // Opened at the first tap, from the drawer to the cart page.
  await miniCartButton(page).click();
  await expect(miniCart(page).getByTestId("mini-cart-line")).toHaveCount(1);
  expect(said).toEqual([]);
});

test("a click made while an island's code is still loading is not lost, nor is the quantity chosen before it", async ({ page, request }) => {
  const said = watchConsole(page);
  const [product] = await stockedVariants(request, 1, 3);
  // The islands host arrives late, as on a slow phone.
  await page.route("**/mf/shell/*/islands.js", async (route) => {
    await new Promise((resolve) => setTimeout(resolve, 1500));
    await route.continue();
  });
  await page.goto(`/p/${product!.slug}`);
  await page.getByLabel("Quantity", { exact: true }).selectOption("2");
  await addToCartButton(page, product!.name).click();
  await expect(page.locator('shop-island[data-module="catalog/ProductBuying"]')).toHaveAttribute("data-island", "waking");
  await expect(miniCart(page)).toBeVisible({ timeout: 15_000 });
  await expect(miniCart(page).getByRole("combobox", { name: /Quantity of/ })).toHaveValue("2");
  await expect(miniCartButton(page)).toHaveAccessibleName("Cart, 2 items");
  expect(said).toEqual([]);
});

test("the keyboard wakes an island: Tab to Add to cart, Enter adds", async ({ page, request }) => {
  const [product] = await stockedVariants(request, 1);
  await page.goto(`/p/${product!.slug}`);
  await addToCartButton(page, product!.name).focus();
  await page.keyboard.press("Enter");
  await expect(miniCart(page)).toBeVisible();
  await expect(miniCartButton(page)).toHaveAccessibleName("Cart, 1 item");
});

test("choosing a variant, the reviews below the fold and the product's own URL work as islands", async ({ page, request }) => {
  const said = watchConsole(page);
  const slug = await productWithOptions(request);
  await page.goto(`/p/${slug}`);
  const radios = page.locator(".product__options input[type=radio]");
  const other = radios.nth((await radios.count()) - 1);
  await other.check();
  await expect(other).toBeChecked();
  await expect(page).toHaveURL(/[?&]sku=/);
  // The reviews wake when scrolled into view, and their links change the page in place.
  await page.locator("#reviews").scrollIntoViewIfNeeded();
  await expect(page.locator('shop-island[data-module="catalog/ProductReviews"]')).toHaveAttribute("data-island", "live");
  expect(said).toEqual([]);
});

test("with the catalog's files blocked the islands keep their HTML, one notice says so with a Retry, and forms still work", async ({ page, request }) => {
  const [product] = await stockedVariants(request, 1);
  await page.route("**/mf/catalog/**", (route) => route.abort());
  await page.goto(`/p/${product!.slug}`);
  await addToCartButton(page, product!.name).click();
  await expect(page.getByText("Added to your cart.")).toBeVisible();
  await expect(page.getByRole("heading", { name: product!.name, level: 1 })).toBeVisible();
  // Woken again on this page: its code still cannot load, so the notice offers a Retry.
  await page.getByLabel("Quantity", { exact: true }).focus();
  const notice = page.locator('[data-remote-notice="islands"]');
  await expect(notice).toContainText("links and forms still do");
  // Retry while it is still down: the button stays, with the focus, and says so.
  const retry = notice.getByRole("button", { name: "Retry" });
  await retry.focus();
  await page.keyboard.press("Enter");
  await expect(notice).toContainText("Still unavailable.");
  await expect(retry).toBeFocused();
  // Back: the islands run, the notice goes, and the focus moves into the first of them.
  await page.unroute("**/mf/catalog/**");
  await page.keyboard.press("Enter");
  await expect(page.locator('shop-island[data-module="catalog/ProductBuying"]')).toHaveAttribute("data-island", "live");
  await expect(notice).toBeHidden();
  await expect(page.locator('shop-island[data-module="catalog/ProductBuying"] :focus')).toHaveCount(1);
});

test("with the catalog's files blocked a listing's filters still apply: their form's button shows", async ({ page }) => {
  await page.route("**/mf/catalog/**", (route) => route.abort());
  await page.goto("/c/clothing");
  const filters = page.getByRole("complementary", { name: "Filters" });
  await filters.getByRole("checkbox", { name: "In stock only" }).check();
  await expect(page.locator('[data-remote-notice="islands"]')).toContainText("links and forms still do");
  // As without JavaScript: the form's Apply button, which sends the choice.
  await filters.getByRole("button", { name: "Apply filters" }).click();
  await expect(page).toHaveURL(/[?&]inStock=true/);
  await expect(page.getByRole("heading", { name: "Clothing", level: 1 })).toBeVisible();
});

test("with the islands host itself blocked a listing works as without JavaScript, and each island touched asks for it again", async ({ page }) => {
  let asked = 0;
  await page.route("**/mf/shell/*/islands.js", (route) => {
    asked++;
    return route.abort();
  });
  await page.goto("/c/clothing");
  const filters = page.getByRole("complementary", { name: "Filters" });
  await filters.getByRole("checkbox", { name: "In stock only" }).check();
  await expect(page.locator('shop-island[data-module="catalog/Facets"]')).toHaveAttribute("data-island", "failed");
  // Another island, touched after the host failed: it asks again, and its choice is not held for ever.
  await page.getByLabel("Sort by").selectOption("price_asc");
  await expect(page.locator('shop-island[data-module="catalog/ListingSort"]')).toHaveAttribute("data-island", "failed");
  expect(asked).toBe(2);
  // Both forms' buttons show, as without JavaScript, and send the choices.
  await page.getByRole("button", { name: "Sort", exact: true }).click();
  await expect(page).toHaveURL(/[?&]inStock=true/);
  await expect(page).toHaveURL(/[?&]sort=price_asc/);
  await expect(page.getByRole("heading", { name: "Clothing", level: 1 })).toBeVisible();
});

test("a product page's link to another product is got ready on hover: the click needs no new document request", async ({ page, request }) => {
  const [product] = await stockedVariants(request, 1);
  await page.goto(`/p/${product!.slug}`);
  const link = page.locator('.product [data-testid="product-card"] a[href^="/p/"]').first();
  await link.scrollIntoViewIfNeeded();
  const href = (await link.getAttribute("href"))!;
  // Hovering shows the intent (eagerness "moderate"): the browser fetches the page to prerender it.
  // (An automated browser never prerenders: Chromium turns prerendering off while DevTools is
  // attached, PrerenderingDisabledByDevTools; the rule's fetch still happens and serves the click.)
  await link.hover();
  await page.waitForTimeout(1000);
  await link.click();
  await expect(page).toHaveURL(new RegExp(`${href}$`));
  const navigation = await page.evaluate(() => {
    const entry = performance.getEntriesByType("navigation")[0] as PerformanceNavigationTiming & { activationStart: number; deliveryType: string };
    return { activationStart: entry.activationStart, deliveryType: entry.deliveryType };
  });
  expect(navigation.activationStart > 0 || navigation.deliveryType === "navigational-prefetch", JSON.stringify(navigation)).toBe(true);
  await expect(page.locator('script[type="speculationrules"]')).toHaveCount(1);
});
