import { expectAccessibleAtBothSizes } from "../accessibility";
import { expect, test } from "../fixtures";
import { stockedVariants } from "../shop";

// Suggestions: the cart page offers what goes with its lines (the catalog's widget in the cart's
// page), never what the cart holds; product pages remember what this browser looked at.

test("the cart suggests what goes with it; adding one puts it in the cart and off the suggestions; product pages show what this browser viewed", async ({
  page,
}) => {
  const [first, second] = await stockedVariants(page.request, 2);
  // A product counts as viewed once the shopper looks at it: its buying part touched, or the page read to its end.
  await page.goto(`/p/${second!.slug}`);
  await page.locator(".product__buy").hover();
  await expect(page.locator('shop-island[data-module="catalog/ProductBuying"]')).toHaveAttribute("data-island", "live");
  await page.goto(`/p/${first!.slug}`);
  await page.locator(".recently-viewed-area").scrollIntoViewIfNeeded();
  await expect(page.getByTestId("recently-viewed")).toContainText(second!.name);
  await expect(page.getByTestId("recently-viewed")).not.toContainText(first!.name);

  expect((await page.request.post("/api/cart/items", { data: { sku: first!.sku, quantity: 1 } })).status()).toBe(200);
  await page.goto("/cart");
  const shelf = page.getByTestId("bought-together");
  await expect(shelf.getByRole("heading", { name: "Frequently bought together" })).toBeVisible();
  await expect(shelf).not.toContainText(first!.name);
  const add = shelf.getByRole("button", { name: /^Add to cart: / }).first();
  const name = (await add.getAttribute("aria-label"))!.replace("Add to cart: ", "");
  await add.click();
  await expect(page.getByTestId("cart-line").filter({ hasText: name })).toBeVisible();
  await expect(shelf.getByRole("button", { name: `Add to cart: ${name}` })).toHaveCount(0);
  await expectAccessibleAtBothSizes(page, "the cart with suggestions");
});
