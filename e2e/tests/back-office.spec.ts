import type { Page } from "@playwright/test";
import { expectAccessibleAtBothSizes } from "../accessibility";
import { expect, test } from "../fixtures";
import { guestBuys, SHOPPER, setStock, stockedVariants } from "../shop";
import { shop, signedInOperator } from "../variants";

const heading = (page: Page, name: string) => page.getByRole("heading", { name, level: 1 });

test("the back office is for operators: a visitor is told so and led to the sign-in page", async ({ page }) => {
  const visitor = await page.goto("/admin/coupons");
  expect(visitor?.status()).toBe(401);
  await expect(page.getByRole("link", { name: "Sign in" })).toHaveAttribute("href", "/account?back=%2Fadmin%2Fcoupons");
  await page.getByRole("link", { name: "Sign in" }).click();
  await expect(heading(page, "Sign in")).toBeVisible();
});

test("the back office opens on the shop's figures: today's sales count a new order, the chart draws 30 days, and what needs attention links to its page", async ({
  browser,
  page,
}) => {
  const operator = await signedInOperator(browser);
  await operator.goto("/admin");
  const todayOrders = operator.getByTestId("Orders-1");
  await expect(todayOrders).toBeVisible();
  const before = Number((await todayOrders.textContent())!.replace(/,/g, ""));

  // A shopper buys something; the operator looks again.
  await guestBuys(page);
  await operator.reload();
  await expect(operator.getByTestId("Orders-1")).toHaveText(String(before + 1));
  const chart = operator.getByRole("img", { name: "Revenue and orders per day, last 30 days" });
  await expect(chart.locator(".recharts-bar-rectangle").first()).toBeVisible();
  await operator.getByText("Each day as a table").click();
  await expect(operator.getByRole("region", { name: "Sales per day" }).getByRole("row")).toHaveCount(31);
  await expect(operator.getByRole("link", { name: "Returns to handle" })).toHaveAttribute("href", "/admin/returns");
  await expectAccessibleAtBothSizes(operator, "dashboard");

  await operator.getByRole("navigation", { name: "Back office" }).getByRole("link", { name: "Releases" }).click();
  await expect(heading(operator, "Releases")).toBeVisible();
  await expect(operator.getByRole("row", { name: /^catalog/ })).toBeVisible();
  await expectAccessibleAtBothSizes(operator, "releases");
});

/** A 480×360 PNG, as an operator's camera would give (two colours, to stay small). */
const PICTURE = Buffer.from(
  "iVBORw0KGgoAAAANSUhEUgAAAeAAAAFoAQMAAAC1+bpjAAAAA1BMVEUobsj/5SYpAAAACXBIWXMAAAPoAAAD6AG1e1JrAAAALElEQVR42u3BgQAAAADDoPlT3+AEVQEAAAAAAAAAAAAAAAAAAAAAAAAAAPAMVcgAAZl0rjYAAAAASUVORK5CYII=",
  "base64",
);

