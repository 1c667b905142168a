import { expectAccessible, VIEWPORTS } from "../accessibility";
import { expect, test } from "../fixtures";
import { addToCartButton, stockedVariants } from "../shop";

test.use({ viewport: VIEWPORTS.phone });

test("on a phone the filters open in a drawer that works by keyboard, show what they leave, and apply when it closes", async ({ page }) => {
  await page.goto("/c/clothing");
  await expect(page.getByTestId("product-card").first()).toBeVisible();
  // No column of filters before or after the grid: a Filters button at the top (a link to the
  // filters on the page until its code runs).
  await expect(page.getByRole("complementary", { name: "Filters" })).toHaveCount(0);
  const open = page.locator("#filters-button");
  await open.focus();
  await page.keyboard.press("Enter");
  const drawer = page.getByRole("dialog", { name: "Filters" });
  await expect(drawer).toBeVisible();
  await expect(drawer.getByRole("button", { name: "Close filters" })).toBeFocused();

  const show = drawer.getByRole("button", { name: /^Show [\d,]+ products?$/ });
  const all = await show.textContent();
  const brand = drawer.getByRole("group", { name: "Brand" }).getByRole("checkbox").first();
  const brandCount = /\((\d[\d,]*)\)/.exec((await brand.locator("xpath=..").textContent())!)![1]!;
  await brand.focus();
  await page.keyboard.press("Space");
  await expect(brand).toBeChecked();
  await expect(brand).toBeFocused();
  // What the choice leaves shows at once; the listing changes when the drawer closes.
  await expect(show).toHaveText(new RegExp(`^Show ${brandCount} products?$`));
  expect(await show.textContent()).not.toBe(all);
  await expect(page).not.toHaveURL(/[?&]brand=/);
  await expectAccessible(page, "the open filters drawer", "dialog.filters-drawer");

  await page.keyboard.press("Escape");
  await expect(page).toHaveURL(/[?&]brand=/);
  await expect(drawer).toBeHidden();
  await expect(page.getByRole("button", { name: "Filters (1)" })).toBeFocused();
  await expect(page.getByRole("button", { name: /^Remove filter / })).toHaveCount(1);
});

test("on a phone a product's name, price and Add to cart are on the first screen", async ({ page, request }) => {
  const [product] = await stockedVariants(request, 1, 3);
  await page.goto(`/p/${product!.slug}`);
  const add = addToCartButton(page, product!.name);
  await expect(add).toBeVisible();
  for (const shown of [page.getByRole("heading", { name: product!.name, level: 1 }), page.getByTestId("variant-price"), add]) {
    const box = (await shown.boundingBox())!;
    expect(box.y, `${await shown.textContent()} starts on the first screen`).toBeGreaterThanOrEqual(0);
    expect(box.y + box.height, `${await shown.textContent()} ends on the first screen`).toBeLessThanOrEqual(VIEWPORTS.phone.height);
  }
});

test("on a phone, adding from a listing's card says so right there, and to screen readers", async ({ page }) => {
  await page.goto("/c/electronics");
  const card = page
    .getByTestId("product-card")
    .filter({ has: page.getByRole("button", { name: /^Add to cart: / }) })
    .first();
  const add = card.getByRole("button", { name: /^Add to cart: / });
  await add.scrollIntoViewIfNeeded();
  await add.click();
  const said = card.getByRole("status").filter({ hasText: "Added to your cart." });
  await expect(said).toBeVisible();
  await expect(said).toBeInViewport();
  await expect(said.getByRole("link", { name: "View cart" })).toBeVisible();
});
