import { OrderHistory, Reorder, SavedAddress, Wishlist } from "@shop/contracts";
import { sql } from "drizzle-orm";
import { describe, expect, it } from "vitest";
import { Browser, newEmail, PASSWORD, signedInShopper } from "./account-helpers";
import { skus } from "./cart-helpers";
import { ADDRESS, CHECKOUT, ownSkus, pay, setStock, startCheckout } from "./checkout-helpers";
import { errorOf, query } from "./helpers";

/** A signed-in shopper's order, paid by card through the real checkout. */
async function placeOrder(browser: Browser, lines: Array<[string, number]>, email = CHECKOUT.email) {
  for (const [sku, quantity] of lines) expect((await browser.post("/api/cart/items", { sku, quantity })).status).toBe(200);
  const started = await startCheckout(browser.cookie, { ...CHECKOUT, email });
  expect(started.status, await started.clone().text()).toBe(201);
  const checkout = (await started.json()) as { id: string };
  const paid = await pay(browser.cookie, checkout.id, "pm_card_visa");
  expect(paid.status).toBe("succeeded");
  return (paid as { order: { number: string } }).order.number;
}

const skusOf = async (offset: number, count: number) => (await ownSkus(offset, count, 10)).map((r) => r.sku);
const slugsOf = async (count: number) => (await query<{ slug: string }>(sql`SELECT slug FROM products ORDER BY id LIMIT ${count}`)).map((r) => r.slug);

describe("the address book", () => {
  it("saves, edits, moves the default and deletes, with checkout's validation", async () => {
    const { browser } = await signedInShopper("addresses");
    const first = SavedAddress.parse(await (await browser.post("/api/account/addresses", { address: ADDRESS })).json());
    expect(first).toMatchObject({ defaultShipping: true, defaultBilling: true });
    const second = await browser.post("/api/account/addresses", { address: { ...ADDRESS, line1: "2 Pier" }, defaultShipping: true });
    expect(second.status).toBe(201);
    const listed = SavedAddress.array().parse(await (await browser.get("/api/account/addresses")).json());
    expect(listed.map((a) => [a.address.line1, a.defaultShipping, a.defaultBilling])).toEqual([
      ["1 Market St", false, true],
      ["2 Pier", true, false],
    ]);
    const invalid = await browser.post("/api/account/addresses", { address: { ...ADDRESS, postalCode: "nope" } });
    expect(invalid.status).toBe(400);
    expect((await errorOf(invalid)).message).toMatch(/postalCode/);
    const edited = await browser.send("PUT", `/api/account/addresses/${first.id}`, { address: { ...ADDRESS, city: "Oakland" } });
    expect(((await edited.json()) as SavedAddress).address.city).toBe("Oakland");
    expect((await browser.send("DELETE", `/api/account/addresses/${first.id}`)).status).toBe(200);
    expect(await (await browser.get("/api/account/addresses")).json()).toHaveLength(1);
  });
});

describe("orders", () => {
  it("lists the shopper's orders newest first, opens one with its timeline, and reorders what is still sold", async () => {
    const { browser } = await signedInShopper("orders");
    const [a, b] = await skusOf(500, 2);
    const older = await placeOrder(browser, [[a!, 2]]);
    const newer = await placeOrder(browser, [
      [a!, 1],
      [b!, 3],
    ]);
    const history = OrderHistory.parse(await (await browser.get("/api/account/orders")).json());
    expect(history.orders.map((o) => o.number)).toEqual([newer, older]);
    expect(history.orders[0]).toMatchObject({ itemCount: 4, status: "paid" });
    const detail = (await (await browser.get(`/api/account/orders/${newer}`)).json()) as { history: Array<{ status: string }> };
    expect(detail.history.map((e) => e.status)).toEqual(["pending_payment", "paid"]);

    await setStock(b!, 1);
    const reordered = Reorder.parse(await (await browser.post(`/api/account/orders/${newer}/reorder`)).json());
    expect(reordered.added).toEqual([expect.objectContaining({ sku: a, quantity: 1 }), expect.objectContaining({ sku: b, quantity: 1 })]);
    expect(reordered.notAdded).toEqual([expect.objectContaining({ sku: b, reason: "only 1 of 3 could be added" })]);
    const cart = (await (await browser.get("/api/cart")).json()) as { lines: Array<{ sku: string; quantity: number }> };
    expect(Object.fromEntries(cart.lines.map((l) => [l.sku, l.quantity]))).toEqual({ [a!]: 1, [b!]: 1 });
  });

  it("claims guest orders placed with the account's verified email", async () => {
    const email = newEmail("claimer");
    const guest = new Browser();
    const [sku] = await skusOf(510, 1);
    const number = await placeOrder(guest, [[sku!, 1]], email);
    const { browser } = await signedInShopper("claimer-account");
    // Someone else's email: nothing to claim.
    expect(await (await browser.post("/api/account/orders/claim")).json()).toEqual({ claimed: 0 });
    const owner = new Browser();
    expect((await owner.post("/api/auth/sign-up/email", { email, password: PASSWORD, name: "Claire" })).status).toBe(200);
    expect((await owner.post("/api/auth/sign-in/email", { email, password: PASSWORD })).status).toBe(200);
    expect((await errorOf(await owner.post("/api/account/orders/claim"))).code).toBe("email_not_verified");
    await query(sql`UPDATE users SET email_verified = true WHERE email = ${email}`);
    expect(await (await owner.post("/api/account/orders/claim")).json()).toEqual({ claimed: 1 });
    expect((await owner.get(`/api/account/orders/${number}`)).status).toBe(200);
  });
});

