import fs from "node:fs";
import type { Page } from "@playwright/test";
import { expectAccessible, expectNoSidewaysScroll, VIEWPORTS } from "../accessibility";
import { expect, test } from "../fixtures";
import { choosePayment, fillCheckoutDetails, miniCartButton, stepHeading, stockedVariants, tabTo } from "../shop";
import { E2E_STACK } from "../stack";

const PASSWORD = "a long and unusual passphrase";

/** Chromium's virtual authenticator: a platform passkey that always verifies the user. */
async function addVirtualAuthenticator(page: Page) {
  const cdp = await page.context().newCDPSession(page);
  await cdp.send("WebAuthn.enable");
  await cdp.send("WebAuthn.addVirtualAuthenticator", {
    options: {
      protocol: "ctap2",
      transport: "internal",
      hasResidentKey: true,
      hasUserVerification: true,
      isUserVerified: true,
      automaticPresenceSimulation: true,
    },
  });
}

const heading = (page: Page, name: string | RegExp) => page.getByRole("heading", { name, level: 1 });

async function openAccountMenu(page: Page, firstName: string) {
  await page.getByRole("button", { name: `Account of ${firstName}` }).click();
}

test("a shopper's whole account: register keeping the cart, buy with a saved address, history and reorder, wishlist, passkey, export, deletion", async ({
  page,
}) => {
  test.setTimeout(180_000);
  await page.setViewportSize(VIEWPORTS.desktop);
  await addVirtualAuthenticator(page);
  const [product, wished] = await stockedVariants(page.request, 2, 5);
  const email = `ada.${Date.now()}@example.com`;

  // A guest's cart…
  await page.goto("/");
  expect((await page.request.post("/api/cart/items", { data: { sku: product!.sku, quantity: 2 } })).status()).toBe(200);
  await page.reload();
  await expect(miniCartButton(page)).toHaveAccessibleName("Cart, 2 items");

  // …kept through registration.
  // From home (a page of islands) the account is a new document.
  await page.getByRole("link", { name: "Sign in", exact: true }).click();
  await expect(heading(page, "Sign in")).toBeVisible();
  await expectAccessible(page, "sign-in page");
  await page.getByRole("link", { name: "Create an account" }).click();
  await page.getByLabel("Name").fill("Ada Lovelace");
  await page.getByLabel("Email").fill(email);
  await page.getByLabel("Password").fill("password");
  await page.getByRole("button", { name: "Create account" }).click();
  await expect(page.getByRole("alert").filter({ hasText: /most common/ })).toBeVisible();
  await page.getByLabel("Password").fill(PASSWORD);
  await page.getByRole("button", { name: "Create account" }).click();
  await expect(heading(page, "Hello, Ada Lovelace")).toBeVisible();
  await expect(page.getByRole("button", { name: "Account of Ada" })).toBeVisible();
  await expect(miniCartButton(page)).toHaveAccessibleName("Cart, 2 items");
  await expectAccessible(page, "account overview");

  // Checkout knows the shopper's email and offers to keep the address.
  await page.goto("/checkout");
  await expect(stepHeading(page, "Contact and address")).toBeVisible();
  await expect(page.getByLabel("Email")).toHaveValue(email);
  await fillCheckoutDetails(page);
  await page.getByLabel("Email").fill(email);
  await page.getByLabel("Save this address to my account").check();
  await page.getByRole("button", { name: "Continue to shipping" }).click();
  await expect(stepHeading(page, "Shipping method")).toBeFocused();
  await page.getByRole("button", { name: "Continue to payment" }).click();
  await choosePayment(page, /ending 4242/);
  await page.getByRole("button", { name: /^Place order and pay/ }).click();
  await expect(heading(page, /Thank you/)).toBeVisible();
  const orderNumber = (await page
    .getByText(/ORD-\d{8}-[0-9A-Z]{6}/)
    .first()
    .textContent())!.match(/ORD-\d{8}-[0-9A-Z]{6}/)![0];

  // The saved address, and the next checkout starts from it.
  await page.goto("/account/addresses");
  await expect(page.getByText(/1 Navy Way/)).toBeVisible();
  await expect(page.getByText("Default for delivery · Default for billing")).toBeVisible();
  await expectAccessible(page, "address book");

  // The order in the history, its timeline, and buying it again.
  await page.goto("/account");
  await page.getByRole("link", { name: "Orders" }).first().click();
  await expect(heading(page, "Your orders")).toBeFocused();
  await page.getByRole("link", { name: orderNumber }).click();
  await expect(heading(page, `Order ${orderNumber}`)).toBeVisible();
  await expect(page.getByRole("list", { name: "Order status timeline" }).getByText("Paid")).toBeVisible();
  await expectAccessible(page, "order detail");
  await page.getByRole("button", { name: "Buy these again" }).click();
  await expect(page.getByRole("status").filter({ hasText: `Added to your cart: 2 × ${product!.name}` })).toBeVisible();
  await expect(miniCartButton(page)).toHaveAccessibleName("Cart, 2 items");

  // The next checkout, in a new tab (nothing remembered in it), starts from the saved address.
  const tab = await page.context().newPage();
  await tab.goto("/checkout");
  await expect(tab.getByLabel("Street address")).toHaveValue("1 Navy Way");
  await expect(tab.getByLabel("Email")).toHaveValue(email);
  await expect(tab.getByLabel("Full name")).toHaveValue("Grace Hopper");
  await expect(tab.getByLabel("Save this address to my account")).toHaveCount(0);
  await tab.close();

  // The wishlist: a heart on the product page, the list, into the cart.
  await page.goto(`/p/${wished!.slug}`);
  const heart = page.getByRole("button", { name: `Keep ${wished!.name} in your wishlist` });
  await heart.click();
  await expect(heart).toHaveAttribute("aria-pressed", "true");
  await page.goto("/account/wishlist");
  await expect(page.getByRole("link", { name: wished!.name })).toBeVisible();
  await expectAccessible(page, "wishlist");
  await page.getByRole("button", { name: `Remove ${wished!.name} from your wishlist` }).click();
  await expect(page.getByText("Nothing here yet")).toBeVisible();

  // A passkey, then signing out and back in with it.
  await page.goto("/account/security");
  await page.getByRole("button", { name: "Add a passkey" }).click();
  await expect(page.getByRole("status").filter({ hasText: "Passkey added" })).toBeVisible();
  await expectAccessible(page, "security page");
  await openAccountMenu(page, "Ada");
  await page.getByRole("navigation", { name: "Account and cart" }).getByRole("button", { name: "Sign out" }).click();
  await expect(page.getByText("You are signed out.")).toBeVisible();
  await expect(miniCartButton(page)).toHaveAccessibleName("Cart, 0 items");
  await page.getByRole("button", { name: "Sign in with a passkey" }).click();
  await expect(heading(page, "Hello, Ada Lovelace")).toBeVisible();
  await expect(miniCartButton(page)).toHaveAccessibleName("Cart, 2 items");

  // A passkey can be removed again.
  await page.goto("/account/security");
  await page.getByRole("button", { name: /^Remove Passkey added/ }).click();
  await expect(page.getByRole("status").filter({ hasText: "Passkey removed." })).toBeVisible();
  await expect(page.getByRole("button", { name: /^Remove Passkey added/ })).toHaveCount(0);

  // The optional emails: review requests off, kept after a reload.
  await page.goto("/account/privacy");
  await page.getByRole("checkbox", { name: "Review requests" }).uncheck();
  await page.getByRole("button", { name: "Save email choices" }).click();
  await expect(page.getByRole("status").filter({ hasText: "Your email choices are saved." })).toBeVisible();
  await page.reload();
  await expect(page.getByRole("checkbox", { name: "Review requests" })).not.toBeChecked();
  await expect(page.getByRole("checkbox", { name: "Back in stock" })).toBeChecked();

  // Everything stored, as a download.
  const [download] = await Promise.all([page.waitForEvent("download"), page.getByRole("link", { name: "Download my data" }).click()]);
  const exported = JSON.parse(fs.readFileSync((await download.path())!, "utf8")) as { profile: { email: string }; orders: Array<{ number: string }> };
  expect(exported.profile.email).toBe(email);
  expect(exported.orders.map((o) => o.number)).toEqual([orderNumber]);
  await expectAccessible(page, "privacy page");

  // Deleting the account ends it: the password no longer signs in.
  await page.getByLabel("Your password").fill(PASSWORD);
  await page.getByLabel('Type "delete my account"').fill("delete my account");
  await page.getByRole("button", { name: "Delete my account" }).click();
  await expect(page.getByText("Your account was deleted.")).toBeVisible();
  await page.getByLabel("Email").fill(email);
  await page.getByLabel("Password").fill(PASSWORD);
  await page.getByRole("button", { name: "Sign in", exact: true }).click();
  await expect(page.getByRole("alert").filter({ hasText: /Invalid email or password/i })).toBeVisible();
});

