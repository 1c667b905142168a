import type { Locator, Page } from "@playwright/test";
import { expectAccessible, expectNoSidewaysScroll, VIEWPORTS } from "../accessibility";
import { expect, test } from "../fixtures";
import { addToCartButton, miniCart, miniCartButton, stockedVariants } from "../shop";

interface Shown {
  name: string;
  path: string;
  /** What says the page has rendered. */
  ready: Locator;
}

/** Every page a shopper can reach; the cart has a line in it. */
async function everyPage(page: Page): Promise<Shown[]> {
  const [product] = await stockedVariants(page.request, 1, 3);
  const { categories } = await (await page.request.get("/api/catalog/categories")).json();
  await page.goto("/");
  expect((await page.request.post("/api/cart/items", { data: { sku: product!.sku, quantity: 1 } })).status()).toBe(200);
  return [
    { name: "home", path: "/", ready: page.getByTestId("product-card").first() },
    { name: "category", path: `/c/${categories[0].slug}`, ready: page.getByTestId("product-card").first() },
    { name: "search", path: "/search?q=jacket", ready: page.getByTestId("product-card").first() },
    { name: "search without results", path: "/search?q=zzqxvbnm", ready: page.getByTestId("no-results") },
    { name: "product", path: `/p/${product!.slug}`, ready: addToCartButton(page, product!.name) },
    { name: "cart", path: "/cart", ready: page.getByTestId("cart-line").first() },
    { name: "checkout", path: "/checkout", ready: page.getByRole("heading", { name: "Contact and address", level: 1 }) },
    { name: "sign in", path: "/account", ready: page.getByRole("heading", { name: "Sign in", level: 1 }) },
    { name: "register", path: "/account/register", ready: page.getByRole("heading", { name: "Create an account", level: 1 }) },
    { name: "not found", path: "/no/such/page", ready: page.getByRole("heading", { name: "Page not found", level: 1 }) },
  ];
}

for (const [size, viewport] of Object.entries(VIEWPORTS)) {
  test(`every page at ${viewport.width} px: no serious axe violation, nothing to scroll sideways`, async ({ page }) => {
    await page.setViewportSize(viewport);
    for (const shown of await everyPage(page)) {
      await page.goto(shown.path);
      await expect(shown.ready).toBeVisible();
      await expectNoSidewaysScroll(page, `${shown.name} (${size})`);
      await expectAccessible(page, `${shown.name} (${size})`);
    }
    await miniCartButton(page).click();
    await expect(miniCart(page).getByTestId("mini-cart-line")).toHaveCount(1);
    await expectAccessible(page, `the open mini-cart (${size})`, "dialog.mini-cart");
  });
}