describe("the wishlist", () => {
  it("keeps products, lists them newest first, moves one to the cart and removes another", async () => {
    const { browser } = await signedInShopper("wishes");
    const [single] = await query<{ slug: string; sku: string }>(sql`
      SELECT p.slug, min(v.sku) AS sku FROM products p JOIN variants v ON v.product_id = p.id JOIN inventory i ON i.sku = v.sku
      GROUP BY p.id HAVING count(*) = 1 AND min(i.available) > 5 ORDER BY p.id LIMIT 1`);
    const [other] = (await slugsOf(3)).filter((slug) => slug !== single!.slug);
    for (const slug of [other!, single!.slug]) expect((await browser.send("PUT", `/api/account/wishlist/${slug}`)).status).toBe(200);
    expect((await browser.send("PUT", `/api/account/wishlist/${single!.slug}`)).status).toBe(200); // again: a no-op
    expect((await browser.send("PUT", "/api/account/wishlist/no-such-product-anywhere")).status).toBe(404);
    const list = Wishlist.parse(await (await browser.get("/api/account/wishlist")).json());
    expect(list.items.map((i) => i.product.slug)).toEqual([single!.slug, other]);

    expect((await browser.post(`/api/account/wishlist/${single!.slug}/move-to-cart`)).status).toBe(200);
    const cart = (await (await browser.get("/api/cart")).json()) as { lines: Array<{ sku: string }> };
    expect(cart.lines.map((l) => l.sku)).toEqual([single!.sku]);
    expect((await browser.send("DELETE", `/api/account/wishlist/${other}`)).status).toBe(200);
    expect(Wishlist.parse(await (await browser.get("/api/account/wishlist")).json()).items).toEqual([]);
  });
});

describe("authorisation", () => {
  it("answers 401 without a session, and 404 for another shopper's order, address, wishlist and cart", async () => {
    const { browser: alice } = await signedInShopper("alice");
    const { browser: mallory } = await signedInShopper("mallory");
    const [sku] = await skusOf(520, 1);
    const order = await placeOrder(alice, [[sku!, 1]]);
    const address = SavedAddress.parse(await (await alice.post("/api/account/addresses", { address: ADDRESS })).json());
    const [slug] = await slugsOf(1);
    await alice.send("PUT", `/api/account/wishlist/${slug}`);
    const [item] = await skus(1);
    await alice.post("/api/cart/items", { sku: item!.sku, quantity: 1 });

    for (const path of ["/api/account", "/api/account/orders", "/api/account/addresses", "/api/account/wishlist", "/api/account/export"]) {
      expect((await new Browser().get(path)).status, path).toBe(401);
    }
    expect((await mallory.get(`/api/account/orders/${order}`)).status).toBe(404);
    expect((await mallory.post(`/api/account/orders/${order}/reorder`)).status).toBe(404);
    expect((await mallory.send("PUT", `/api/account/addresses/${address.id}`, { address: ADDRESS })).status).toBe(404);
    expect((await mallory.send("DELETE", `/api/account/addresses/${address.id}`)).status).toBe(404);
    expect((await mallory.post(`/api/account/wishlist/${slug}/move-to-cart`)).status).toBe(404);
    expect(((await (await mallory.get("/api/account/orders")).json()) as OrderHistory).orders).toEqual([]);
    expect(await (await mallory.get("/api/account/addresses")).json()).toEqual([]);
    expect(((await (await mallory.get("/api/account/wishlist")).json()) as Wishlist).items).toEqual([]);
    expect(((await (await mallory.get("/api/cart")).json()) as { lines: unknown[] }).lines).toEqual([]);
    // Alice's things are untouched.
    expect(await (await alice.get("/api/account/addresses")).json()).toHaveLength(1);
    expect((await alice.get(`/api/account/orders/${order}`)).status).toBe(200);
  });

  it("refuses account writes from another origin", async () => {
    const { browser } = await signedInShopper("origin");
    const answer = await browser.send(
      "POST",
      "/api/account/addresses",
      { address: ADDRESS },
      { Origin: "https://evil.example", "Sec-Fetch-Site": "cross-site" },
    );
    expect(answer.status).toBe(403);
    expect(await (await browser.get("/api/account/addresses")).json()).toEqual([]);
  });
});

