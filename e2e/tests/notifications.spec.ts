import type { APIRequestContext, Page } from "@playwright/test";
import type { Mail } from "../../tools/src/platform/mail-emulator/server";
import { expectAccessible, expectNoSidewaysScroll, VIEWPORTS } from "../accessibility";
import { expect, test } from "../fixtures";
import { guestBuys, SHOPPER, setStock, stockedVariants, tabTo } from "../shop";
import { MAILBOX } from "../stack";
import { signedInOperator } from "../variants";

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
  const { product, number } = await guestBuys(page);

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

for (const [size, viewport] of Object.entries(VIEWPORTS)) {
  test(`a shopper asks by keyboard to hear when a sold-out variant is back; restocked, the email arrives, leads to it, and unsubscribes in one click (${size})`, async ({
    page,
  }) => {
    await page.setViewportSize(viewport);
    const [product] = await stockedVariants(page.request, 1, 1);
    await setStock(page.request, product!.sku, 0);
    const email = `restock.${Date.now().toString(36)}@example.com`;
    await page.goto(`/p/${product!.slug}?sku=${product!.sku}`);
    const form = page.getByRole("form", { name: /Sold out — get one email when/ });
    await expect(form).toBeVisible();
    await expectAccessible(page, `product page, sold out (${size})`);
    await expectNoSidewaysScroll(page, `product page, sold out (${size})`);
    // By keyboard: Tab to the field, type, Enter; the answer is said where the form was.
    await tabTo(page, form.getByLabel("Your email"));
    await page.keyboard.type("not an email");
    await page.keyboard.press("Enter");
    await expect(form.getByRole("alert")).toContainText("email");
    await form.getByLabel("Your email").fill(email);
    await form.getByLabel("Your email").press("Enter");
    await expect(form.getByRole("status")).toHaveText(new RegExp(`^We will email ${email.replaceAll(".", "\\.")} once, when ${product!.name}`));
    await expectAccessible(page, `product page, restock asked (${size})`);

    await setStock(page.request, product!.sku, 5);
    const mail = await mailMatching(page.request, email, /is back in stock$/);
    const href = await linkInMailbox(page, mail, `See ${product!.name}`);
    await page.goto(href);
    await expect(page.getByRole("heading", { name: product!.name, level: 1 })).toBeVisible();
    await expect(page.getByRole("button", { name: `Add to cart: ${product!.name}` })).toBeEnabled();
    await expect(page.getByRole("form", { name: /Sold out/ })).toHaveCount(0);

    // The footer's unsubscribe link: a page with one button, pressed by keyboard.
    const unsubscribe = await linkInMailbox(page, mail, "Unsubscribe from these emails");
    await page.goto(unsubscribe);
    await expect(page.getByRole("heading", { name: "Unsubscribe", level: 1 })).toBeVisible();
    await expectAccessible(page, `unsubscribe page (${size})`);
    await expectNoSidewaysScroll(page, `unsubscribe page (${size})`);
    await tabTo(page, page.getByRole("button", { name: "Unsubscribe" }));
    await page.keyboard.press("Enter");
    await expect(page.getByRole("status")).toContainText(`We will not send back-in-stock emails to ${email} again.`);
    await expectAccessible(page, `unsubscribed (${size})`);
  });
}

test("operators see the emails that could not be delivered; others are told the page is for operators", async ({ browser, page }) => {
  expect((await page.request.get("/admin/messages")).status()).toBe(401);
  const operator = await signedInOperator(browser);
  for (const [size, viewport] of Object.entries(VIEWPORTS)) {
    await operator.setViewportSize(viewport);
    await operator.goto("/admin/messages");
    await expect(operator.getByRole("heading", { name: "Undelivered emails", level: 1 })).toBeVisible();
    await expectAccessible(operator, `undelivered emails (${size})`);
    await expectNoSidewaysScroll(operator, `undelivered emails (${size})`);
  }
});
