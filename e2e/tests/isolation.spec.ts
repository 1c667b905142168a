import { expect, test } from "../fixtures";
import { miniCart, miniCartButton } from "../shop";

test("a remote whose files cannot load shows its own fallback, the rest works, and Retry recovers", async ({ page }) => {
  let catalogReachable = false;
  await page.route("**/mf/catalog/**", (route) => (catalogReachable ? route.continue() : route.abort("connectionrefused")));

  await page.goto("/");
  const fallback = page.locator('[data-remote-fallback="catalog/App"]');
  await expect(fallback).toBeVisible({ timeout: 20_000 });
  await expect(fallback).toContainText("The catalog is unavailable right now.");
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
  await expect(page.getByRole("heading", { name: "Shop by category" })).toBeVisible();
  await expect(page.getByTestId("product-card").first()).toBeVisible();
  await expect(fallback).toHaveCount(0);
});