describe("export and deletion", () => {
  it("exports everything stored about the shopper, without secrets", async () => {
    const { browser, email } = await signedInShopper("exporter");
    await browser.post("/api/account/addresses", { address: ADDRESS });
    const [sku] = await skusOf(530, 1);
    const order = await placeOrder(browser, [[sku!, 1]]);
    const [soldOut] = await skusOf(531, 1);
    await query(sql`UPDATE inventory SET available = 0 WHERE sku = ${soldOut!}`);
    expect((await browser.post("/api/notifications/stock-alerts", { sku: soldOut!, email })).status).toBe(202);
    expect((await browser.send("PATCH", "/api/notifications/preferences", { reviewRequests: false })).status).toBe(200);
    const answer = await browser.get("/api/account/export");
    expect(answer.headers.get("Content-Disposition")).toMatch(/attachment/);
    const text = await answer.text();
    const data = JSON.parse(text) as {
      profile: { email: string };
      addresses: unknown[];
      orders: Array<{ number: string }>;
      sessions: unknown[];
      emails: { waitingForRestock: Array<{ sku: string }>; unsubscribedFrom: string[] };
    };
    expect(data.profile.email).toBe(email.toLowerCase());
    expect(data.addresses).toHaveLength(1);
    expect(data.orders.map((o) => o.number)).toEqual([order]);
    expect(data.sessions.length).toBeGreaterThan(0);
    expect(data.emails.waitingForRestock.map((a) => a.sku)).toEqual([soldOut]);
    expect(data.emails.unsubscribedFrom).toEqual(["review_request"]);
    expect(text).not.toMatch(/scrypt\$|session_token|"token"/);
  });

  it("deletes the account: orders anonymised, sessions, passkeys and cart gone, no sign-in after", async () => {
    const { browser, email } = await signedInShopper("leaver");
    const other = new Browser();
    await other.post("/api/auth/sign-in/email", { email, password: PASSWORD });
    const [sku] = await skusOf(540, 1);
    const order = await placeOrder(browser, [[sku!, 1]], email);
    await browser.post("/api/cart/items", { sku: sku!, quantity: 1 });
    const [soldOut] = await skusOf(541, 1);
    await query(sql`UPDATE inventory SET available = 0 WHERE sku = ${soldOut!}`);
    expect((await browser.post("/api/notifications/stock-alerts", { sku: soldOut!, email })).status).toBe(202);
    expect((await errorOf(await browser.send("DELETE", "/api/account", { confirm: "delete my account", password: "wrong password here" }))).code).toBe(
      "wrong_password",
    );
    expect((await browser.send("DELETE", "/api/account", { confirm: "yes" })).status).toBe(400);

    expect((await browser.send("DELETE", "/api/account", { confirm: "delete my account", password: PASSWORD })).status).toBe(200);
    expect((await browser.get("/api/account")).status).toBe(401);
    expect((await other.get("/api/account")).status).toBe(401);
    expect((await new Browser().post("/api/auth/sign-in/email", { email, password: PASSWORD })).status).toBe(401);
    const [kept] = await query<{ email: string; user_id: string | null; name: string; country: string }>(
      sql`SELECT email, user_id, shipping_address->>'name' AS name, shipping_address->>'country' AS country FROM orders WHERE number = ${order}`,
    );
    expect(kept).toEqual({ email: "erased@invalid", user_id: null, name: "", country: "US" });
    expect(await query(sql`SELECT 1 FROM users WHERE email = ${email.toLowerCase()}`)).toHaveLength(0);
    expect(await query(sql`SELECT 1 FROM outbox WHERE lower(recipient) = ${email.toLowerCase()}`)).toHaveLength(0);
    expect(await query(sql`SELECT 1 FROM stock_alerts WHERE lower(email) = ${email.toLowerCase()}`)).toHaveLength(0);
  });
});

describe("roles", () => {
  it("lets an admin's session do what the admin token does; a customer's session is refused", async () => {
    const [sku] = await skusOf(550, 1);
    const { browser: customer } = await signedInShopper("customer");
    const { browser: operator, email } = await signedInShopper("operator");
    await query(sql`UPDATE users SET role = 'admin' WHERE email = ${email.toLowerCase()}`);
    const change = (browser: Browser) => browser.send("PUT", `/api/admin/inventory/${sku}`, { available: 7 });
    expect((await change(customer)).status).toBe(403);
    expect((await change(new Browser())).status).toBe(401);
    expect((await change(operator)).status).toBe(200);
    expect(((await (await operator.get("/api/account")).json()) as { role: string }).role).toBe("admin");
  });
});
