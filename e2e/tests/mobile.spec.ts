import { expectAccessible, VIEWPORTS } from "../accessibility";
import { expect, test } from "../fixtures";
import { addToCartButton, stockedVariants } from "../shop";

test.use({ viewport: VIEWPORTS.phone });

test("on a phone the filters open in a drawer that works by keyboard, and keep the focus while filtering", async ({ page }) => {
  await page.goto("/c/clothing");
  await expect(page.getByTestId("product-card").first()).toBeVisible();
  // No column of filters before or after the grid: a Filters button at the top.
  await expect(page.getByRole("complementary", { name: "Filters" })).toHaveCount(0);
  const open = page.getByRole("button", { name: "Filters" });
  await open.focus();
  await page.keyboard.press("Enter");
  const drawer = page.getByRole("dialog", { name: "Filters" });
  await expect(drawer).toBeVisible();
  await expect(drawer.getByRole("button", { name: "Close filters" })).toBeFocused();

  const brand = drawer.getByRole("group", { name: "Brand" }).getByRole("checkbox").first();
  await brand.focus();
  await page.keyboard.press("Space");
  await expect(page).toHaveURL(/[?&]brand=/);
  await expect(brand).toBeChecked();
  await expect(brand).toBeFocused();
  await expect(drawer.getByRole("button", { name: /^Show [\d,]+ products?$/ })).toBeVisible();
  await expectAccessible(page, "the open filters drawer", "dialog.filters-drawer");

  await page.keyboard.press("Escape");
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
