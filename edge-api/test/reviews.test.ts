import { ModeratedReview, ModerationPage, MyReview, ProductDetail, ReviewPage } from "@shop/contracts";
import { sql } from "drizzle-orm";
import { describe, expect, it } from "vitest";
import { Browser, signedInOperator, signedInShopper } from "./account-helpers";
import { CHECKOUT, ownSkus, pay, startCheckout } from "./checkout-helpers";
import { adminHeaders, call, countOf, errorOf, json, publishShop, query } from "./helpers";

// Reviews: only a shopper a product was delivered to writes one, once; the product's figures (and
// the listing's rating facet) always equal imported ratings plus published reviews, counted afresh.

/** A product of its own for each test: SKU offsets 10 apart (a product has at most 6 variants). */
async function productAt(offset: number) {
  const [variant] = await ownSkus(offset, 1, 50);
  const [row] = await query<{ slug: string; id: number }>(
    sql`SELECT p.slug, p.id FROM variants v JOIN products p ON p.id = v.product_id WHERE v.sku = ${variant!.sku}`,
  );
  return { sku: variant!.sku, slug: row!.slug, id: row!.id };
}

async function orderOf(browser: Browser, sku: string, delivered = true) {
  expect((await browser.post("/api/cart/items", { sku, quantity: 1 })).status).toBe(200);
  const started = await startCheckout(browser.cookie, CHECKOUT);
  expect(started.status, await started.clone().text()).toBe(201);
  const paid = await pay(browser.cookie, ((await started.json()) as { id: string }).id, "pm_card_visa");
  const number = paid.order!.number;
  if (delivered) {
    expect((await json("POST", `/api/admin/orders/${number}/fulfil`, {}, adminHeaders)).status).toBe(200);
    expect((await json("POST", `/api/admin/orders/${number}/deliver`, {}, adminHeaders)).status).toBe(200);
  }
  return number;
}

/** A shopper whose order of the product was delivered. */
async function buyerOf(sku: string, name = "buyer") {
  const shopper = await signedInShopper(name);
  await orderOf(shopper.browser, sku);
  return shopper;
}

const review = (stars: number, title = "Sturdy and warm", text = "Kept me dry on a week of walking in the hills; the zips still run smoothly.") => ({
  stars,
  title,
  text,
});
const write = (browser: Browser, slug: string, body: unknown) => browser.post(`/api/catalog/products/${slug}/reviews`, body);
const mine = async (browser: Browser, slug: string) => MyReview.parse(await (await browser.get(`/api/catalog/products/${slug}/reviews/mine`)).json());
const admin = (path: string, body?: unknown) => json(body === undefined ? "GET" : "POST", `/api/admin${path}`, body, adminHeaders);

const figuresOf = async (productId: number) =>
  (
    await query<{ distribution: number[]; count: number; average: number }>(
      sql`SELECT rating_distribution AS distribution, rating_count AS count, rating_average AS average FROM products WHERE id = ${productId}`,
    )
  )[0]!;

// Counted afresh, with no help from the trigger: imported ratings plus published reviews, per star.
const recounted = sql`
  SELECT p.id, ARRAY(SELECT p.imported_ratings[s] + (SELECT count(*) FROM reviews r WHERE r.product_id = p.id AND r.status = 'published' AND r.stars = s)
                     FROM generate_series(1, 5) s) AS distribution
  FROM products p`;
const kept = sql`SELECT id, rating_distribution AS distribution, rating_count, rating_average FROM products`;
const facetsKept = sql`SELECT category_id, brand_id, price_bucket, stars, in_stock, products FROM product_facet_counts WHERE products <> 0`;
const facetsRecounted = sql`SELECT category_id, brand_id, price_bucket(price_cents), rating_stars(rating_average), in_stock, count(*) AS products
  FROM products GROUP BY 1, 2, 3, 4, 5`;
const lines = (rows: Array<Record<string, unknown>>) => rows.map((r) => Object.values(r).map(String).join(" ")).sort();

async function expectFiguresRecounted() {
  const fresh = new Map((await query<{ id: number; distribution: number[] }>(recounted)).map((r) => [r.id, r.distribution.map(Number)]));
  for (const row of await query<{ id: number; distribution: number[]; rating_count: number; rating_average: number }>(kept)) {
    const distribution = fresh.get(row.id)!;
    const count = distribution.reduce((a, b) => a + b, 0);
    const average = count ? Math.round((distribution.reduce((sum, n, i) => sum + n * (i + 1), 0) / count) * 100) / 100 : 0;
    expect({ id: row.id, distribution: row.distribution.map(Number), count: row.rating_count, average: Number(row.rating_average.toFixed(2)) }).toEqual({
      id: row.id,
      distribution,
      count,
      average,
    });
  }
  expect(lines(await query(facetsKept))).toEqual(lines(await query(facetsRecounted)));
}

