import { expect, test } from "../fixtures";
import { miniCart, miniCartButton, stockedVariants } from "../shop";

// A remote's files blocked: what was preloaded for the areas inside its areas is never asked for.
test.use({ preloadsMayGoUnused: true });

test("a remote whose files cannot load leaves the edge's page working, with one notice and Retry; Retry brings its islands to life", async ({ page }) => {
  let catalogReachable = false;
  await page.route("**/mf/catalog/**", (route) => (catalogReachable ? route.continue() : route.abort("connectionrefused")));

  await page.goto("/");
  // Home is a page of islands: the search box wakes at the first touch, and its code cannot load.
  const search = page.getByRole("combobox", { name: "Search products" });
  await search.focus();
  const notice = page.locator('[data-remote-notice="islands"]');
  await expect(notice).toBeVisible({ timeout: 20_000 });
  await expect(notice).toContainText("not fully working right now: links and forms still do");
  // The page the edge rendered stays as it was sent: its heading and its product links, never a fallback.
  await expect(page.getByRole("heading", { name: "Shop by category", level: 1 })).toBeVisible();
  const productLinks = page.locator('main a[href^="/p/"]');
  const linksAtLoad = await productLinks.count();
  expect(linksAtLoad).toBeGreaterThan(5);
  await page.waitForTimeout(1500);
  expect(await productLinks.count()).toBe(linksAtLoad);
  await expect(page.locator("[data-remote-fallback]")).toHaveCount(0);
  // One notice, however many islands kept their HTML.
  await expect(page.locator("[data-remote-notice]")).toHaveCount(1);
  // The shell and the other remotes keep working.
  await expect(page.getByTestId("cart-count")).toHaveText("0");
  await miniCartButton(page).click();
  await expect(miniCart(page).getByText("Your cart is empty.")).toBeVisible();
  await page.keyboard.press("Escape");

  catalogReachable = true;
  await notice.getByRole("button", { name: "Retry" }).click();
  // The island is live, and the focus is in it.
  await expect(page.locator('shop-island[data-module="catalog/SearchBox"]')).toHaveAttribute("data-island", "live");
  await expect(page.locator("[data-remote-notice]")).toHaveCount(0);
  await expect(search).toBeFocused();
  await expect(page.getByTestId("product-card").first()).toBeVisible();
});

test("an area the browser renders itself shows its fallback when its remote cannot load; the rest of the page works", async ({ page }) => {
  await page.goto("/cart");
  await page.route("**/mf/catalog/**", (route) => route.abort("connectionrefused"));
  // Navigating inside the application: the catalog's page is rendered here, not by the edge.
  await page.getByRole("link", { name: "Edge Shop" }).click();
  const fallback = page.locator('[data-remote-fallback="catalog/App"]');
  await expect(fallback).toBeVisible({ timeout: 20_000 });
  await expect(fallback).toContainText("The catalog is unavailable right now.");
  await expect(page.getByRole("alert")).toHaveCount(1);
  await expect(page.getByTestId("cart-count")).toHaveText("0");
});

test("with the cart's files blocked, a product page keeps its add-to-cart form, which works as a form; Retry says when it still fails; the cart comes back by itself", async ({
  page,
  request,
}) => {
  const [product] = await stockedVariants(request, 1, 3);
  let cartReachable = false;
  await page.route("**/mf/cart/**", (route) => (cartReachable ? route.continue() : route.abort("connectionrefused")));

  await page.goto(`/p/${product!.slug}`);
  await expect(page.getByRole("heading", { name: product!.name, level: 1 })).toBeVisible();
  // A page of islands loads nothing until the shopper needs it: touching the buying part wakes it,
  // and the cart's areas inside keep the edge's HTML: one notice for one cause.
  await page.getByLabel("Quantity", { exact: true }).focus();
  const notice = page.locator('[data-remote-notice^="cart/"]');
  await expect(notice).toHaveCount(1, { timeout: 20_000 });
  await expect(page.locator("[data-remote-fallback]")).toHaveCount(0);

  const retry = notice.getByRole("button", { name: "Retry" });
  await retry.focus();
  await page.keyboard.press("Enter");
  await expect(notice).toContainText("Still unavailable; we keep trying.", { timeout: 15_000 });
  await expect(retry).toBeFocused();

  // The form the edge rendered posts to the edge, which adds the item and says so on the page it comes back to.
  await page
    .locator(".product__buy")
    .getByRole("button", { name: `Add to cart: ${product!.name}` })
    .click();
  await expect(page).toHaveURL(new RegExp(`/p/${product!.slug}\\?added=`));
  await expect(page.locator(".product__buy").getByText("Added to your cart.")).toBeVisible();

  // The cart is back: the next touch brings its code, and every cart area on the page comes to life together.
  cartReachable = true;
  await page.getByLabel("Quantity", { exact: true }).focus();
  await expect(miniCartButton(page)).toHaveAccessibleName("Cart, 1 item");
  await expect(page.locator('shop-island[data-module="cart/MiniCart"]')).toHaveAttribute("data-island", "live");
  await expect(page.locator("[data-remote-notice]")).toHaveCount(0);
});
