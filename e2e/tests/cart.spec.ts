import fs from "node:fs";
import path from "node:path";
import type { Page } from "@playwright/test";
import { expect, test } from "../fixtures";
import { addToCartButton, miniCart, miniCartButton, money, openCartPage, STATE_DIR, setStock, stockedVariants } from "../shop";

const cents = (text: string | null) => Math.round(Number(text!.replace(/[^0-9.]/g, "")) * 100);

/** Adds through the API with the page's own cookies (the same browser session). */
async function addThroughApi(page: Page, sku: string, quantity: number) {
  const response = await page.request.post("/api/cart/items", { data: { sku, quantity } });
  expect(response.status(), await response.text()).toBe(200);
}

test("add from a product page with a quantity, see the mini-cart, close it with the keyboard", async ({ page, request }) => {
  const [product] = await stockedVariants(request, 1, 3);
  await page.goto(`/p/${product!.slug}`);
  await expect(page.getByRole("heading", { name: product!.name, level: 1 })).toBeVisible();
  await page.getByLabel("Quantity", { exact: true }).selectOption("2");
  await addToCartButton(page, product!.name).click();

  const drawer = miniCart(page);
  await expect(drawer).toBeVisible();
  const line = drawer.getByTestId("mini-cart-line");
  await expect(line).toHaveCount(1);
  await expect(line).toContainText(product!.name);
  await expect(line.getByRole("combobox", { name: /Quantity of/ })).toHaveValue("2");
  await expect(drawer.getByTestId("cart-total")).toHaveText(/^\$/);
  await expect(drawer.getByRole("link", { name: "Checkout" })).toHaveAttribute("href", "/checkout");
  await expect(page.getByTestId("cart-announcer")).toHaveText(/^Cart updated: 2 items, total \$/);

  // Escape closes the drawer and gives focus back to where it was.
  await page.keyboard.press("Escape");
  await expect(drawer).toBeHidden();
  await expect(addToCartButton(page, product!.name)).toBeFocused();
  await expect(miniCartButton(page)).toHaveAccessibleName("Cart, 2 items");
  // The keyboard opens it from the header, with focus inside, and closes it back to the button.
  await miniCartButton(page).focus();
  await page.keyboard.press("Enter");
  await expect(drawer).toBeVisible();
  await expect(drawer.getByRole("button", { name: "Close cart" })).toBeFocused();
  await page.keyboard.press("Escape");
  await expect(miniCartButton(page)).toBeFocused();
});

test("a page the edge rendered never asks for the cart: its widgets start from the cart the edge rendered", async ({ page, request }) => {
  const cartReads: string[] = [];
  page.on("request", (r) => {
    if (r.method() === "GET" && new URL(r.url()).pathname === "/api/cart") cartReads.push(r.url());
  });
  const [product] = await stockedVariants(request, 1, 1);
  await addThroughApi(page, product!.sku, 1);
  await page.goto("/");
  await expect(miniCartButton(page)).toHaveAccessibleName("Cart, 1 item");
  await page.waitForLoadState("networkidle");
  expect(cartReads).toEqual([]);
  // Checkout renders in the browser: its summary shows the cart the header was rendered with.
  await page.goto("/checkout");
  await expect(page.getByRole("heading", { name: "Order summary" })).toBeVisible();
  await page.waitForLoadState("networkidle");
  expect(cartReads).toEqual([]);
});