test("the account pages work on a phone", async ({ page }) => {
  await page.setViewportSize(VIEWPORTS.phone);
  await page.goto("/account/register");
  await expect(heading(page, "Create an account")).toBeVisible();
  await expectAccessible(page, "register on a phone");
  await page.getByLabel("Name").fill("Grace Hopper");
  await page.getByLabel("Email").fill(`grace.${Date.now()}@example.com`);
  await page.getByLabel("Password").fill(PASSWORD);
  await page.getByRole("button", { name: "Create account" }).click();
  await expect(heading(page, "Hello, Grace Hopper")).toBeVisible();
  await expectAccessible(page, "account overview on a phone");
  await openAccountMenu(page, "Grace");
  await expect(page.getByRole("navigation", { name: "Account and cart" }).getByRole("link", { name: "Wishlist" })).toBeVisible();
  await expectAccessible(page, "account menu on a phone");

  // The email switches, by keyboard, on a phone.
  await page.goto("/account/privacy");
  const backInStock = page.getByRole("checkbox", { name: "Back in stock" });
  await expect(backInStock).toBeChecked();
  await expectAccessible(page, "your data on a phone");
  await expectNoSidewaysScroll(page, "your data on a phone");
  await tabTo(page, backInStock);
  await page.keyboard.press("Space");
  await expect(backInStock).not.toBeChecked();
  await tabTo(page, page.getByRole("button", { name: "Save email choices" }));
  await page.keyboard.press("Enter");
  await expect(page.getByRole("status").filter({ hasText: "Your email choices are saved." })).toBeVisible();
});

