import fs from "node:fs";
import path from "node:path";
import { expect, test } from "../fixtures";
import { STATE_DIR, setStock, stockedVariants, watchConsole } from "../shop";

test.describe("without JavaScript", () => {
  test.use({ javaScriptEnabled: false });

  test("a shopper browses home → category → filter → product → add to cart → cart", async ({ page, request }) => {
    await page.goto("/");
    await expect(page.getByRole("heading", { name: "Shop by category", level: 1 })).toBeVisible();
    await expect(page.getByRole("heading", { name: "Best rated" })).toBeVisible();
    await page.getByRole("link", { name: "Clothing", exact: true }).click();
    await expect(page.getByRole("heading", { name: "Clothing", level: 1 })).toBeVisible();

    // Filters and sort are a form: choose, then Apply.
    const filters = page.getByRole("complementary", { name: "Filters" });
    const brand = filters.getByRole("checkbox").first();
    const brandName = ((await brand.locator("xpath=..").textContent()) ?? "").replace(/\s*\(\d[\d,]*\)\s*$/, "").trim();
    await brand.check();
    await filters
      .getByRole("radio", { name: /\$25 to \$50|\$50 to \$100|Under \$25/ })
      .first()
      .check();
    await filters.getByRole("button", { name: "Apply filters" }).click();
    await expect(page).toHaveURL(/brand=.*price=/);
    const cards = page.getByTestId("product-card");
    await expect(cards.first()).toBeVisible();
    for (const card of await cards.all()) await expect(card).toContainText(brandName);
    await page.getByRole("combobox", { name: "Sort by" }).selectOption("price_asc");
    await page.getByRole("button", { name: "Sort", exact: true }).click();
    await expect(page).toHaveURL(/sort=price_asc/);
    await expect(page).toHaveURL(/brand=/);

    // A product with options: choose one, then add it.
    const [stocked] = await stockedVariants(request, 1);
    await page.goto(`/p/${stocked!.slug}`);
    await expect(page.getByRole("heading", { name: stocked!.name, level: 1 })).toBeVisible();
    const options = page.locator(".product__options fieldset");
    if ((await options.count()) > 0) {
      const choice = options.first().getByRole("radio").last();
      await choice.check();
      await page.getByRole("button", { name: "Show this choice" }).click();
      await expect(page).toHaveURL(/\?.+=/);
    }
    await page.getByRole("button", { name: `Add to cart: ${stocked!.name}` }).click();
    await expect(page.getByText("Added to your cart.")).toBeVisible();
    await expect(page.getByRole("link", { name: "Cart, 1 item" })).toBeVisible();

    await page.getByRole("link", { name: "Cart, 1 item" }).click();
    await expect(page.getByRole("heading", { name: "Your cart", level: 1 })).toBeVisible();
    await expect(page.getByTestId("cart-line")).toHaveCount(1);
    await expect(page.getByTestId("cart-line")).toContainText(stocked!.name);
    // The quantity changes and the line goes, each a form.
    await page.getByRole("combobox", { name: `Quantity of ${stocked!.name}` }).selectOption("2");
    await page.getByRole("button", { name: `Update the quantity of ${stocked!.name}` }).click();
    await expect(page.getByRole("link", { name: "Cart, 2 items" })).toBeVisible();
    await page.getByRole("button", { name: `Remove ${stocked!.name}` }).click();
    await expect(page.getByText("Your cart is empty.")).toBeVisible();

    // Search from the header.
    await page.getByRole("combobox", { name: "Search products" }).fill("jacket");
    await page.getByRole("combobox", { name: "Search products" }).press("Enter");
    await expect(page.getByRole("heading", { name: "Results for “jacket”", level: 1 })).toBeVisible();
    await expect(page.getByTestId("product-card").first()).toBeVisible();
  });

  test("the cart's coupon and the stock's refusals work as forms, each said where it happened", async ({ page, request }) => {
    const [product] = await stockedVariants(request, 1, 5);
    await page.goto("/");
    expect((await page.request.post("/api/cart/items", { data: { sku: product!.sku, quantity: 1 } })).status()).toBe(200);
    await page.goto("/cart");
    const field = page.getByLabel("Coupon code");
    await field.fill("nosuchcode");
    await page.getByRole("button", { name: "Apply" }).click();
    await expect(page.getByText("NOSUCHCODE can't be used: it may be mistyped, expired or used up.")).toBeVisible();
    await page.getByLabel("Coupon code").fill("welcome10");
    await page.getByRole("button", { name: "Apply" }).click();
    await expect(page.getByTestId("coupon-state")).toContainText("WELCOME10: 10% off your order");
    await expect(page.getByTestId("cart-discount")).toBeVisible();
    await page.getByRole("button", { name: "Remove coupon WELCOME10" }).click();
    await expect(page.getByTestId("cart-discount")).toHaveCount(0);
    await expect(page.getByLabel("Coupon code")).toBeVisible();
    try {
      // The stock falls while the page is open: a larger quantity is refused on its line.
      await setStock(request, product!.sku, 2);
      await page.getByRole("combobox", { name: `Quantity of ${product!.name}` }).selectOption("4");
      await page.getByRole("button", { name: `Update the quantity of ${product!.name}` }).click();
      await expect(page.getByTestId("cart-line").getByText("Only 2 left.")).toBeVisible();
      // And so on the product page, beside its button.
      await page.goto(`/p/${product!.slug}?sku=${product!.sku}`);
      await page.getByRole("combobox", { name: "Quantity" }).selectOption("2");
      await page.getByRole("button", { name: `Add to cart: ${product!.name}` }).click();
      await expect(page.locator(".product__buy").getByText("Only 2 left.")).toBeVisible();
    } finally {
      await setStock(request, product!.sku, product!.available);
    }
  });

  test("a sold-out variant's restock form works as a form, and says so on the page", async ({ page, request }) => {
    const [product] = await stockedVariants(request, 1, 1);
    await setStock(request, product!.sku, 0);
    try {
      const email = `no-js.${Date.now().toString(36)}@example.com`;
      await page.goto(`/p/${product!.slug}?sku=${product!.sku}`);
      const form = page.getByRole("form", { name: /Sold out — get one email when/ });
      await form.getByLabel("Your email").fill(email);
      await form.getByRole("button", { name: "Email me when it is back" }).click();
      await expect(page.getByRole("status").filter({ hasText: `We will email ${email} once` })).toBeVisible();
    } finally {
      await setStock(request, product!.sku, product!.available);
    }
  });

  test("checkout and the account say plainly that they need JavaScript, and what works without it", async ({ page }) => {
    for (const [path, label] of [
      ["/checkout", "Checkout"],
      ["/account", "Your account"],
    ] as const) {
      await page.goto(path);
      // A <noscript> message (Playwright's text search skips <noscript>, so it is found by its box).
      const message = page.locator("main .notice--error");
      await expect(message).toBeVisible();
      await expect(message).toContainText(`${label} needs JavaScript.`);
      await expect(page.getByRole("main").getByRole("link", { name: "back to the shop" })).toBeVisible();
    }
  });

  test("after the Worker restarts (its caches and isolates gone), every load of a page still holds the page", async ({ page }) => {
    const edgePid = () => fs.readFileSync(path.join(STATE_DIR, "edge.pid"), "utf8");
    const before = edgePid();
    process.kill(Number(fs.readFileSync(path.join(STATE_DIR, "stack.pid"), "utf8")), "SIGUSR2");
    await expect.poll(edgePid, { timeout: 60_000 }).not.toBe(before);
    for (let load = 0; load < 3; load++) {
      const response = await page.goto("/");
      expect(response!.headers()["x-edge-render"]).not.toBe("partial");
      await expect(page.getByRole("heading", { name: "Shop by category", level: 1 })).toBeVisible();
      expect(await page.locator('main a[href^="/p/"]').count()).toBeGreaterThan(5);
    }
  });
});