test("an operator creates a product with a picture and a second variant, stocks it, and a shopper finds it, sees the picture and buys it", async ({
  browser,
  page,
  request,
}) => {
  const operator = await signedInOperator(browser);
  await operator.goto("/admin/products");
  await expect(heading(operator, "Products")).toBeVisible();
  await expectAccessibleAtBothSizes(operator, "products");
  await operator.getByRole("link", { name: "New product" }).click();
  await expect(heading(operator, "New product")).toBeFocused();
  const stamp = Date.now().toString(36);
  const name = `Harbour Lantern ${stamp}`;
  const sku = `LANTERN-${stamp}`.toUpperCase();
  await operator.getByLabel("Name", { exact: true }).fill(name);
  await operator.getByLabel("Brand").selectOption({ index: 1 });
  // A category no other spec browses: what they find first stays what they expect.
  await operator.getByLabel("Category").selectOption({ label: "Lighting" });
  await operator.getByLabel("Description").fill("<p>Solid <b>brass</b>.</p><script>alert(1)</script>");
  await operator.getByLabel("SKU").fill(sku);
  await operator.getByLabel("Options").fill("colour Navy");
  await operator.getByLabel("Price ($)", { exact: true }).fill("49.00");
  await operator.getByRole("button", { name: "Create product" }).click();
  await expect(operator.getByLabel("Options")).toBeFocused();
  await expect(operator.getByText("Write each as name: value")).toBeVisible();
  await operator.getByLabel("Options").fill("colour: Navy");
  await operator.getByRole("button", { name: "Create product" }).click();
  await expect(heading(operator, name)).toBeVisible();
  await expect(operator.getByRole("status").filter({ hasText: "Created" })).toBeVisible();
  await expect(operator.getByLabel("Description")).toHaveValue("<p>Solid <b>brass</b>.</p>");

  await operator.getByLabel("Picture", { exact: true }).setInputFiles({ name: "lantern.png", mimeType: "image/png", buffer: PICTURE });
  await operator.getByLabel("What it shows").fill("The lantern, lit");
  await operator.getByRole("button", { name: "Upload picture" }).click();
  await expect(operator.getByRole("status").filter({ hasText: "Uploaded" })).toBeVisible();
  await expect(operator.getByRole("img", { name: "The lantern, lit" })).toBeVisible();

  const addVariant = operator.getByRole("form", { name: "Add a variant" });
  await addVariant.getByLabel("SKU").fill(`${sku}-G`);
  await addVariant.getByLabel("Options").fill("colour: Green");
  await addVariant.getByLabel("Price ($)", { exact: true }).fill("52.00");
  await addVariant.getByRole("button", { name: "Add variant" }).click();
  await expect(operator.getByRole("row", { name: new RegExp(`${sku}-G`) })).toBeVisible();
  await expectAccessibleAtBothSizes(operator, "a product");
  await setStock(request, sku, 5);

  const slug = new URL(await operator.getByRole("link", { name: "See it in the shop" }).evaluate((a) => (a as HTMLAnchorElement).href)).pathname;
  const pictures: string[] = [];
  page.on("response", (response) => {
    if (response.url().includes("/api/catalog/media/")) pictures.push(response.headers()["content-type"] ?? "");
  });
  await page.goto(slug);
  await expect(page.getByRole("heading", { name, level: 1 })).toBeVisible();
  // The gallery's picture: lanterns made by earlier runs may be suggested below it.
  const picture = page.getByRole("img", { name: "The lantern, lit" }).first();
  await expect(picture).toHaveAttribute("srcset", /\/api\/catalog\/media\/.+ 200w, .+ 400w, .+ 480w/);
  await expect.poll(() => picture.evaluate((img) => (img as HTMLImageElement).naturalWidth)).toBeGreaterThan(0);
  expect(pictures).toContain("image/avif");
  await expect(page.getByTestId("description").locator("script")).toHaveCount(0);
  await page.getByTestId("product-page").getByRole("button", { name: "Add to cart" }).first().click();
  await expect(page.getByRole("dialog", { name: "Your cart" })).toBeVisible();
  await page.goto("/cart");
  await expect(page.getByText(name, { exact: true })).toBeVisible();
  // The listing shows its picture too (the first one).
  await page.goto(`/search?q=${encodeURIComponent(name)}`);
  await expect(page.getByTestId("product-card").getByRole("img", { name: "The lantern, lit" })).toHaveAttribute("srcset", /480w/);
});

