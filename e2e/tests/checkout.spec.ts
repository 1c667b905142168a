import type { Page } from "@playwright/test";
import { expectAccessible, expectNoSidewaysScroll, VIEWPORTS } from "../accessibility";
import { expect, test } from "../fixtures";
import { checkoutUpToReview, choosePayment, fillCheckoutDetails, money, SHOPPER, stepHeading, stockedVariants, tabTo } from "../shop";

const cents = (text: string | null) => Math.round(Number(text!.replace(/[^0-9.]/g, "")) * 100);

/** Two products in the cart, added with the page's own cookies; returns their names and the cart's totals. */
async function fillCart(page: Page) {
  const products = await stockedVariants(page.request, 2, 3);
  await page.goto("/");
  for (const p of products) expect((await page.request.post("/api/cart/items", { data: { sku: p.sku, quantity: 1 } })).status()).toBe(200);
  const cart = await (await page.request.get("/api/cart")).json();
  return { names: products.map((p) => p.name), cart };
}

const placeOrder = (page: Page) => page.getByRole("button", { name: /^Place order and pay/ }).click();

/** The page's heading is on the screen below the sticky header, not under it. */
async function expectBelowHeader(page: Page, name: string) {
  const header = (await page.locator(".shop-header").boundingBox())!;
  const heading = (await stepHeading(page, name).boundingBox())!;
  expect(heading.y, `${name} under the header`).toBeGreaterThanOrEqual(header.y + header.height);
}

test("a guest buys two products with a card and sees the confirmation; the order page opens from its link", async ({ page }) => {
  const { names, cart } = await fillCart(page);
  await page.goto("/checkout");
  await expect(stepHeading(page, "Contact and address")).toBeVisible();
  // The cart's own totals, to the cent, beside the first step.
  await expect(page.getByTestId("cart-subtotal")).toHaveText(money(cart.subtotal.amount));
  await expect(page.getByTestId("cart-total")).toHaveText(money(cart.total.amount));
  await expectAccessible(page, "checkout details");

  // Submitting empty: every problem is named beside its field and the focus goes to the first.
  await page.getByRole("button", { name: "Continue to shipping" }).click();
  await expect(page.getByRole("alert").filter({ hasText: /problems with your details/ })).toBeVisible();
  await expect(page.getByLabel("Email")).toBeFocused();
  await expect(page.getByLabel("Email")).toHaveAttribute("aria-invalid", "true");
  await expect(page.getByText("Enter the street address")).toBeVisible();
  await page.getByLabel("Postal code").fill("123");
  await page.getByLabel("Postal code").blur();
  await expect(page.getByText("Enter a United States postal code, e.g. 94107 or 94107-1234")).toBeVisible();
  await expectAccessible(page, "checkout details with errors");
  await fillCheckoutDetails(page);
  await expect(page.getByText("Enter a United States postal code")).toBeHidden();
  await page.getByRole("button", { name: "Continue to shipping" }).click();

  await expect(stepHeading(page, "Shipping method")).toBeFocused();
  await expectBelowHeader(page, "Shipping method");
  await expect(page.getByRole("radio", { name: /^Express/ })).toBeVisible();
  await expectAccessible(page, "checkout shipping");
  await page.getByRole("radio", { name: /^Express/ }).check();
  // The summary beside it prices what was chosen: Express, and Virginia's tax, as checkout will charge.
  const discounted = cart.subtotal.amount - cart.discount.amount;
  const virginiaTax = Math.round((discounted * 600) / 10_000);
  await expect(page.getByText("Shipping (Express)")).toBeVisible();
  await expect(page.getByTestId("cart-shipping")).toHaveText(money(1499));
  await expect(page.getByTestId("cart-tax")).toHaveText(money(virginiaTax));
  await expect(page.getByTestId("cart-total")).toHaveText(money(discounted + 1499 + virginiaTax));
  await page.getByRole("button", { name: "Continue to payment" }).click();
  await choosePayment(page, /ending 4242/);
  await expectAccessible(page, "checkout review");

  // Review: the server's totals for Virginia with express shipping.
  await expect(page.getByTestId("checkout-subtotal")).toHaveText(money(cart.subtotal.amount));
  await expect(page.getByTestId("checkout-shipping")).toHaveText(money(1499));
  const tax = cents(await page.getByTestId("checkout-tax").textContent());
  expect(tax).toBe(Math.round(((cart.subtotal.amount - cart.discount.amount) * 600) / 10_000));
  await expect(page.getByTestId("checkout-total")).toHaveText(money(cart.subtotal.amount - cart.discount.amount + 1499 + tax));
  await placeOrder(page);

  await expect(stepHeading(page, "Thank you — your order is placed")).toBeVisible();
  await expectBelowHeader(page, "Thank you — your order is placed");
  const number = await page.getByTestId("order-number").textContent();
  expect(number).toMatch(/^ORD-\d{8}-[0-9A-Z]{6}$/);
  for (const name of names) await expect(page.getByText(`1 × ${name}`)).toBeVisible();
  await expect(page.getByText(SHOPPER.line1)).toBeVisible();
  await expect(page.getByTestId("cart-count")).toHaveText("0");
  await expectAccessible(page, "order confirmation");

  await page.getByRole("link", { name: "View or bookmark your order page" }).click();
  await expect(stepHeading(page, `Order ${number}`)).toBeVisible();
  await expect(page.getByTestId("order-status")).toHaveText("Paid — being prepared");
  const link = page.url();
  // The guest reopens it later from the link, in a new browser.
  const later = await page.context().browser()!.newPage();
  await later.goto(link);
  await expect(later.getByTestId("order-status")).toHaveText("Paid — being prepared");
  await later.goto(link.replace(/token=[^&]+/, "token=wrong"));
  await expect(later.getByText("We can't find this order")).toBeVisible();
  await later.close();
});