test("with JavaScript, every page hydrates the edge's HTML: no console error, no hydration warning, the same nodes", async ({ page, request }) => {
  const said = watchConsole(page);
  // The main heading and the first widget of another remote inside the page (an Add to cart form) as
  // the edge sent them, kept from before any script ran.
  await page.addInitScript(() => {
    document.addEventListener("DOMContentLoaded", () => {
      const kept = window as unknown as { __edgeNodes?: Array<Element | null> };
      kept.__edgeNodes = [document.querySelector("main h1"), document.querySelector("main form.add-to-cart")];
    });
  });
  const [stocked] = await stockedVariants(request, 1);
  const pages: Array<[string, string | RegExp]> = [
    ["/", "Shop by category"],
    ["/c/clothing", "Clothing"],
    ["/c/clothing?brand=&sort=price_desc&page=2", "Clothing"],
    ["/search?q=jacket", "Results for “jacket”"],
    [`/p/${stocked!.slug}`, stocked!.name],
    ["/cart", "Your cart"],
  ];
  for (const [path, heading] of pages) {
    await page.goto(path);
    await expect(page.getByRole("heading", { name: heading, level: 1 })).toBeVisible();
    const same = await page.evaluate(() => {
      const [heading, widget] = (window as unknown as { __edgeNodes: Array<Element | null> }).__edgeNodes;
      return {
        heading: Boolean(heading?.isConnected && heading === document.querySelector("main h1")),
        widget: widget ? widget.isConnected && widget === document.querySelector("main form.add-to-cart") : "none",
      };
    });
    expect(same.heading, `${path}: the heading the edge rendered is the one on the page (hydrated, not rendered again)`).toBe(true);
    expect(same.widget, `${path}: so is the first widget of another remote inside the page`).not.toBe(false);
  }
  // Pages the browser renders (checkout, account) and a 404 have the edge's header and no errors either.
  for (const path of ["/checkout", "/account"]) {
    await page.goto(path);
    await expect(page.getByRole("heading", { level: 1 })).toBeVisible();
  }
  expect(said).toEqual([]);
});

test("with JavaScript, interactions work on an edge-rendered page as soon as it is live", async ({ page, request }) => {
  const [stocked] = await stockedVariants(request, 1);
  await page.goto(`/p/${stocked!.slug}`);
  await page.getByRole("button", { name: `Add to cart: ${stocked!.name}` }).click();
  // In the page, not a form post: the mini-cart opens with the line.
  await expect(page.getByRole("dialog", { name: "Your cart" })).toBeVisible();
  await expect(page).toHaveURL(new RegExp(`/p/${stocked!.slug}$`));
});