test("an operator creates a coupon, a shopper's cart takes it, the operator switches it off, and the audit log shows each step", async ({
  browser,
  page,
  request,
}) => {
  const operator = await signedInOperator(browser);
  await operator.goto("/admin");
  await expect(heading(operator, "Back office")).toBeVisible();
  await operator.getByRole("navigation", { name: "Back office" }).getByRole("link", { name: "Coupons" }).click();
  await expect(heading(operator, "Coupons")).toBeVisible();
  await expect(operator.getByRole("row", { name: /WELCOME10/ })).toBeVisible();
  await expectAccessibleAtBothSizes(operator, "coupons");

  await operator.getByRole("link", { name: "New coupon" }).click();
  await expect(heading(operator, "New coupon")).toBeVisible();
  await expect(heading(operator, "New coupon")).toBeFocused();
  const code = `E2E-${Date.now().toString(36)}`.toUpperCase();
  await operator.getByLabel("Code").fill(code.toLowerCase());
  await operator.getByLabel("Description").fill("15% off for the test");
  await operator.getByLabel("Percent off").fill("150");
  await operator.getByRole("button", { name: "Create coupon" }).click();
  // The API's refusal, said beside the field it is about.
  await expect(operator.getByLabel("Percent off")).toHaveAttribute("aria-invalid", "true");
  await expect(operator.getByText("A percentage is at most 100")).toBeVisible();
  await expect(operator.getByLabel("Percent off")).toBeFocused();
  await expect(operator.getByRole("alert")).toHaveText("Please correct the field marked above.");
  await expectAccessibleAtBothSizes(operator, "a refused new coupon");
  await operator.getByLabel("Percent off").fill("15");
  await operator.getByLabel("Percent off").press("Enter");
  await expect(heading(operator, code)).toBeVisible();
  await expect(operator.getByRole("status").filter({ hasText: "Created" })).toBeVisible();

  const [product] = await stockedVariants(request, 1, 3);
  await page.goto("/");
  expect((await page.request.post("/api/cart/items", { data: { sku: product!.sku, quantity: 2 } })).status()).toBe(200);
  await page.goto("/cart");
  await page.getByLabel("Coupon code").fill(code);
  await page.getByRole("button", { name: "Apply" }).click();
  await expect(page.getByTestId("coupon-state")).toContainText(`${code}: 15% off for the test`);

  await operator.getByRole("button", { name: "Switch it off" }).click();
  await expect(operator.getByRole("status").filter({ hasText: "is switched off" })).toBeVisible();
  await page.reload();
  await expect(page.getByTestId("coupon-state")).toContainText(`${code} is no longer available.`);
  await expect(page.getByTestId("cart-discount")).toHaveCount(0);

  await operator.getByRole("link", { name: "Its changes" }).click();
  await expect(heading(operator, "Audit log")).toBeVisible();
  const rows = operator.getByRole("region", { name: "Changes" }).getByRole("row");
  await expect(rows).toHaveCount(3);
  await expect(rows.nth(1)).toContainText("coupon.disable");
  await expect(rows.nth(1)).toContainText("disabled: false → true");
  await expect(rows.nth(2)).toContainText("coupon.create");
  await expectAccessibleAtBothSizes(operator, "audit log");
});

