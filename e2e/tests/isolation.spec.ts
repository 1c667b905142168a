import { expect, test } from "../fixtures";
import { addToCartButton, miniCart, miniCartButton, stockedVariants } from "../shop";

test("a remote whose files cannot load shows its own fallback, the rest works, and one Retry brings back every area of it", async ({ page }) => {
  let catalogReachable = false;
  await page.route("**/mf/catalog/**", (route) => (catalogReachable ? route.continue() : route.abort("connectionrefused")));

  await page.goto("/");
  const fallback = page.locator('[data-remote-fallback="catalog/App"]');
  await expect(fallback).toBeVisible({ timeout: 20_000 });
  await expect(fallback).toContainText("The catalog is unavailable right now.");
  // The header's search box is the catalog's too: its fallback is there, but one cause is one alert.
  await expect(page.locator('[data-remote-fallback="catalog/SearchBox"]')).toBeVisible();
  await expect(page.getByRole("alert")).toHaveCount(1);
  // The shell and the other remotes keep working.
  await expect(page.getByTestId("cart-count")).toHaveText("0");
  await miniCartButton(page).click();
  await expect(miniCart(page).getByText("Your cart is empty.")).toBeVisible();
  await page.keyboard.press("Escape");
  await page.goto("/cart");
  await expect(page.getByRole("heading", { name: "Your cart" })).toBeVisible();
  await page.goBack();
  await expect(fallback).toBeVisible({ timeout: 20_000 });

  catalogReachable = true;
  await fallback.getByRole("button", { name: "Retry" }).click();
  // Every area of the catalog is back, and the focus is in the one the shopper retried.
  await expect(page.getByRole("heading", { name: "Shop by category" })).toBeFocused();
  await expect(page.getByTestId("product-card").first()).toBeVisible();
  await expect(page.getByRole("combobox", { name: "Search products" })).toBeVisible();
  await expect(page.locator("[data-remote-fallback]")).toHaveCount(0);
});

test("Retry while a remote still fails keeps the focus and says so; the remote comes back by itself when it answers", async ({ page, request }) => {
  const [product] = await stockedVariants(request, 1, 3);
  let cartReachable = false;
  await page.route("**/mf/cart/**", (route) => (cartReachable ? route.continue() : route.abort("connectionrefused")));

  await page.goto(`/p/${product!.slug}`);
  await expect(page.getByRole("heading", { name: product!.name, level: 1 })).toBeVisible();
  const fallbacks = page.locator('[data-remote-fallback^="cart/"]');
  await expect(fallbacks.first()).toBeVisible({ timeout: 20_000 });
  // The mini-cart, this product's button and every related product's: one alert for one cause.
  await expect.poll(() => fallbacks.count()).toBeGreaterThan(2);
  await expect(page.getByRole("alert")).toHaveCount(1);

  const retry = page.locator(".product__buy").getByRole("button", { name: "Retry" });
  await retry.focus();
  await page.keyboard.press("Enter");
  await expect(page.locator(".product__buy").getByRole("status")).toHaveText("Still unavailable; we keep trying.", { timeout: 15_000 });
  await expect(page.locator(".product__buy").getByRole("button", { name: "Retry" })).toBeFocused();

  cartReachable = true;
  // Nobody presses anything: the shop tries again by itself, and every cart area comes back together.
  await expect(addToCartButton(page, product!.name)).toBeVisible({ timeout: 40_000 });
  await expect(miniCartButton(page)).toBeVisible();
  await expect(fallbacks).toHaveCount(0);
});
