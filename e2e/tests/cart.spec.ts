import { expect, test } from "@playwright/test";

test("change a quantity and remove a line on the cart page; totals follow", async ({ page, request }) => {
  await page.goto("/");
  const cards = page.getByTestId("product-card").filter({ has: page.getByRole("button", { name: /^Add .* to cart$/ }) });
  await expect(cards.first()).toBeVisible();
  // Two products with stock for a quantity of 2, checked through the catalog API.
  const chosen: number[] = [];
  for (let i = 0; chosen.length < 2 && i < (await cards.count()); i++) {
    const href = (await cards.nth(i).getByRole("link").first().getAttribute("href"))!;
    const product = await (await request.get(`/api/catalog/products/${href.split("/").at(-1)}`)).json();
    if (product.variants[0].available >= 2) chosen.push(i);
  }
  expect(chosen).toHaveLength(2);
  for (const [n, index] of chosen.entries()) {
    await cards.nth(index).getByRole("button", { name: /^Add .* to cart$/ }).click();
    await expect(page.getByTestId("cart-count")).toHaveText(String(n + 1));
  }
  await page.getByRole("link", { name: /^Cart/ }).click();
  const lines = page.getByTestId("cart-line");
  await expect(lines).toHaveCount(2);
  const total = page.getByTestId("cart-total");
  const before = await total.textContent();

  const quantity = lines.first().getByRole("combobox", { name: /Quantity of/ });
  const options = await quantity.locator("option").count();
  expect(options).toBe(10);
  await quantity.selectOption("2");
  await expect(page.getByTestId("cart-count")).toHaveText("3");
  await expect(total).not.toHaveText(before!);

  await lines.nth(1).getByRole("button", { name: /^Remove / }).click();
  await expect(lines).toHaveCount(1);
  await expect(page.getByTestId("cart-count")).toHaveText("2");
  await expect(page.getByRole("status").filter({ hasText: /items, total/ })).toHaveText(/^2 items, total \$/);
});