test("an operator finds a shopper's order, ships it with a tracking number, and the shopper's order page shows the parcel", async ({ browser, page }) => {
  const { number, product } = await guestBuys(page);

  const operator = await signedInOperator(browser);
  await operator.goto("/admin/orders");
  await expect(heading(operator, "Orders")).toBeVisible();
  await operator.getByLabel("Order number or email").fill(SHOPPER.email);
  await operator.getByLabel("Status").selectOption({ label: "Paid, to ship" });
  await operator.getByRole("button", { name: "Find" }).click();
  await expect(operator.getByRole("row", { name: new RegExp(number) })).toBeVisible();
  await expectAccessibleAtBothSizes(operator, "orders");
  await operator.getByRole("link", { name: number }).click();
  await expect(heading(operator, `Order ${number}`)).toBeFocused();
  await expect(operator.getByTestId("admin-order-status")).toHaveText("Paid, to ship");
  await expectAccessibleAtBothSizes(operator, "an order to ship");

  await operator.getByLabel("Carrier").selectOption("UPS");
  await operator.getByLabel("Tracking number").fill("1Z999AA10123456784");
  await operator.getByRole("button", { name: "Mark shipped" }).click();
  await expect(operator.getByTestId("admin-order-status")).toHaveText("Shipped");
  await expect(operator.getByTestId("admin-order-shipment")).toContainText("Shipped with UPS · tracking number 1Z999AA10123456784");
  await expect(operator.getByRole("listitem").filter({ hasText: "shipped by admin:" })).toBeVisible();

  await page.getByRole("link", { name: "View or bookmark your order page" }).click();
  await expect(page.getByTestId("order-status")).toHaveText("Shipped");
  await expect(page.getByTestId("order-shipment")).toContainText("Shipped with UPS · tracking number 1Z999AA10123456784");
  await expect(page.getByRole("link", { name: "Track your parcel" })).toHaveAttribute("href", "https://www.ups.com/track?tracknum=1Z999AA10123456784");

  // The item arrives broken: the operator refunds it by the item, and it goes back on sale.
  await operator.getByRole("radio", { name: "Chosen items" }).check();
  await operator.getByLabel(`${product.name} (${product.sku}): units to refund`).fill("1");
  await operator.getByLabel("Put them back on sale").check();
  await operator.getByLabel("Why", { exact: true }).first().fill("Arrived broken");
  await operator.getByRole("button", { name: "Refund", exact: true }).click();
  await expect(operator.getByRole("status").filter({ hasText: "Refunded" })).toBeVisible();
  await expect(operator.getByRole("listitem").filter({ hasText: `Arrived broken (1 × ${product.sku})` })).toBeVisible();
  await expectAccessibleAtBothSizes(operator, "an order refunded by the item");
  await page.reload();
  await expect(page.getByTestId("order-status")).toHaveText("Refunded");
});

test("an operator takes in a delivery for a sold-out SKU: its movements say why, and the storefront can sell it again", async ({ browser, page }) => {
  const [product] = await stockedVariants(page.request, 1, 3);
  const operator = await signedInOperator(browser);
  await setStock(page.request, product!.sku, 0);

  await operator.goto("/admin/stock");
  await expect(heading(operator, "Stock")).toBeVisible();
  await operator.getByLabel("SKU").fill(product!.sku);
  await operator.getByLabel("Only 5 or fewer left").check();
  await operator.getByRole("button", { name: "Show" }).click();
  await expect(operator.getByRole("row", { name: new RegExp(product!.sku) })).toContainText(product!.name);
  await expectAccessibleAtBothSizes(operator, "low stock");
  await operator.getByRole("link", { name: product!.sku }).click();
  await expect(heading(operator, product!.sku)).toBeFocused();

  await operator.getByLabel("Units", { exact: true }).fill("-1");
  await operator.getByLabel("Why", { exact: true }).fill("Lost");
  await operator.getByRole("button", { name: "Adjust stock" }).click();
  await expect(operator.getByLabel("Units", { exact: true })).toBeFocused();
  await expect(operator.getByText("At most 0 can go out")).toBeVisible();

  await operator.getByLabel("Units", { exact: true }).fill("8");
  await operator.getByLabel("Why", { exact: true }).fill("Delivery from the supplier");
  await operator.getByRole("button", { name: "Adjust stock" }).click();
  await expect(operator.getByTestId("stock-available")).toHaveText("8 sellable");
  await expect(operator.getByRole("region", { name: "Movements" }).getByRole("row").nth(1)).toContainText("+8");
  await expect(operator.getByRole("region", { name: "Movements" }).getByRole("row").nth(1)).toContainText("Delivery from the supplier");
  await expectAccessibleAtBothSizes(operator, "a SKU's stock");

  const onSale = await (await page.request.get(`/api/catalog/products/${product!.slug}`)).json();
  expect(onSale.variants.find((v: { sku: string }) => v.sku === product!.sku).available).toBe(8);
  // Other tests shop from the same product: its stock as it was.
  await setStock(page.request, product!.sku, product!.available);
});