describe("who may review", () => {
  it("a shopper the product was delivered to; not one whose order is paid but not delivered, nor one who never bought it, nor a guest", async () => {
    const product = await productAt(3300);
    const before = await figuresOf(product.id);

    const waiting = await signedInShopper("waiting");
    await orderOf(waiting.browser, product.sku, false);
    expect(await mine(waiting.browser, product.slug)).toMatchObject({ canReview: false, review: null });
    const early = await write(waiting.browser, product.slug, review(5));
    expect(early.status).toBe(403);
    expect(await errorOf(early)).toMatchObject({ code: "not_a_buyer" });

    const stranger = await signedInShopper("stranger");
    expect((await write(stranger.browser, product.slug, review(5))).status).toBe(403);
    const guest = new Browser();
    expect((await write(guest, product.slug, review(5))).status).toBe(401);
    expect(await mine(guest, product.slug)).toEqual({ signedIn: false, canReview: false, reason: null, review: null });
    expect(await countOf(sql`SELECT count(*) FROM reviews WHERE product_id = ${product.id} AND user_id IS NOT NULL`)).toBe(0);

    const buyer = await buyerOf(product.sku);
    expect(await mine(buyer.browser, product.slug)).toMatchObject({ canReview: true, reason: null, review: null });
    const written = await write(buyer.browser, product.slug, review(4));
    expect(written.status, await written.clone().text()).toBe(201);
    expect(MyReview.parse(await written.json()).review).toMatchObject({ status: "published", stars: 4, verifiedPurchase: true, author: "buyer" });
    const after = await figuresOf(product.id);
    expect(after.distribution.map(Number)).toEqual(before.distribution.map((n, i) => Number(n) + (i === 3 ? 1 : 0)));
    expect(after.count).toBe(before.count + 1);
  });

  it("one review per product: a second, even sent at the same moment, is refused and stores nothing", async () => {
    const product = await productAt(3310);
    const buyer = await buyerOf(product.sku);
    const answers = await Promise.all([write(buyer.browser, product.slug, review(5)), write(buyer.browser, product.slug, review(1))]);
    expect(answers.map((a) => a.status).sort()).toEqual([201, 409]);
    expect((await write(buyer.browser, product.slug, review(3))).status).toBe(409);
    expect(await countOf(sql`SELECT count(*) FROM reviews WHERE product_id = ${product.id} AND user_id IS NOT NULL`)).toBe(1);
    await expectFiguresRecounted();
  });
});

describe("changing and deleting a review", () => {
  it("only its author can (another shopper gets 404 and changes nothing); the figures follow each change", async () => {
    const product = await productAt(3320);
    const buyer = await buyerOf(product.sku);
    const before = await figuresOf(product.id);
    const id = MyReview.parse(await (await write(buyer.browser, product.slug, review(5))).json()).review!.id;

    const other = await buyerOf(product.sku, "other");
    expect((await other.browser.send("PATCH", `/api/catalog/reviews/${id}`, review(1))).status).toBe(404);
    expect((await other.browser.send("DELETE", `/api/catalog/reviews/${id}`)).status).toBe(404);
    expect((await new Browser().send("DELETE", `/api/catalog/reviews/${id}`)).status).toBe(401);
    expect((await mine(buyer.browser, product.slug)).review).toMatchObject({ stars: 5, edited: false });

    const changed = await buyer.browser.send(
      "PATCH",
      `/api/catalog/reviews/${id}`,
      review(2, "Wore out", "The seams opened after a month of daily use, sadly."),
    );
    expect(changed.status).toBe(200);
    expect(MyReview.parse(await changed.json()).review).toMatchObject({ stars: 2, edited: true, status: "published" });
    expect((await figuresOf(product.id)).distribution.map(Number)).toEqual(before.distribution.map((n, i) => Number(n) + (i === 1 ? 1 : 0)));

    expect((await buyer.browser.send("DELETE", `/api/catalog/reviews/${id}`)).status).toBe(204);
    expect(await figuresOf(product.id)).toEqual(before);
    expect(await mine(buyer.browser, product.slug)).toMatchObject({ canReview: true, review: null });
    await expectFiguresRecounted();
  });
});