test("a guest's wishlist tap is not lost: signing in keeps the product and brings the shopper back to it", async ({ page }) => {
  const [product] = await stockedVariants(page.request, 1, 1);
  const email = `grace.${Date.now()}@example.com`;
  // An account made elsewhere (registering signs in; this browser then signs out).
  await page.goto("/account/register");
  await page.getByLabel("Name").fill("Grace Hopper");
  await page.getByLabel("Email").fill(email);
  await page.getByLabel("Password").fill(PASSWORD);
  await page.getByRole("button", { name: "Create account" }).click();
  await expect(heading(page, "Hello, Grace Hopper")).toBeVisible();
  await openAccountMenu(page, "Grace");
  await page.getByRole("navigation", { name: "Account and cart" }).getByRole("button", { name: "Sign out" }).click();
  await expect(page.getByRole("link", { name: "Sign in", exact: true })).toBeVisible();

  // The heart, tapped as the page shows it (before its code runs, it does not know who the shopper is yet).
  await page.goto(`/p/${product!.slug}`);
  await page.locator(".product__buy .wishlist-heart").click();
  await expect(heading(page, "Sign in")).toBeVisible();
  await expect(page.getByText("Sign in to keep it in your wishlist: we will save it and take you back.")).toBeVisible();
  await page.getByLabel("Email").fill(email);
  await page.getByLabel("Password").fill(PASSWORD);
  await page.getByRole("button", { name: "Sign in", exact: true }).click();
  // Back on the product, kept.
  await expect(heading(page, product!.name)).toBeVisible();
  await expect(page.locator(".product__buy").getByRole("button", { name: `Keep ${product!.name} in your wishlist` })).toHaveAttribute("aria-pressed", "true");
  const wishlist = await (await page.request.get("/api/account/wishlist")).json();
  expect(wishlist.items.map((i: { product: { slug: string } }) => i.product.slug)).toContain(product!.slug);
});

test("opened at 127.0.0.1, the local shop moves to its configured address, and registering works there", async ({ page }) => {
  const configured = new URL(E2E_STACK.url);
  await page.goto(`http://127.0.0.1:${configured.port}/account/register`);
  await expect(page).toHaveURL(`${configured.origin}/account/register`);
  await page.getByLabel("Name").fill("Loop Back");
  await page.getByLabel("Email").fill(`loop.${Date.now()}@example.com`);
  await page.getByLabel("Password").fill(PASSWORD);
  await page.getByRole("button", { name: "Create account" }).click();
  await expect(heading(page, "Hello, Loop Back")).toBeVisible();
});