test("change a quantity and remove a line on the cart page; totals follow", async ({ page, request }) => {
  // Enough stock that the menu offers the whole per-line limit (10), whatever earlier tests bought.
  const products = await stockedVariants(request, 2, 10);
  await page.goto("/");
  for (const product of products) await addThroughApi(page, product.sku, 1);
  await page.reload();
  await expect(page.getByTestId("cart-count")).toHaveText("2");
  await openCartPage(page);
  const lines = page.getByTestId("cart-line");
  await expect(lines).toHaveCount(2);
  const total = page.getByTestId("cart-total");
  const before = await total.textContent();

  const quantity = lines.first().getByRole("combobox", { name: /Quantity of/ });
  expect(await quantity.locator("option").count()).toBe(10);
  await quantity.selectOption("2");
  await expect(page.getByTestId("cart-count")).toHaveText("3");
  await expect(total).not.toHaveText(before!);

  await lines
    .nth(1)
    .getByRole("button", { name: /^Remove / })
    .click();
  await expect(lines).toHaveCount(1);
  await expect(page.getByTestId("cart-count")).toHaveText("2");
  await expect(page.getByTestId("cart-announcer")).toHaveText(/^Cart updated: 2 items, total \$/);

  await lines
    .first()
    .getByRole("button", { name: /^Remove / })
    .click();
  await expect(page.getByText("Your cart is empty.")).toBeVisible();
  await page.getByRole("link", { name: "Continue shopping" }).click();
  await expect(page.getByRole("heading", { name: "Shop by category" })).toBeVisible();
});

test("a change the server refuses shows at once, then rolls back with the reason on its line; the menu offers only what is left", async ({ page, request }) => {
  const [product] = await stockedVariants(request, 1, 5);
  await page.goto("/");
  await addThroughApi(page, product!.sku, 1);
  try {
    await page.goto("/cart");
    const line = page.getByTestId("cart-line");
    const quantity = line.getByRole("combobox", { name: /Quantity of/ });
    await expect(quantity).toHaveValue("1");
    // Meanwhile, others buy all but two.
    await setStock(request, product!.sku, 2);
    // Hold the request on its way to the server, to see the change shown before the answer.
    let release!: () => void;
    const held = new Promise<void>((resolve) => (release = resolve));
    await page.route("**/api/cart/items/**", async (route) => {
      await held;
      await route.continue();
    });
    await quantity.selectOption("5");
    await expect(page.getByTestId("cart-count")).toHaveText("5");
    await expect(page.getByTestId("cart-subtotal").locator("xpath=..")).toHaveAttribute("aria-busy", "true");
    release();
    // The refusal is said on the line that was changed, not at the top of the page.
    await expect(line.getByText("Only 2 left.")).toBeVisible();
    await expect(page.locator(".cart-lines").locator("xpath=preceding-sibling::p[contains(@class, 'form-error')]")).toHaveCount(0);
    await expect(quantity).toHaveValue("1");
    await expect(page.getByTestId("cart-count")).toHaveText("1");
    await expect(page.getByTestId("cart-announcer")).toHaveText("Only 2 left.");
    // The cart now knows what is left: its menu offers no more.
    await page.reload();
    await expect(quantity.locator("option")).toHaveText(["1", "2"]);
  } finally {
    await setStock(request, product!.sku, product!.available);
  }
});

test("coupons: refused ones say so, a valid one takes money off, and it can be removed", async ({ page, request }) => {
  const [product] = await stockedVariants(request, 1, 3);
  await page.goto("/");
  await addThroughApi(page, product!.sku, 2);
  await page.goto("/cart");
  const field = page.getByLabel("Coupon code");
  const apply = page.getByRole("button", { name: "Apply" });
  const total = page.getByTestId("cart-total");
  const before = cents(await total.textContent());

  for (const [code, reason] of [
    // Unknown, expired and used-up codes answer alike, so guessing codes learns nothing.
    ["nosuchcode", "NOSUCHCODE can't be used: it may be mistyped, expired or used up."],
    ["SUMMER25", "SUMMER25 can't be used: it may be mistyped, expired or used up."],
    ["FIRST100", "FIRST100 can't be used: it may be mistyped, expired or used up."],
    ["AUDIO20", "AUDIO20 applies to Audio items, and there are none in your cart"],
  ] as const) {
    await field.fill(code);
    await apply.click();
    await expect(page.getByRole("alert")).toContainText(reason);
    await expect(field).toHaveAttribute("aria-invalid", "true");
  }
  await expect(page.getByTestId("cart-discount")).toHaveCount(0);

  await field.fill("welcome10");
  await field.press("Enter");
  // The form gives way to the coupon, and the focus goes with it.
  await expect(page.getByTestId("coupon-state")).toContainText("WELCOME10: 10% off your order");
  await expect(page.getByTestId("coupon-state")).toBeFocused();
  const subtotal = cents(await page.getByTestId("cart-subtotal").textContent());
  await expect(page.getByTestId("cart-discount")).toHaveText(`−${money(Math.round(subtotal / 10))}`);
  expect(cents(await total.textContent())).toBeLessThan(before);

  await page.getByRole("button", { name: "Remove coupon WELCOME10" }).click();
  await expect(page.getByTestId("cart-discount")).toHaveCount(0);
  await expect(total).toHaveText(money(before));
  await expect(field).toBeFocused();
});