describe("moderation", () => {
  it("holds what fails the checks; an operator publishes, rejects with a reason the author sees, or removes; each audited; illegal moves 409", async () => {
    const product = await productAt(3330);
    const before = await figuresOf(product.id);
    const buyer = await buyerOf(product.sku);
    const held = MyReview.parse(
      await (await write(buyer.browser, product.slug, review(5, "Great deal", "Cheaper at www.example-outlet.com, but this one came fast."))).json(),
    ).review!;
    expect(held).toMatchObject({ status: "held" });
    expect(held.moderationNote).toContain("web address");
    expect(await figuresOf(product.id)).toEqual(before);
    const listed = ReviewPage.parse(await (await call(`/api/catalog/products/${product.slug}/reviews?sort=newest&page=1`)).json());
    expect(listed.items.map((r) => r.id)).not.toContain(held.id);

    const queue = ModerationPage.parse(await (await admin("/reviews?status=held")).json());
    expect(queue.items.map((r) => r.id)).toContain(held.id);

    const operator = await signedInOperator();
    const publish = await operator.browser.post(`/api/admin/reviews/${held.id}/moderation`, { action: "publish" });
    expect(publish.status).toBe(200);
    expect(ModeratedReview.parse(await publish.json())).toMatchObject({ status: "published", moderationNote: null });
    expect((await figuresOf(product.id)).count).toBe(before.count + 1);

    const reject = await admin(`/reviews/${held.id}/moderation`, { action: "reject", reason: "Please leave out links to other shops." });
    expect(reject.status).toBe(200);
    expect(await figuresOf(product.id)).toEqual(before);
    expect((await mine(buyer.browser, product.slug)).review).toMatchObject({ status: "rejected", moderationNote: "Please leave out links to other shops." });
    expect((await admin(`/reviews/${held.id}/moderation`, { action: "reject", reason: "Again" })).status).toBe(409);

    // The author changes it: checked again, and published.
    const resubmitted = await buyer.browser.send("PATCH", `/api/catalog/reviews/${held.id}`, review(4));
    expect(MyReview.parse(await resubmitted.json()).review).toMatchObject({ status: "published", moderationNote: null });

    expect((await admin(`/reviews/${held.id}/moderation`, { action: "remove", reason: "Copied from another site." })).status).toBe(200);
    expect(await figuresOf(product.id)).toEqual(before);
    const locked = await buyer.browser.send("PATCH", `/api/catalog/reviews/${held.id}`, review(5));
    expect(locked.status).toBe(409);
    expect((await errorOf(locked)).code).toBe("review_removed");

    const audit = await query<{ action: string; actor: string }>(sql`SELECT action, actor FROM audit_entries WHERE subject = ${held.id} ORDER BY id`);
    expect(audit.map((a) => a.action)).toEqual(["review.publish", "review.reject", "review.remove"]);
    expect(audit[0]!.actor).toBe(`admin:${operator.email.toLowerCase()}`);
    await expectFiguresRecounted();
  });

  it("reports from three shoppers hold a review until an operator keeps it; a shopper reports once and never their own", async () => {
    const product = await productAt(3340);
    const author = await buyerOf(product.sku, "author");
    const id = MyReview.parse(await (await write(author.browser, product.slug, review(1))).json()).review!.id;
    const counted = (await figuresOf(product.id)).count;
    expect((await author.browser.post(`/api/catalog/reviews/${id}/report`, { reason: "spam" })).status).toBe(409);
    const reporters = await Promise.all([1, 2, 3].map((n) => signedInShopper(`reporter${n}`)));
    const first = await reporters[0]!.browser.post(`/api/catalog/reviews/${id}/report`, { reason: "spam" });
    expect(await first.json()).toEqual({ held: false });
    expect((await reporters[0]!.browser.post(`/api/catalog/reviews/${id}/report`, { reason: "spam" })).status).toBe(409);
    expect(ModerationPage.parse(await (await admin("/reviews?status=reported")).json()).items.map((r) => r.id)).toContain(id);
    const rest = await Promise.all(reporters.slice(1).map((r) => r.browser.post(`/api/catalog/reviews/${id}/report`, { reason: "offensive" })));
    expect(rest.map((r) => r.status)).toEqual([200, 200]);
    expect((await figuresOf(product.id)).count).toBe(counted - 1);
    expect((await admin(`/reviews/${id}/moderation`, { action: "publish" })).status).toBe(200);
    expect((await figuresOf(product.id)).count).toBe(counted);
    await expectFiguresRecounted();
  });
});

