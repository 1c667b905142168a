import type { APIRequestContext, Page } from "@playwright/test";
import type { Mail } from "../../tools/src/platform/mail-emulator/server";
import { expectAccessible, expectNoSidewaysScroll, VIEWPORTS } from "../accessibility";
import { expect, test } from "../fixtures";
import { checkoutUpToReview, SHOPPER, setStock, stepHeading, stockedVariants } from "../shop";
import { MAILBOX } from "../stack";

/** Waits for the newest message to an address whose subject matches, in the local mailbox. */
async function mailMatching(request: APIRequestContext, to: string, subject: RegExp): Promise<Mail> {
  let found: Mail | undefined;
  await expect
    .poll(
      async () => {
        const { data } = (await (await request.get(`${MAILBOX}/_emulator/messages?to=${encodeURIComponent(to)}`)).json()) as { data: Mail[] };
        found = data.find((m) => subject.test(m.subject));
        return Boolean(found);
      },
      { message: `an email to ${to} matching ${subject}`, timeout: 20_000 },
    )
    .toBe(true);
  return found!;
}

/** Opens a message in the mailbox page as a developer would, and returns the href of one of its links. */
async function linkInMailbox(page: Page, mail: Mail, label: string): Promise<string> {
  await page.goto(MAILBOX);
  await page.getByRole("link", { name: mail.subject }).first().click();
  await expect(page.getByRole("heading", { name: mail.subject, level: 1 })).toBeVisible();
  const link = page.frameLocator("iframe[title='The message as HTML']").getByRole("link", { name: label });
  return (await link.getAttribute("href"))!;
}

test("a guest buys, opens the confirmation email in the local mailbox, and follows its order link in a fresh browser", async ({ page, browser }) => {
  const [product] = await stockedVariants(page.request, 1, 3);
  await page.goto("/");
  expect((await page.request.post("/api/cart/items", { data: { sku: product!.sku, quantity: 1 } })).status()).toBe(200);
  await checkoutUpToReview(page, /ending 4242/);
  await page.getByRole("button", { name: /^Place order and pay/ }).click();
  await expect(stepHeading(page, "Thank you — your order is placed")).toBeVisible();
  const number = (await page.getByTestId("order-number").textContent())!;

  const mail = await mailMatching(page.request, SHOPPER.email, new RegExp(number));
  expect(mail.text).toContain(`1 × ${product!.name}`);
  const href = await linkInMailbox(page, mail, "See your order");
  expect(href).toMatch(new RegExp(`^http://localhost:8797/orders/${number}\\?token=`));

  // The email itself, at a phone's width and a laptop's: no serious axe finding, nothing wider than the screen.
  const readerContext = await browser.newContext();
  const reader = await readerContext.newPage();
  for (const viewport of [VIEWPORTS.phone, VIEWPORTS.desktop]) {
    await reader.setViewportSize(viewport);
    await reader.setContent(mail.html);
    await expectAccessible(reader, `confirmation email at ${viewport.width}px`);
    await expectNoSidewaysScroll(reader, `confirmation email at ${viewport.width}px`);
  }
  await readerContext.close();

  // Another browser, no cookies: the link alone opens the order.
  const fresh = await browser.newContext();
  const later = await fresh.newPage();
  await later.goto(href);
  await expect(later.getByRole("heading", { name: `Order ${number}`, level: 1 })).toBeVisible();
  await expect(later.getByTestId("order-status")).toHaveText("Paid — being prepared");
  await fresh.close();
});

test("a shopper asks to hear when a sold-out variant is back; restocked, the email arrives and leads to it", async ({ page }) => {
  const [product] = await stockedVariants(page.request, 1, 1);
  await setStock(page.request, product!.sku, 0);
  const email = `restock.${Date.now().toString(36)}@example.com`;
  await page.goto(`/p/${product!.slug}?sku=${product!.sku}`);
  const form = page.getByRole("form", { name: /Sold out — get one email when/ });
  await expect(form).toBeVisible();
  await expectAccessible(page, "product page, sold out");
  await form.getByLabel("Your email").fill("not an email");
  await form.getByRole("button", { name: "Email me when it is back" }).click();
  await expect(form.getByRole("alert")).toContainText("email");
  await form.getByLabel("Your email").fill(email);
  await form.getByRole("button", { name: "Email me when it is back" }).click();
  await expect(form.getByRole("status")).toHaveText(`We will email ${email} once, when ${product!.name} is back in stock.`);

  await setStock(page.request, product!.sku, 5);
  const mail = await mailMatching(page.request, email, /is back in stock$/);
  const href = await linkInMailbox(page, mail, `See ${product!.name}`);
  await page.goto(href);
  await expect(page.getByRole("heading", { name: product!.name, level: 1 })).toBeVisible();
  await expect(page.getByRole("button", { name: `Add to cart: ${product!.name}` })).toBeEnabled();
  await expect(page.getByRole("form", { name: /Sold out/ })).toHaveCount(0);
});
