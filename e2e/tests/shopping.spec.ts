import { expect, test } from "../fixtures";
import { addToCartButton, miniCart, miniCartButton, money, openCartPage } from "../shop";

test("every area of the shop renders from its remote", async ({ page }) => {
  await page.goto("/");
  await expect(page.getByRole("heading", { name: "Shop by category" })).toBeVisible();
  await expect(page.getByTestId("product-card").first()).toBeVisible();
  await expect(page.getByTestId("cart-count")).toHaveText("0");

  await miniCartButton(page).click();
  await expect(miniCart(page).getByText("Your cart is empty.")).toBeVisible();
  await page.keyboard.press("Escape");
  await expect(miniCart(page)).toBeHidden();
  await page.goto("/cart");
  await expect(page.getByRole("heading", { name: "Your cart" })).toBeVisible();
  await expect(page.getByText("Your cart is empty.")).toBeVisible();

  await page.goto("/checkout");
  await expect(page.getByRole("heading", { name: "Contact and address", level: 1 })).toBeVisible();
  await expect(page.getByText("Your cart is empty.")).toBeVisible();

  await page.getByRole("link", { name: "Sign in", exact: true }).click();
  await expect(page.getByRole("heading", { name: "Sign in", level: 1 })).toBeVisible();

  const missing = await page.goto("/no/such/page");
  expect(missing?.status()).toBe(404);
  await expect(page.getByRole("heading", { name: "Page not found" })).toBeVisible();
});

test("adding to the cart in the catalog updates the header and the cart page", async ({ page }) => {
  await page.goto("/");
  const cards = page.getByTestId("product-card").filter({ has: page.getByRole("button", { name: /^Add to cart: / }) });
  const chosen: Array<{ name: string; cents: number }> = [];
  for (const index of [0, 1]) {
    // Pinned by its product link: the shelves re-render as stock changes, and "the n-th card with a
    // button" may then be another product.
    const href = (await cards.nth(index).getByRole("link").first().getAttribute("href"))!;
    const card = page
      .getByTestId("product-card")
      .filter({ has: page.locator(`a[href="${href}"]`) })
      .first();
    const name = (await card.getByRole("heading").textContent())!;
    const price = (await card.locator(".price").textContent())!;
    chosen.push({ name, cents: Math.round(Number(price.replace(/[$,]/g, "")) * 100) });
    await addToCartButton(card, name).click();
    await expect(page.getByTestId("cart-count")).toHaveText(String(index + 1));
  }

  await openCartPage(page);
  const lines = page.getByTestId("cart-line");
  await expect(lines).toHaveCount(2);
  for (const { name } of chosen) await expect(lines.filter({ hasText: name })).toHaveCount(1);
  const subtotal = chosen.reduce((sum, item) => sum + item.cents, 0);
  await expect(page.getByTestId("cart-subtotal")).toHaveText(money(subtotal));

  // The cart lives on the server: a fresh load of another page still shows it.
  await page.goto("/checkout");
  for (const { name } of chosen) await expect(page.getByText(new RegExp(`1 × ${name.replace(/[.*+?^${}()|[\]\\]/g, "\\$&")}`))).toBeVisible();
  await expect(page.getByTestId("cart-count")).toHaveText("2");
});
