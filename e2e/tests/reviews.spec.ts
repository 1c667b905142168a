import type { APIRequestContext } from "@playwright/test";
import { expectAccessibleAtBothSizes } from "../accessibility";
import { expect, test } from "../fixtures";
import { checkoutUpToReview, stepHeading, stockedVariants } from "../shop";
import { registeredShopper, signedInOperator } from "../variants";

// Reviews from both sides: a buyer writes one once the order is delivered, other shoppers read,
// order, page and report reviews, and the catalog team's operator moderates them.

/** A product with more reviews than one page shows, found through the catalog API. */
async function productWithPages(request: APIRequestContext) {
  const listing = await (await request.get("/api/catalog/products?sort=rating&limit=100")).json();
  for (const item of listing.items as Array<{ slug: string; name: string }>) {
    const page = await (await request.get(`/api/catalog/products/${item.slug}/reviews?sort=newest&page=1`)).json();
    if (page.pages > 1) return { slug: item.slug, name: item.name, total: page.total as number, pages: page.pages as number };
  }
  throw new Error("no product with more than one page of reviews in the demo catalog");
}

test("a buyer reviews a delivered product and sees it at once; another shopper reports it; the operator rejects it and the author sees why", async ({
  browser,
  page,
}) => {
  const [product] = await stockedVariants(page.request, 1);
  const { page: buyer } = await registeredShopper(browser, "Rita Reviewer");
  expect((await buyer.request.post("/api/cart/items", { data: { sku: product!.sku, quantity: 1 } })).status()).toBe(200);
  await checkoutUpToReview(buyer, /ending 4242/);
  await buyer.getByRole("button", { name: /^Place order and pay/ }).click();
  await expect(stepHeading(buyer, "Thank you — your order is placed")).toBeVisible();
  const number = (await buyer.getByTestId("order-number").textContent())!;

  // Before delivery the page says who may review.
  // (The reviews run once the shopper scrolls to them: they are an island that wakes in view.)
  await buyer.goto(`/p/${product!.slug}#reviews`);
  await expect(buyer.getByText("Only shoppers this product was delivered to can review it.")).toBeVisible();

  const operator = await signedInOperator(browser);
  await operator.goto(`/admin/orders/${number}`);
  await operator.getByRole("button", { name: "Mark shipped" }).click();
  await operator.getByRole("button", { name: "Mark delivered" }).click();
  await expect(operator.getByTestId("admin-order-status")).toHaveText("Delivered");

  // The review request email's link, opened in a new tab: straight to the form, its first field focused.
  const fromEmail = await buyer.context().newPage();
  await fromEmail.goto(`/p/${product!.slug}#write-review`);
  const form = fromEmail.getByRole("form", { name: "Write a review" });
  await expect(form.getByRole("radio", { name: "1 star" })).toBeFocused();
  await expectAccessibleAtBothSizes(fromEmail, "the review form");
  await form.getByRole("button", { name: "Send your review" }).click();
  await expect(form.getByText("Choose from 1 to 5 stars")).toBeVisible();
  await form.getByRole("radio", { name: "4 stars" }).check();
  const title = `Warm and light ${Date.now().toString(36)}`;
  await form.getByLabel("Title").fill(title);
  await form.getByLabel("Your review").fill("Wore it every day for two weeks.\nThe zip is a little stiff, but it keeps the wind out.");
  await form.getByRole("button", { name: "Send your review" }).click();
  await expect(fromEmail.getByRole("status").filter({ hasText: "Thank you: your review is published." })).toBeVisible();
  await expect(fromEmail.getByTestId("own-review")).toContainText("Published: other shoppers can read it.");

  // Another shopper reads it, newest first, and reports it. (The page as it was before the review
  // may be served for up to 30 s more; this ordering's page was never rendered, so it is fresh.)
  const { page: reader } = await registeredShopper(browser, "Omar Reader");
  await reader.goto(`/p/${product!.slug}?reviews=newest#reviews`);
  const written = reader.getByTestId("review").filter({ hasText: title });
  await expect(written).toContainText("Verified purchase");
  await expect(written.getByRole("img", { name: "4 out of 5 stars" })).toBeVisible();
  await expectAccessibleAtBothSizes(reader, "a product's reviews");
  await written.getByRole("button", { name: "Report" }).click();
  await written.getByLabel("Why report it?").selectOption("off_topic");
  await written.getByRole("button", { name: "Send report" }).click();
  await expect(written.getByRole("status")).toHaveText("Thanks: the shop will read it.");

  await operator.goto("/admin/reviews?status=reported");
  await expect(operator.getByRole("heading", { name: "Reviews", level: 1 })).toBeVisible();
  const queued = operator.getByTestId("moderated-review").filter({ hasText: title });
  await expect(queued).toContainText("reported by 1");
  await expectAccessibleAtBothSizes(operator, "the moderation queue");
  await queued.getByLabel("Decision").selectOption("reject");
  await queued.getByLabel("Reason the author sees").fill("Please keep to the product itself.");
  await queued.getByRole("button", { name: "Decide" }).click();
  await expect(queued.getByRole("status")).toHaveText("Review rejected.");

  await fromEmail.reload();
  await expect(fromEmail.getByTestId("own-review")).toContainText("Not published. Change it and send it again. Please keep to the product itself.");
  const newest = await (await reader.request.get(`/api/catalog/products/${product!.slug}/reviews?sort=newest&page=1`)).json();
  expect(newest.items.map((r: { title: string }) => r.title)).not.toContain(title);
});

test("shoppers order and page a product's reviews, with the keyboard and without JavaScript alike", async ({ page, browser }) => {
  const product = await productWithPages(page.request);
  await page.goto(`/p/${product.slug}`);
  const reviews = page.getByRole("region", { name: "Customer reviews" });
  await expect(reviews.getByTestId("review")).toHaveCount(5);
  await expect(reviews.getByRole("table", { name: /How the [\d,]+ ratings are spread/ })).toBeVisible();
  await reviews.getByRole("link", { name: "More reviews" }).click();
  await expect(reviews.getByText(`Page 2 of ${product.pages}`)).toBeVisible();
  await expect(page).toHaveURL(/reviews-page=2/);

  await reviews.getByRole("link", { name: "Highest rated" }).focus();
  await page.keyboard.press("Enter");
  await expect(reviews.getByRole("link", { name: "Highest rated" })).toHaveAttribute("aria-current", "true");
  const best = await (await page.request.get(`/api/catalog/products/${product.slug}/reviews?sort=highest&page=1`)).json();
  await expect(reviews.getByTestId("review").first()).toContainText(best.items[0].title);

  // The same pages as links, rendered by the edge, with no script at all.
  const context = await browser.newContext({ javaScriptEnabled: false });
  const plain = await context.newPage();
  await plain.goto(`/p/${product.slug}?reviews=lowest`);
  const lowest = await (await page.request.get(`/api/catalog/products/${product.slug}/reviews?sort=lowest&page=1`)).json();
  await expect(plain.getByTestId("review").first()).toContainText(lowest.items[0].title);
  await plain.getByRole("link", { name: "More reviews" }).click();
  await expect(plain.getByText(`Page 2 of ${product.pages}`)).toBeVisible();
  await context.close();
});