test("two tabs of one browser stay in sync", async ({ context, request }) => {
  const [first, second] = await stockedVariants(request, 2, 3);
  const tabA = await context.newPage();
  await tabA.goto(`/p/${first!.slug}`);
  await addToCartButton(tabA, first!.name).click();
  await expect(miniCart(tabA)).toBeVisible();

  const tabB = await context.newPage();
  await tabB.goto("/cart");
  await expect(tabB.getByTestId("cart-line")).toHaveCount(1);

  // A change in B reaches A's mini-cart…
  await tabB
    .getByTestId("cart-line")
    .getByRole("combobox", { name: /Quantity of/ })
    .selectOption("3");
  await expect(tabA.getByTestId("cart-count")).toHaveText("3");
  await expect(miniCart(tabA).getByTestId("mini-cart-line").getByRole("combobox")).toHaveValue("3");
  // …and one in A reaches B's cart page.
  await tabA.getByRole("button", { name: "Close cart" }).click();
  await tabA.goto(`/p/${second!.slug}`);
  await addToCartButton(tabA, second!.name).click();
  await expect(tabB.getByTestId("cart-line")).toHaveCount(2);
  await expect(tabB.getByTestId("cart-count")).toHaveText("4");
});

test("a tab opened before the cart existed hears the other tab's add", async ({ context, request }) => {
  const [product] = await stockedVariants(request, 1, 3);
  const early = await context.newPage();
  await early.goto("/");
  await expect(early.getByTestId("cart-count")).toHaveText("0");
  const tab = await context.newPage();
  await tab.goto(`/p/${product!.slug}`);
  await addToCartButton(tab, product!.name).click();
  await expect(tab.getByTestId("cart-count")).toHaveText("1");
  // The early tab was never hidden and shown again: it hears of the cart at once.
  await expect(early.getByTestId("cart-count")).toHaveText("1");
  // …and from then on follows it live.
  await tab
    .getByRole("dialog", { name: "Your cart" })
    .getByRole("combobox", { name: /Quantity of/ })
    .selectOption("2");
  await expect(early.getByTestId("cart-count")).toHaveText("2");
});

test("the cart survives stopping and restarting the Worker", async ({ page, request }) => {
  const [product] = await stockedVariants(request, 1, 3);
  await page.goto("/");
  await addThroughApi(page, product!.sku, 2);
  await page.reload();
  await expect(page.getByTestId("cart-count")).toHaveText("2");

  const edgePid = () => fs.readFileSync(path.join(STATE_DIR, "edge.pid"), "utf8");
  const before = edgePid();
  process.kill(Number(fs.readFileSync(path.join(STATE_DIR, "stack.pid"), "utf8")), "SIGUSR2");
  await expect.poll(edgePid, { timeout: 60_000 }).not.toBe(before);

  await page.reload();
  await expect(page.getByTestId("cart-count")).toHaveText("2");
  await openCartPage(page);
  await expect(page.getByTestId("cart-line")).toContainText(product!.name);
});

test("the cart's styles dress only the cart: a busy paragraph of another remote keeps its full contrast", async ({ page }) => {
  await page.goto("/cart");
  await expect(page.getByRole("heading", { name: "Your cart", level: 1 })).toBeVisible();
  const opacity = await page.evaluate(() => {
    const elsewhere = document.createElement("p");
    elsewhere.setAttribute("aria-busy", "true");
    elsewhere.textContent = "Loading the order…";
    document.querySelector("footer")!.append(elsewhere);
    return getComputedStyle(elsewhere).opacity;
  });
  expect(opacity).toBe("1");
});
