import fs from "node:fs";
import path from "node:path";
import { fileURLToPath } from "node:url";
import { type APIRequestContext, type ConsoleMessage, expect, type Locator, type Page } from "@playwright/test";
import { E2E_STACK } from "./stack";

export const ROOT = fileURLToPath(new URL("..", import.meta.url));
export const STATE_DIR = path.join(ROOT, E2E_STACK.env.SHOP_STATE_DIR);

/** Cents as the shop shows them. */
export const money = (cents: number) => new Intl.NumberFormat("en-US", { style: "currency", currency: "USD" }).format(cents / 100);

/** The header's cart: a link to the cart page until its code runs (on a page of islands), then a button that opens the drawer. */
export const miniCartButton = (page: Page) =>
  page.getByRole("button", { name: /^Cart, \d+ items?$/ }).or(page.getByRole("link", { name: /^Cart, \d+ items?$/ }));
/** A product's Add to cart button (its name says which product). */
export const addToCartButton = (scope: Page | Locator, productName: string) => scope.getByRole("button", { name: `Add to cart: ${productName}` });
export const miniCart = (page: Page) => page.getByRole("dialog", { name: "Your cart" });

/** Goes to the cart page the way a shopper does: through the mini-cart. */
export async function openCartPage(page: Page) {
  await miniCartButton(page).click();
  await miniCart(page).getByRole("link", { name: "View cart" }).click();
  await expect(page.getByRole("heading", { name: "Your cart", level: 1 })).toBeVisible();
}

export interface StockedVariant {
  slug: string;
  name: string;
  sku: string;
  available: number;
}

/** Products whose first variant has at least `minimum` units, found through the catalog API. */
export async function stockedVariants(request: APIRequestContext, count: number, minimum = 3): Promise<StockedVariant[]> {
  const listing = await (await request.get("/api/catalog/products?inStock=true&limit=48&sort=price_asc")).json();
  const found: StockedVariant[] = [];
  for (const item of listing.items as Array<{ slug: string }>) {
    const product = await (await request.get(`/api/catalog/products/${item.slug}`)).json();
    const variant = (product.variants as Array<{ sku: string; available: number }>).find((v) => v.available >= minimum);
    if (variant) found.push({ slug: item.slug, name: product.name, sku: variant.sku, available: variant.available });
    if (found.length === count) return found;
  }
  throw new Error(`fewer than ${count} products with ${minimum}+ units in stock`);
}

/** The operator's stock change, through the admin API (token from the e2e stack's state folder). */
export async function setStock(request: APIRequestContext, sku: string, available: number) {
  const token = fs.readFileSync(path.join(STATE_DIR, "admin-token"), "utf8").trim();
  const response = await request.put(`/api/admin/inventory/${sku}`, { data: { available }, headers: { Authorization: `Bearer ${token}` } });
  expect(response.status()).toBe(200);
}

/** Where the keyboard focus is, as a short description (never "body" in a shop that keeps it). */
export const focusedElement = (page: Page) =>
  page.evaluate(() => {
    const el = document.activeElement;
    if (!el || el === document.body) return "body";
    return `${el.tagName.toLowerCase()} ${(el.getAttribute("aria-label") ?? el.textContent ?? "").trim().slice(0, 60)}`;
  });

/** Presses Tab until `target` has the focus, failing if the focus ever falls to the page's body on the way. */
export async function tabTo(page: Page, target: Locator, most = 80) {
  for (let i = 0; i < most; i++) {
    if (await target.evaluate((el) => el === document.activeElement).catch(() => false)) return i;
    await page.keyboard.press("Tab");
    expect(await focusedElement(page), "the focus fell to the page").not.toBe("body");
  }
  throw new Error(`${most} Tabs did not reach ${target}`);
}

export const SHOPPER = { email: "grace@example.com", name: "Grace Hopper", line1: "1 Navy Way", city: "Arlington", state: "VA", postalCode: "22202" };

/** Checkout's first step, filled as a shopper types it. */
export async function fillCheckoutDetails(page: Page) {
  await page.getByLabel("Email").fill(SHOPPER.email);
  await page.getByLabel("Full name").fill(SHOPPER.name);
  await page.getByLabel("Street address").fill(SHOPPER.line1);
  await page.getByLabel("City").fill(SHOPPER.city);
  await page.getByLabel("State").selectOption(SHOPPER.state);
  await page.getByLabel("Postal code").fill(SHOPPER.postalCode);
}

export const stepHeading = (page: Page, name: string) => page.getByRole("heading", { name, level: 1 });

/** From a filled cart to the review step, paying with one of the local test methods. */
export async function checkoutUpToReview(page: Page, paymentMethod: RegExp, shipping = "Standard") {
  await page.goto("/checkout");
  await expect(stepHeading(page, "Contact and address")).toBeVisible();
  await fillCheckoutDetails(page);
  await page.getByRole("button", { name: "Continue to shipping" }).click();
  await expect(stepHeading(page, "Shipping method")).toBeFocused();
  await page.getByRole("radio", { name: new RegExp(`^${shipping}`) }).check();
  await page.getByRole("button", { name: "Continue to payment" }).click();
  await choosePayment(page, paymentMethod);
}

/** A guest buys `quantity` of a stocked product with the test card; answers the product and the order number. */
export async function guestBuys(page: Page, quantity = 1) {
  const [product] = await stockedVariants(page.request, 1, Math.max(3, quantity));
  await page.goto("/");
  expect((await page.request.post("/api/cart/items", { data: { sku: product!.sku, quantity } })).status()).toBe(200);
  await checkoutUpToReview(page, /ending 4242/);
  await page.getByRole("button", { name: /^Place order and pay/ }).click();
  await expect(stepHeading(page, "Thank you — your order is placed")).toBeVisible();
  return { product: product!, number: (await page.getByTestId("order-number").textContent())! };
}

export async function choosePayment(page: Page, paymentMethod: RegExp) {
  await expect(stepHeading(page, "Payment")).toBeVisible();
  await expect(page.getByTestId("reservation-clock")).toHaveText(/^1[45]:\d\d$/);
  await page.getByRole("radio", { name: paymentMethod }).check();
  await page.getByRole("button", { name: "Continue to review" }).click();
  await expect(stepHeading(page, "Review and pay")).toBeVisible();
}

/** Console errors and warnings a page raises, and uncaught errors (a hydration mismatch is one). */
export function watchConsole(page: Page) {
  const said: string[] = [];
  const keep = (message: ConsoleMessage) => {
    if (message.type() === "error" || message.type() === "warning") said.push(`${message.type()}: ${message.text()}`);
  };
  page.on("console", keep);
  page.on("pageerror", (error) => said.push(`uncaught: ${error.message}`));
  return said;
}