test("a declined card says so and keeps the items; another card then pays", async ({ page }) => {
  await fillCart(page);
  await checkoutUpToReview(page, /ending 0002/);
  await placeOrder(page);
  await expect(stepHeading(page, "Payment")).toBeVisible();
  const alert = page.getByRole("alert").filter({ hasText: "Payment not taken." });
  await expect(alert).toContainText("Your card was declined. Try another card or payment method.");
  await expect(alert).toBeFocused();
  await expect(page.getByTestId("reservation-clock")).toBeVisible();
  await page.getByRole("radio", { name: /ending 4242/ }).check();
  await page.getByRole("button", { name: "Continue to review" }).click();
  await placeOrder(page);
  await expect(page.getByTestId("order-number")).toHaveText(/^ORD-/);
});

test("a payment that takes a moment to clear says so, then the confirmation follows", async ({ page }) => {
  await fillCart(page);
  await checkoutUpToReview(page, /bank debit/);
  await placeOrder(page);
  await expect(page.getByText("Your bank is still processing the payment; this page moves on when it clears.")).toBeVisible();
  await expect(stepHeading(page, "Thank you — your order is placed")).toBeVisible({ timeout: 15_000 });
  await expect(page.getByTestId("order-number")).toHaveText(/^ORD-/);
});

test("3-D Secure: failing on the bank's page brings the shopper back to try again; approving places the order", async ({ page }) => {
  await fillCart(page);
  await checkoutUpToReview(page, /3-D Secure/);
  await placeOrder(page);
  await expect(page.getByRole("heading", { name: "Confirm your payment" })).toBeVisible();
  await page.getByRole("button", { name: "Fail authentication" }).click();
  await expect(stepHeading(page, "Payment")).toBeVisible();
  await expect(page.getByRole("alert").filter({ hasText: "Payment not taken." })).toContainText("Your bank could not confirm this payment");
  await page.getByRole("button", { name: "Continue to review" }).click();
  await placeOrder(page);
  await page.getByRole("button", { name: "Complete authentication" }).click();
  await expect(page.getByTestId("order-number")).toHaveText(/^ORD-/);
});

test("back, forward and reload mid-checkout keep the shopper's step, details and held items", async ({ page }) => {
  await fillCart(page);
  await checkoutUpToReview(page, /ending 4242/);
  const checkoutId = await page.evaluate(() => JSON.parse(sessionStorage.getItem("shop-checkout")!).state.checkout.id);
  await page.goBack();
  await expect(stepHeading(page, "Payment")).toBeVisible();
  await page.goBack();
  await expect(stepHeading(page, "Shipping method")).toBeVisible();
  await page.goBack();
  await expect(stepHeading(page, "Contact and address")).toBeVisible();
  await expect(page.getByLabel("Email")).toHaveValue(SHOPPER.email);
  await page.goForward();
  await page.goForward();
  await expect(stepHeading(page, "Payment")).toBeVisible();
  await page.reload();
  await expect(stepHeading(page, "Payment")).toBeVisible();
  await expect(page.getByTestId("reservation-clock")).toHaveText(/^1[45]:\d\d$/);
  await page.goForward();
  await expect(stepHeading(page, "Review and pay")).toBeVisible();
  await page.reload();
  await expect(stepHeading(page, "Review and pay")).toBeVisible();
  // The same hold throughout: nothing was started twice.
  expect(await page.evaluate(() => JSON.parse(sessionStorage.getItem("shop-checkout")!).state.checkout.id)).toBe(checkoutId);
  await placeOrder(page);
  await expect(page.getByTestId("order-number")).toHaveText(/^ORD-/);
});

