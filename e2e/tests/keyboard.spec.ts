import type { Page } from "@playwright/test";
import { expect, test } from "../fixtures";
import { addToCartButton, miniCart, tabTo } from "../shop";

/** A new document (each catalog page is one, made instant by speculation rules): the keyboard starts at its top. */
async function expectKeyboardAtTop(page: Page) {
  await page.keyboard.press("Tab");
  await expect(page.getByRole("link", { name: "Skip to main content" })).toBeFocused();
}

test("each catalog page is a new document: its title says where and the keyboard starts at its top; an application's own links move focus to the new page's heading", async ({
  page,
}) => {
  await page.goto("/");
  await expect(page).toHaveTitle("Edge Shop");
  await page.getByRole("link", { name: "Clothing", exact: true }).click();
  await expect(page).toHaveTitle("Clothing | Edge Shop");
  await expectKeyboardAtTop(page);

  const card = page.getByTestId("product-card").first();
  const name = (await card.getByRole("heading").textContent())!;
  await card.getByRole("link").first().click();
  await expect(page.getByRole("heading", { name, level: 1 })).toBeVisible();
  await expect(page).toHaveTitle(`${name} | Edge Shop`);
  await expectKeyboardAtTop(page);

  await page.goBack();
  await expect(page).toHaveTitle("Clothing | Edge Shop");

  // The account pages are an application: a link within them is an in-app navigation.
  await page.getByRole("link", { name: "Sign in", exact: true }).click();
  await expect(page).toHaveTitle("Sign in | Edge Shop");
  await page.getByRole("link", { name: "Create an account" }).click();
  await expect(page.getByRole("heading", { name: "Create an account", level: 1 })).toBeFocused();
  await expect(page).toHaveTitle("Create an account | Edge Shop");
});

test("the skip link takes the keyboard past the header, and a listing's past its filters", async ({ page }) => {
  await page.goto("/search?q=jacket");
  await expect(page.getByTestId("product-card").first()).toBeVisible();
  await page.keyboard.press("Tab");
  const skip = page.getByRole("link", { name: "Skip to main content" });
  await expect(skip).toBeFocused();
  await expect(skip).toBeVisible();
  await page.keyboard.press("Enter");
  await expect(page.locator("main")).toBeFocused();
  // From the top of the page to the first product: a handful of Tabs, not 48.
  const skipFilters = page.getByRole("link", { name: "Skip to products" });
  const tabs = await tabTo(page, skipFilters);
  expect(tabs).toBeLessThanOrEqual(3);
  await page.keyboard.press("Enter");
  await page.keyboard.press("Tab");
  await expect(page.getByTestId("product-card").first().getByRole("link").first()).toBeFocused();
});

test("a keyboard-only shopper goes from search to checkout without losing focus", async ({ page }) => {
  await page.goto("/");
  const box = page.getByRole("combobox", { name: "Search products" });
  await tabTo(page, box);
  await page.keyboard.type("charging cable");
  await page.keyboard.press("Enter");
  await expect(page.getByRole("heading", { name: "Results for “charging cable”", level: 1 })).toBeVisible();
  await expectKeyboardAtTop(page);

  // Go through the results to a product that can be added as it is.
  const addable = page
    .getByTestId("product-card")
    .filter({ has: page.getByRole("button", { name: /^Add to cart: / }) })
    .first();
  const name = (await addable.getByRole("heading").textContent())!;
  await tabTo(page, page.getByRole("link", { name: "Skip to products" }));
  await page.keyboard.press("Enter");
  await tabTo(page, addable.getByRole("link").first());
  await page.keyboard.press("Enter");
  await expect(page.getByRole("heading", { name, level: 1 })).toBeVisible();

  await tabTo(page, addToCartButton(page, name));
  await page.keyboard.press("Enter");
  const drawer = miniCart(page);
  await expect(drawer).toBeVisible();
  await expect(drawer.getByRole("button", { name: "Close cart" })).toBeFocused();
  await tabTo(page, drawer.getByRole("link", { name: "Checkout" }));
  await page.keyboard.press("Enter");
  await expect(page.getByRole("heading", { name: "Contact and address", level: 1 })).toBeVisible();
  await tabTo(page, page.getByLabel("Email"));
});