describe("reading reviews", () => {
  it("pages a product's published reviews in each order; the product page's JSON-LD carries the rating and the first reviews", async () => {
    const [row] = await query<{ slug: string; n: number }>(
      sql`SELECT p.slug, count(*)::int AS n FROM reviews r JOIN products p ON p.id = r.product_id WHERE r.status = 'published'
          GROUP BY p.slug HAVING count(*) >= 3 ORDER BY p.slug LIMIT 1`,
    );
    const { slug, n } = row!;
    const pageOf = async (sort: string, page = 1) =>
      ReviewPage.parse(await (await call(`/api/catalog/products/${slug}/reviews?sort=${sort}&page=${page}`)).json());
    const newest = await pageOf("newest");
    expect(newest.total).toBe(n);
    const times = newest.items.map((r) => r.createdAt);
    expect(times).toEqual([...times].sort().reverse());
    const highest = (await pageOf("highest")).items.map((r) => r.stars);
    expect(highest).toEqual([...highest].sort((a, b) => b - a));
    const lowest = (await pageOf("lowest")).items.map((r) => r.stars);
    expect(lowest).toEqual([...lowest].sort((a, b) => a - b));
    expect((await pageOf("newest", 999)).items).toEqual([]);
    expect((await call(`/api/catalog/products/${slug}/reviews?sort=best`)).status).toBe(400);
    expect((await call("/api/catalog/products/no-such-product/reviews")).status).toBe(404);

    await publishShop();
    const product = ProductDetail.parse(await (await call(`/api/catalog/products/${slug}`)).json());
    const html = await (await call(`/p/${slug}`)).text();
    const jsonLd = JSON.parse(/<script type="application\/ld\+json">(.*?)<\/script>/s.exec(html)![1]!) as {
      aggregateRating: { ratingValue: number; ratingCount: number; reviewCount: number };
      review: Array<{ name: string; reviewRating: { ratingValue: number } }>;
    };
    expect(jsonLd.aggregateRating).toMatchObject({ ratingValue: product.rating.average, ratingCount: product.rating.count, reviewCount: n });
    expect(jsonLd.review.map((r) => r.name)).toEqual(newest.items.map((r) => r.title));
  });

  it("the demo catalog's written reviews are part of its ratings: every product's figures equal a recount", async () => {
    expect(await countOf(sql`SELECT count(*) FROM reviews WHERE user_id IS NULL`)).toBeGreaterThan(1000);
    await expectFiguresRecounted();
  });
});

describe("helpful votes", () => {
  it("count once per shopper, never on one's own review, and a shopper voting on everything is stopped (429)", async () => {
    const reviews = await query<{ id: string }>(sql`SELECT id FROM reviews WHERE status = 'published' AND user_id IS NULL ORDER BY id LIMIT 31`);
    const voter = await signedInShopper("voter");
    const [first] = reviews;
    const was = await countOf(sql`SELECT helpful AS count FROM reviews WHERE id = ${first!.id}`);
    expect(await (await voter.browser.post(`/api/catalog/reviews/${first!.id}/helpful`)).json()).toEqual({ helpful: was + 1 });
    const again = await voter.browser.post(`/api/catalog/reviews/${first!.id}/helpful`);
    expect(again.status).toBe(409);
    expect(await countOf(sql`SELECT helpful AS count FROM reviews WHERE id = ${first!.id}`)).toBe(was + 1);
    expect((await new Browser().post(`/api/catalog/reviews/${first!.id}/helpful`)).status).toBe(401);
    const statuses: number[] = [];
    for (const r of reviews.slice(1)) statuses.push((await voter.browser.post(`/api/catalog/reviews/${r.id}/helpful`)).status);
    // 30 votes an hour: the first, the refused second, then 28 more; the rest wait.
    expect(statuses.filter((s) => s === 200)).toHaveLength(28);
    expect(statuses.slice(28)).toEqual([429, 429]);
    expect(await countOf(sql`SELECT count(*) FROM review_votes WHERE user_id = (SELECT id FROM users WHERE email = ${voter.email.toLowerCase()})`)).toBe(29);
  });
});

describe("bad input", () => {
  it("stars 0 or 6, empty or huge text, HTML or script, unknown fields: 4xx JSON with the field's message, nothing stored", async () => {
    const product = await productAt(3350);
    const buyer = await buyerOf(product.sku);
    const cases: Array<[unknown, string]> = [
      [review(0), "stars"],
      [review(6), "stars"],
      [review(2.5), "stars"],
      [review(4, ""), "title"],
      [review(4, "Fine", "   "), "text"],
      [review(4, "Fine", "x".repeat(5001)), "text"],
      [review(4, "Fine", "Nice <script>alert(1)</script> jacket"), "text"],
      [review(4, "<b>Bold</b>", "A perfectly fine jacket for the money."), "title"],
      [{ ...review(4), verifiedPurchase: false }, "verifiedPurchase"],
    ];
    for (const [body, field] of cases) {
      const answer = await write(buyer.browser, product.slug, body);
      expect(answer.status, JSON.stringify(body).slice(0, 80)).toBe(400);
      const error = await errorOf(answer);
      expect(error.code).toBe("invalid_request");
      expect(Object.keys(error.fields ?? {}).join(" ") || error.message).toContain(field);
    }
    const huge = await write(buyer.browser, product.slug, review(4, "Fine", "x".repeat(100_000)));
    expect([400, 413]).toContain(huge.status);
    expect(huge.headers.get("Content-Type")).toContain("application/json");
    expect(await countOf(sql`SELECT count(*) FROM reviews WHERE product_id = ${product.id} AND user_id IS NOT NULL`)).toBe(0);
  });
});