test("checkout on a phone: every step, the confirmation and the order page fit, with no serious axe violation", async ({ page }) => {
  await page.setViewportSize(VIEWPORTS.phone);
  await fillCart(page);
  await page.goto("/checkout");
  await expect(stepHeading(page, "Contact and address")).toBeVisible();
  await expectNoSidewaysScroll(page, "checkout details (phone)");
  await expectAccessible(page, "checkout details (phone)");
  await fillCheckoutDetails(page);
  await page.getByRole("button", { name: "Continue to shipping" }).click();
  await expect(stepHeading(page, "Shipping method")).toBeVisible();
  await expectNoSidewaysScroll(page, "checkout shipping (phone)");
  await page.getByRole("button", { name: "Continue to payment" }).click();
  await expect(page.getByTestId("reservation-clock")).toBeVisible();
  await expectNoSidewaysScroll(page, "checkout payment (phone)");
  await expectAccessible(page, "checkout payment (phone)");
  await page.getByRole("button", { name: "Continue to review" }).click();
  await expect(stepHeading(page, "Review and pay")).toBeVisible();
  await expectNoSidewaysScroll(page, "checkout review (phone)");
  await expectAccessible(page, "checkout review (phone)");
  await placeOrder(page);
  await expect(stepHeading(page, "Thank you — your order is placed")).toBeVisible();
  await expectBelowHeader(page, "Thank you — your order is placed");
  await expectNoSidewaysScroll(page, "order confirmation (phone)");
  await expectAccessible(page, "order confirmation (phone)");
  await page.getByRole("link", { name: "View or bookmark your order page" }).click();
  await expect(page.getByTestId("order-status")).toBeVisible();
  await expectNoSidewaysScroll(page, "order page (phone)");
  await expectAccessible(page, "order page (phone)");
});

test("a keyboard-only shopper checks out: fields, radios and buttons by keyboard, focus never lost", async ({ page }) => {
  await fillCart(page);
  await page.goto("/checkout");
  await expect(stepHeading(page, "Contact and address")).toBeVisible();
  await tabTo(page, page.getByLabel("Email"));
  await page.keyboard.type(SHOPPER.email);
  for (const [label, value] of [
    ["Full name", SHOPPER.name],
    ["Street address", SHOPPER.line1],
  ] as const) {
    await tabTo(page, page.getByLabel(label));
    await page.keyboard.type(value);
  }
  await tabTo(page, page.getByLabel("City"));
  await page.keyboard.type(SHOPPER.city);
  await tabTo(page, page.getByLabel("State"));
  await page.getByLabel("State").selectOption(SHOPPER.state); // a native select: the keyboard opens and picks as the platform does
  await tabTo(page, page.getByLabel("Postal code"));
  await page.keyboard.type(SHOPPER.postalCode);
  await tabTo(page, page.getByRole("button", { name: "Continue to shipping" }));
  await page.keyboard.press("Enter");
  await expect(stepHeading(page, "Shipping method")).toBeFocused();
  await tabTo(page, page.getByRole("radio", { name: /^Standard/ }));
  await page.keyboard.press("ArrowDown");
  await expect(page.getByRole("radio", { name: /^Express/ })).toBeChecked();
  await tabTo(page, page.getByRole("button", { name: "Continue to payment" }));
  await page.keyboard.press("Enter");
  await expect(stepHeading(page, "Payment")).toBeFocused();
  await tabTo(page, page.getByRole("button", { name: "Continue to review" }));
  await page.keyboard.press("Enter");
  await expect(stepHeading(page, "Review and pay")).toBeFocused();
  await tabTo(page, page.getByRole("button", { name: /^Place order and pay/ }));
  await page.keyboard.press("Enter");
  await expect(page.getByTestId("order-number")).toHaveText(/^ORD-/);
  await expect(stepHeading(page, "Thank you — your order is placed")).toBeFocused();
});