test("a shopper returns an item of a delivered order; the operator approves, receives and refunds it; both see each step", async ({ browser, page }) => {
  const { product, number } = await guestBuys(page, 2);
  await page.getByRole("link", { name: "View or bookmark your order page" }).click();
  const orderPage = page.url();

  const operator = await signedInOperator(browser);
  await operator.goto(`/admin/orders/${number}`);
  await operator.getByRole("button", { name: "Mark shipped" }).click();
  await operator.getByRole("button", { name: "Mark delivered" }).click();
  await expect(operator.getByTestId("admin-order-status")).toHaveText("Delivered");

  await page.goto(orderPage);
  await page.getByRole("link", { name: "Return items" }).click();
  await expect(heading(page, `Return items from order ${number}`)).toBeVisible();
  await expectAccessibleAtBothSizes(page, "the return form");
  await page.getByLabel(product!.name).selectOption("1");
  await page.getByLabel("Why are you returning them?").fill("Too big");
  await page.getByRole("button", { name: "Request the return" }).click();
  const made = page.getByRole("heading", { level: 1, name: /^Return RMA-/ });
  await expect(made).toBeVisible();
  const rma = (await made.textContent())!.match(/RMA-[0-9A-F]+/)![0];
  await page.getByRole("link", { name: "Back to your order" }).click();
  await expect(page.getByTestId("order-return")).toContainText(`${rma}: 1 × ${product!.name} — Requested`);

  await operator.getByRole("navigation", { name: "Back office" }).getByRole("link", { name: "Returns" }).click();
  await expect(heading(operator, "Returns")).toBeVisible();
  await operator.getByRole("link", { name: rma }).click();
  await expect(heading(operator, `Return ${rma}`)).toBeFocused();
  await expectAccessibleAtBothSizes(operator, "a return to decide");
  await operator.getByRole("button", { name: "Approve" }).click();
  await expect(operator.getByTestId("admin-return-status")).toHaveText("Approved, on its way back");
  await page.reload();
  await expect(page.getByTestId("order-return")).toContainText("Approved — send the items back");

  await operator.getByLabel("Back on sale").selectOption("1");
  await operator.getByRole("button", { name: "Mark received" }).click();
  await expect(operator.getByTestId("admin-return-status")).toHaveText("Received, to refund");
  await operator.getByRole("button", { name: "Refund the items" }).click();
  await expect(operator.getByTestId("admin-return-status")).toHaveText("Refunded");
  await expect(operator.getByRole("listitem").filter({ hasText: "refunded" }).last()).toContainText("by admin:");

  await page.reload();
  await expect(page.getByTestId("order-return")).toContainText(/Refunded, \$[\d.,]+ refunded/);
  await expect(page.getByTestId("order-status")).toHaveText("Refunded");
});

test("an operator finds a customer, signs them out everywhere and makes them an operator", async ({ browser }) => {
  const customer = await signedInOperator(browser);
  const email = await customer.evaluate(async () => ((await (await fetch("/api/account")).json()) as { email: string }).email);
  expect(shop("operator", ["revoke", email])).toContain("is a customer again");
  const operator = await signedInOperator(browser);
  await operator.goto("/admin/customers");
  await expect(heading(operator, "Customers")).toBeVisible();
  await operator.getByLabel("Email or name").fill(email);
  await operator.getByRole("button", { name: "Find" }).click();
  await expect(operator.getByRole("row", { name: new RegExp(email.replace(/[.]/g, "\\.")) })).toContainText("Customer");
  await expectAccessibleAtBothSizes(operator, "customers");
  await operator
    .getByRole("row", { name: new RegExp(email.replace(/[.]/g, "\\.")) })
    .getByRole("link")
    .click();
  await expect(heading(operator, "Olive Operator")).toBeFocused();
  await expectAccessibleAtBothSizes(operator, "a customer");

  await operator.getByRole("button", { name: "Sign out everywhere" }).click();
  await expect(operator.getByRole("status").filter({ hasText: /Signed out of \d+ session/ })).toBeVisible();
  await expect(operator.getByTestId("customer-sessions")).toHaveText("No open sessions.");
  await customer.goto("/account");
  await expect(heading(customer, "Sign in")).toBeVisible();

  await operator.getByRole("button", { name: "Make them an operator" }).click();
  await expect(operator.getByTestId("customer-role")).toHaveText("Operator");
});
