import { AdminCoupon, AdminCouponList, AdminOrderList, AuditPage, Cart, CustomerDetail, CustomerList, Order, StockDetail, StockList } from "@shop/contracts";
import { sql } from "drizzle-orm";
import { describe, expect, it, vi } from "vitest";
import { Browser, newEmail, signedInOperator, signedInShopper } from "./account-helpers";
import { cartWith, skus } from "./cart-helpers";
import { CHECKOUT, checkoutWith, ownSkus, pay } from "./checkout-helpers";
import { adminHeaders, ageSessions, call, countOf, errorOf, json, publishShop, query, userIdOf } from "./helpers";

// The back office's rules, whatever team's page: who may call it, what it writes down, and when it
// asks for a fresh sign-in. Then each team's routes.

const doc = (await (await call("/api/openapi.json")).json()) as { paths: Record<string, Record<string, unknown>> };
/** Every back-office route the API documents, with its parameters filled in. */
const backOfficeRoutes = Object.entries(doc.paths)
  .filter(([path]) => path.startsWith("/api/admin/"))
  .flatMap(([path, methods]) => Object.keys(methods).map((method) => [method.toUpperCase(), path.replace(/\{[^}]+\}/g, "X1")] as const));

const auditOf = async (subject: string) =>
  AuditPage.parse(await (await call(`/api/admin/audit?subject=${encodeURIComponent(subject)}`, { headers: adminHeaders })).json()).entries;

let codes = 0;
const newCode = (prefix = "BO") => `${prefix}-${Date.now().toString(36)}-${codes++}`.toUpperCase();

describe("who may use the back office", () => {
  it("every back-office route refuses a visitor without a session (401) and a customer's session (403), changing nothing", async () => {
    expect(backOfficeRoutes.length).toBeGreaterThan(10);
    const before = await countOf(sql`SELECT count(*) FROM audit_entries`);
    const customer = await signedInShopper("customer");
    for (const [method, path] of backOfficeRoutes) {
      const body = method === "GET" ? undefined : {};
      // Each from an address of its own: wrong or missing tokens from one address are soon 429.
      const signedOut = await new Browser().send(method, path, body);
      expect(signedOut.status, `${method} ${path} signed out`).toBe(401);
      const asCustomer = await customer.browser.send(method, path, body);
      expect(asCustomer.status, `${method} ${path} as a customer`).toBe(403);
      expect((await errorOf(asCustomer)).code).toBe("forbidden");
    }
    expect(await countOf(sql`SELECT count(*) FROM audit_entries`)).toBe(before);
  });

  it("a back-office page is the shop's document for an operator; a visitor is asked to sign in (401) and a customer refused (403)", async () => {
    await publishShop();
    const anonymous = await new Browser().get("/admin/coupons?q=x");
    expect(anonymous.status).toBe(401);
    expect(await anonymous.text()).toContain(`href="/account?back=%2Fadmin%2Fcoupons%3Fq%3Dx"`);
    const customer = await signedInShopper("customer");
    expect((await customer.browser.get("/admin")).status).toBe(403);
    const operator = await signedInOperator();
    const page = await operator.browser.get("/admin/coupons");
    expect(page.status).toBe(200);
    expect(await page.text()).toContain('id="remote-map"');
  });

  it("refunds need a sign-in within the last 15 minutes; signing in again lets the same operator refund", async () => {
    const [a] = await ownSkus(1200, 1, 20);
    const { cookie, checkout } = await checkoutWith([[a!.sku, 1]]);
    const { order } = await pay(cookie, checkout.id, "pm_card_visa");
    const operator = await signedInOperator();
    await ageSessions(
      await userIdOf(operator.email),
      sql`UPDATE sessions SET created_at = now() - interval '16 minutes' WHERE user_id = (SELECT id FROM users WHERE email = ${operator.email})`,
    );
    const refund = () => operator.browser.post(`/api/admin/orders/${order!.number}/refund`, { amount: 100, reason: "Scratched" });
    const stale = await refund();
    expect(stale.status).toBe(403);
    expect((await errorOf(stale)).code).toBe("sign_in_again");
    expect(await countOf(sql`SELECT count(*) FROM refunds WHERE order_number = ${order!.number}`)).toBe(0);

    expect((await operator.browser.post("/api/auth/sign-in/email", { email: operator.email, password: "correct horse battery staple" })).status).toBe(200);
    expect((await refund()).status).toBe(200);
    expect(await countOf(sql`SELECT count(*) FROM refunds WHERE order_number = ${order!.number}`)).toBe(1);
  });
});

describe("coupons (the cart team's back office)", () => {
  const draft = (code: string) => ({ code, description: "Ten off the winter range", kind: "percent", value: 10 });

  it("an operator creates a coupon and a shopper's cart takes it at once; the audit log says who made it and what it said", async () => {
    const operator = await signedInOperator();
    const code = newCode("WINTER");
    const created = await operator.browser.post("/api/admin/coupons", { ...draft(code.toLowerCase()), minSubtotalCents: 500 });
    expect(created.status, await created.clone().text()).toBe(201);
    expect(AdminCoupon.parse(await created.json())).toMatchObject({ code, state: "active", timesUsed: 0, disabled: false });

    const [a] = await skus(1);
    const { cookie, cart } = await cartWith([[a!.sku, 2]]);
    const applied = Cart.parse(await (await json("PUT", "/api/cart/coupon", { code }, { Cookie: cookie })).json());
    expect(applied.coupon).toMatchObject({ code, status: "applied" });
    expect(applied.discount.amount).toBe(Math.round(cart.subtotal.amount / 10));

    const [entry] = await auditOf(`coupon:${code}`);
    expect(entry).toMatchObject({ actor: `admin:${operator.email}`, area: "cart", action: "coupon.create", before: null });
    expect(entry!.after).toMatchObject({ code, kind: "percent", value: 10, minSubtotalCents: 500 });
  });

  it("a change and a switch-off reach carts at their next pricing, each written down as before → after", async () => {
    const code = newCode();
    expect((await json("POST", "/api/admin/coupons", draft(code), adminHeaders)).status).toBe(201);
    const [a] = await skus(1);
    const { cookie } = await cartWith([[a!.sku, 1]]);
    await json("PUT", "/api/cart/coupon", { code }, { Cookie: cookie });

    const changed = await json("PATCH", `/api/admin/coupons/${code}`, { value: 25, maxUses: 3 }, adminHeaders);
    expect(AdminCoupon.parse(await changed.json())).toMatchObject({ value: 25, maxUses: 3 });
    const off = await json("PATCH", `/api/admin/coupons/${code.toLowerCase()}`, { disabled: true }, adminHeaders);
    expect(AdminCoupon.parse(await off.json()).state).toBe("disabled");
    const cart = Cart.parse(await (await call("/api/cart", { headers: { Cookie: cookie } })).json());
    expect(cart.coupon).toMatchObject({ status: "expired", message: `${code} is no longer available.` });
    expect(cart.discount.amount).toBe(0);

    const entries = await auditOf(`coupon:${code}`);
    expect(entries.map((e) => e.action)).toEqual(["coupon.disable", "coupon.change", "coupon.create"]);
    expect(entries[0]).toMatchObject({ actor: "admin token", before: { disabled: false }, after: { disabled: true } });
    expect(entries[1]).toMatchObject({ before: { value: 10, maxUses: null }, after: { value: 25, maxUses: 3 } });

    expect((await json("PATCH", `/api/admin/coupons/${code}`, { disabled: false }, adminHeaders)).status).toBe(200);
    const again = Cart.parse(await (await call("/api/cart", { headers: { Cookie: cookie } })).json());
    expect(again.coupon?.status).toBe("applied");
  });

  it("lists coupons by code or description with their use so far", async () => {
    const code = newCode("LISTED");
    await json("POST", "/api/admin/coupons", { ...draft(code), description: `Listed ${code} for a search test`, maxUses: 5 }, adminHeaders);
    await query(sql`UPDATE coupons SET times_used = 2 WHERE code = ${code}`);
    const found = AdminCouponList.parse(
      await (await call(`/api/admin/coupons?q=${encodeURIComponent(`listed ${code.toLowerCase()} FOR a`)}`, { headers: adminHeaders })).json(),
    );
    expect(found.items).toEqual([expect.objectContaining({ code, timesUsed: 2, maxUses: 5, state: "active" })]);
    // What is typed is searched for as typed: `%` is a percent sign, not "anything".
    const wild = AdminCouponList.parse(
      await (await call(`/api/admin/coupons?q=${encodeURIComponent(`listed ${code}%test`)}`, { headers: adminHeaders })).json(),
    );
    expect(wild.items).toEqual([]);
  });

  it("refuses bad terms field by field, a taken code, and changes to no coupon, storing nothing", async () => {
    const code = newCode();
    const before = await countOf(sql`SELECT count(*) FROM coupons`);
    const audited = await countOf(sql`SELECT count(*) FROM audit_entries`);
    const cases: Array<[unknown, string]> = [
      [{ ...draft(code), value: 101 }, "value"],
      [{ ...draft(code), value: 12.5 }, "value"],
      [{ ...draft(code), kind: "bogo" }, "kind"],
      [{ ...draft("no spaces") }, "code"],
      [{ ...draft(code), description: "" }, "description"],
      [{ ...draft(code), startsAt: "2027-01-02T00:00:00Z", endsAt: "2027-01-01T00:00:00Z" }, "endsAt"],
      [{ ...draft(code), maxUses: 0 }, "maxUses"],
      [{ ...draft(code), categorySlug: "no-such-category" }, "categorySlug"],
      [{ ...draft(code), timesUsed: 0 }, ""],
    ];
    for (const [body, field] of cases) {
      const response = await json("POST", "/api/admin/coupons", body, adminHeaders);
      expect(response.status, JSON.stringify(body)).toBe(400);
      const { error } = (await response.json()) as { error: { code: string; fields?: Record<string, string> } };
      expect(error.code).toBe("invalid_request");
      if (field) expect(Object.keys(error.fields ?? {}), JSON.stringify(body)).toContain(field);
    }
    expect(await countOf(sql`SELECT count(*) FROM coupons`)).toBe(before);

    expect((await json("POST", "/api/admin/coupons", draft(code), adminHeaders)).status).toBe(201);
    const taken = await json("POST", "/api/admin/coupons", draft(code), adminHeaders);
    expect(taken.status).toBe(409);
    expect((await json("PATCH", `/api/admin/coupons/${code}`, { kind: "percent", value: 150 }, adminHeaders)).status).toBe(400);
    expect((await json("PATCH", `/api/admin/coupons/${code}`, { endsAt: "2000-01-01T00:00:00Z" }, adminHeaders)).status).toBe(400);
    expect((await json("PATCH", `/api/admin/coupons/${code}`, {}, adminHeaders)).status).toBe(400);
    expect((await json("PATCH", "/api/admin/coupons/NOPE-NONE", { value: 5 }, adminHeaders)).status).toBe(404);
    expect(await countOf(sql`SELECT count(*) FROM audit_entries`)).toBe(audited + 1);
    expect(AdminCoupon.parse(await (await call(`/api/admin/coupons/${code}`, { headers: adminHeaders })).json()).value).toBe(10);
  });
});

describe("orders (the checkout team's back office)", () => {
  async function paidOrder(offset: number, email: string) {
    const [a] = await ownSkus(offset, 1, 20);
    const { cookie, checkout } = await checkoutWith([[a!.sku, 2]], { ...CHECKOUT, email });
    const { order } = await pay(cookie, checkout.id, "pm_card_visa");
    return order!.number;
  }
  const list = async (query: string) => AdminOrderList.parse(await (await call(`/api/admin/orders?${query}`, { headers: adminHeaders })).json());

  it("finds orders by number, by email in any case, by status and by day, newest first, a page at a time", async () => {
    const email = newEmail("buyer");
    const first = await paidOrder(1210, email);
    const second = await paidOrder(1211, email);
    expect((await list(`q=${first.toLowerCase()}`)).items.map((o) => o.number)).toEqual([first]);
    const byEmail = await list(`q=${encodeURIComponent(email.toUpperCase())}`);
    expect(byEmail.items.map((o) => o.number)).toEqual([second, first]);
    expect(byEmail.items[0]).toMatchObject({ email, status: "paid", items: 2 });

    const pageOne = await list(`q=${encodeURIComponent(email)}&limit=1`);
    expect(pageOne.items.map((o) => o.number)).toEqual([second]);
    const pageTwo = await list(`q=${encodeURIComponent(email)}&limit=1&after=${encodeURIComponent(pageOne.next!)}`);
    expect(pageTwo.items.map((o) => o.number)).toEqual([first]);
    expect(pageTwo.next).toBeNull();

    await json("POST", `/api/admin/orders/${first}/fulfil`, {}, adminHeaders);
    expect((await list(`q=${encodeURIComponent(email)}&status=fulfilled`)).items.map((o) => o.number)).toEqual([first]);
    const today = new Date().toISOString().slice(0, 10);
    expect((await list(`q=${encodeURIComponent(email)}&from=${today}&to=${today}`)).items).toHaveLength(2);
    expect((await list(`q=${encodeURIComponent(email)}&to=2000-01-01`)).items).toHaveLength(0);
    for (const bad of ["status=lost", "from=yesterday", "from=2026-02-31x", "limit=0", "limit=1000"]) {
      expect((await call(`/api/admin/orders?${bad}`, { headers: adminHeaders })).status, bad).toBe(400);
    }
  });

  it("shipping, delivery, refunds and cancellations are each written down with who did them; the shopper's order shows the parcel", async () => {
    const operator = await signedInOperator();
    const shipped = await paidOrder(1212, newEmail("shipped"));
    const fulfil = await operator.browser.post(`/api/admin/orders/${shipped}/fulfil`, { carrier: "UPS", trackingNumber: "1Z 999 AA1" });
    const order = Order.parse(await fulfil.json());
    expect(order.shipment).toEqual({ carrier: "UPS", trackingNumber: "1Z 999 AA1", trackingUrl: "https://www.ups.com/track?tracknum=1Z%20999%20AA1" });
    expect(order.history.at(-1)).toMatchObject({ status: "fulfilled", cause: `shipped by admin:${operator.email}` });
    await operator.browser.post(`/api/admin/orders/${shipped}/deliver`);
    await operator.browser.post(`/api/admin/orders/${shipped}/refund`, { amount: 250, reason: "Box dented" });
    const entries = await auditOf(`order:${shipped}`);
    expect(entries.map((e) => [e.action, e.actor])).toEqual([
      ["order.refund", `admin:${operator.email}`],
      ["order.deliver", `admin:${operator.email}`],
      ["order.fulfil", `admin:${operator.email}`],
    ]);
    expect(entries[0]).toMatchObject({ before: { refundedCents: 0 }, after: { refundedCents: 250, status: "refunded", reason: "Box dented" } });
    expect(entries[2]).toMatchObject({
      before: { status: "paid", carrier: null },
      after: { status: "fulfilled", carrier: "UPS", trackingNumber: "1Z 999 AA1" },
    });

    const cancelled = await paidOrder(1213, newEmail("cancelled"));
    await json("POST", `/api/admin/orders/${cancelled}/cancel`, { reason: "Out of stock at the warehouse" }, adminHeaders);
    const [cancel] = await auditOf(`order:${cancelled}`);
    expect(cancel).toMatchObject({ action: "order.cancel", actor: "admin token", after: { status: "cancelled" } });
  });

  it("refunds chosen lines by their paid share, puts their units back on sale when asked, and pays each unit back once even when 20 operators race", async () => {
    const [a, b] = await ownSkus(1214, 2, 20);
    const { cookie, checkout } = await checkoutWith([
      [a!.sku, 2],
      [b!.sku, 1],
    ]);
    const { order } = await pay(cookie, checkout.id, "pm_card_visa");
    const number = order!.number;
    const [before] = await query<{ available: number }>(sql`SELECT available FROM inventory WHERE sku = ${a!.sku}`);
    const [o] = await query<{ total_cents: number; shipping_cents: number; subtotal_cents: number }>(
      sql`SELECT total_cents, shipping_cents, subtotal_cents FROM orders WHERE number = ${number}`,
    );
    const [line] = await query<{ line_total_cents: number }>(sql`SELECT line_total_cents FROM order_lines WHERE order_number = ${number} AND sku = ${a!.sku}`);
    const share = Math.floor((line!.line_total_cents * 1 * (o!.total_cents - o!.shipping_cents)) / (2 * o!.subtotal_cents));

    const refund = (body: unknown) => json("POST", `/api/admin/orders/${number}/refund`, body, adminHeaders);
    const raced = await Promise.all(
      Array.from({ length: 20 }, () => refund({ lines: [{ sku: a!.sku, quantity: 1 }], restock: true, reason: "Arrived broken" })),
    );
    // The line has two units: two refunds pay them back, the other 18 are told so.
    expect(raced.filter((r) => r.status === 200)).toHaveLength(2);
    expect(raced.filter((r) => r.status === 409)).toHaveLength(18);
    const third = await refund({ lines: [{ sku: a!.sku, quantity: 1 }], reason: "Again" });
    expect(third.status).toBe(409);
    expect((await errorOf(third)).code).toBe("already_refunded");

    const [after] = await query<{ refunded_cents: number }>(sql`SELECT refunded_cents FROM orders WHERE number = ${number}`);
    expect(after!.refunded_cents).toBe(2 * share);
    expect(await countOf(sql`SELECT count(*) FROM refunds WHERE order_number = ${number} AND status = 'succeeded'`)).toBe(2);
    const [stock] = await query<{ available: number }>(sql`SELECT available FROM inventory WHERE sku = ${a!.sku}`);
    expect(stock!.available).toBe(before!.available + 2);
    const moves = await query<{ change: number; reason: string }>(
      sql`SELECT change, reason FROM stock_movements WHERE sku = ${a!.sku} AND reason = ${`refund of ${number}`}`,
    );
    expect(moves.map((m) => m.change)).toEqual([1, 1]);

    for (const [body, status] of [
      [{ lines: [{ sku: "NOT-IN-ORDER", quantity: 1 }], reason: "x" }, 422],
      [{ lines: [{ sku: b!.sku, quantity: 1 }], amount: 100, reason: "x" }, 400],
      [{ amount: 100, restock: true, reason: "x" }, 400],
      [{ lines: [], reason: "x" }, 400],
      [{ lines: [{ sku: b!.sku, quantity: 2 }], reason: "x" }, 409],
    ] as const) {
      expect((await refund(body)).status, JSON.stringify(body)).toBe(status);
    }
  });

  it("a stock level set and a price changed are written down as before → after", async () => {
    const [a] = await ownSkus(1214, 1, 20);
    await json("PUT", `/api/admin/inventory/${a!.sku}`, { available: 7 }, adminHeaders);
    const [stock] = await auditOf(`sku:${a!.sku}`);
    expect(stock).toMatchObject({ action: "stock.set", before: { available: 20 }, after: { available: 7 } });
    const [{ price_cents }] = (await query<{ price_cents: number }>(sql`SELECT price_cents FROM variants WHERE sku = ${a!.sku}`)) as [{ price_cents: number }];
    await json("PATCH", `/api/admin/variants/${a!.sku}`, { price: price_cents + 100 }, adminHeaders);
    const [price] = await auditOf(`sku:${a!.sku}`);
    expect(price).toMatchObject({ action: "variant.change", before: { price: price_cents }, after: { price: price_cents + 100 } });
    await json("PATCH", `/api/admin/variants/${a!.sku}`, { price: price_cents }, adminHeaders);
  });
});

describe("stock (the checkout team's back office)", () => {
  const adjust = (sku: string, body: unknown, headers = adminHeaders) => json("POST", `/api/admin/stock/${sku}/adjustments`, body, headers);

  it("units in and out are kept in the SKU's movements with their reason, move the storefront's availability at once, and never go below zero", async () => {
    const operator = await signedInOperator();
    const [a] = await ownSkus(1220, 1, 3);
    const sku = a!.sku;
    const slug = (await query<{ slug: string }>(sql`SELECT p.slug FROM variants v JOIN products p ON p.id = v.product_id WHERE v.sku = ${sku}`))[0]!.slug;
    const availableOnPage = async () =>
      ((await (await call(`/api/catalog/products/${slug}`)).json()) as { variants: Array<{ sku: string; available: number }> }).variants.find(
        (v) => v.sku === sku,
      )!.available;
    expect(await availableOnPage()).toBe(3);

    const delivered = await operator.browser.post(`/api/admin/stock/${sku}/adjustments`, { change: 12, reason: "Delivery from the supplier" });
    expect(delivered.status, await delivered.clone().text()).toBe(200);
    expect(StockDetail.parse(await delivered.json())).toMatchObject({ sku, available: 15, held: 0 });
    expect(await availableOnPage()).toBe(15);
    await adjust(sku, { change: -2, reason: "Damaged in the warehouse" });

    const tooMany = await adjust(sku, { change: -14, reason: "Lost" });
    expect(tooMany.status).toBe(409);
    expect((await errorOf(tooMany)).code).toBe("stock_below_zero");
    for (const body of [
      { change: 0, reason: "Nothing" },
      { change: 1.5, reason: "Half" },
      { change: 3 },
      { change: 3, reason: "" },
      { change: 3, reason: "x", extra: 1 },
    ]) {
      expect((await adjust(sku, body)).status, JSON.stringify(body)).toBe(400);
    }
    expect((await adjust("SKU-9999999-9", { change: 1, reason: "Ghost" })).status).toBe(404);

    const detail = StockDetail.parse(await (await call(`/api/admin/stock/${sku}`, { headers: adminHeaders })).json());
    expect(detail.available).toBe(13);
    expect(detail.movements.slice(0, 3).map((m) => [m.kind, m.availableAfter, m.reason])).toEqual([
      ["adjustment", 13, "Damaged in the warehouse"],
      ["adjustment", 15, "Delivery from the supplier"],
      ["count", 3, "stock count"],
    ]);
    expect(detail.movements.slice(0, 2).map((m) => m.change)).toEqual([-2, 12]);
    expect(detail.movements[1]!.actor).toBe(`admin:${operator.email}`);
    const [audited] = await auditOf(`sku:${sku}`);
    expect(audited).toMatchObject({ action: "stock.adjust", before: { available: 15 }, after: { available: 13, reason: "Damaged in the warehouse" } });
    expect(await availableOnPage()).toBe(13);
  });

  it("lists low stock lowest first, a page at a time, with what checkouts hold", async () => {
    const [a, b] = await ownSkus(1222, 2, 0);
    await json("PUT", `/api/admin/inventory/${b!.sku}`, { available: 1 }, adminHeaders);
    const { cookie } = await cartWith([[b!.sku, 1]]);
    await json("POST", "/api/checkout", CHECKOUT, { Cookie: cookie });
    const low = StockList.parse(await (await call("/api/admin/stock?low=true&limit=100", { headers: adminHeaders })).json());
    expect(low.items.every((row, i, rows) => row.available <= 5 && (i === 0 || rows[i - 1]!.available <= row.available))).toBe(true);
    const soldOut = StockList.parse(await (await call(`/api/admin/stock?low=true&q=${a!.sku}`, { headers: adminHeaders })).json());
    expect(soldOut.items).toEqual([expect.objectContaining({ sku: a!.sku, available: 0 })]);
    const one = StockList.parse(await (await call(`/api/admin/stock?q=${b!.sku.toLowerCase()}`, { headers: adminHeaders })).json());
    expect(one.items).toEqual([expect.objectContaining({ sku: b!.sku, available: 0, held: 1 })]);
    const first = StockList.parse(await (await call("/api/admin/stock?low=true&limit=2", { headers: adminHeaders })).json());
    const second = StockList.parse(
      await (await call(`/api/admin/stock?low=true&limit=2&after=${encodeURIComponent(first.next!)}`, { headers: adminHeaders })).json(),
    );
    expect(second.items[0]!.available).toBeGreaterThanOrEqual(first.items[1]!.available);
    expect(second.items.map((r) => r.sku)).not.toContain(first.items[1]!.sku);
  });
});

describe("customers (the account team's back office)", () => {
  const idOf = async (email: string) => (await query<{ id: string }>(sql`SELECT id FROM users WHERE email = ${email}`))[0]!.id;

  it("finds a customer by email or name; ends their sessions at once; grants and revokes the admin role with a fresh sign-in, never one's own", async () => {
    const operator = await signedInOperator();
    const customer = await signedInShopper("findme");
    const id = await idOf(customer.email);
    const found = CustomerList.parse(
      await (await operator.browser.get(`/api/admin/customers?q=${encodeURIComponent(customer.email.slice(0, 12).toUpperCase())}`)).json(),
    );
    expect(found.items.map((c) => c.id)).toContain(id);
    const detail = CustomerDetail.parse(await (await operator.browser.get(`/api/admin/customers/${id}`)).json());
    expect(detail).toMatchObject({ email: customer.email, role: "customer" });
    expect(detail.sessions.length).toBeGreaterThan(0);

    expect((await customer.browser.get("/api/account")).status).toBe(200);
    const ended = await operator.browser.post(`/api/admin/customers/${id}/sessions/end`);
    expect(await ended.json()).toEqual({ ended: detail.sessions.length });
    expect((await customer.browser.get("/api/account")).status).toBe(401);

    const grant = await operator.browser.send("PUT", `/api/admin/customers/${id}/role`, { role: "admin" });
    expect(grant.status).toBe(200);
    expect(CustomerDetail.parse(await grant.json()).role).toBe("admin");
    const self = await operator.browser.send("PUT", `/api/admin/customers/${await idOf(operator.email)}/role`, { role: "customer" });
    expect(self.status).toBe(409);
    await ageSessions(
      await idOf(operator.email),
      sql`UPDATE sessions SET created_at = now() - interval '20 minutes' WHERE user_id = ${await idOf(operator.email)}`,
    );
    const stale = await operator.browser.send("PUT", `/api/admin/customers/${id}/role`, { role: "customer" });
    expect((await errorOf(stale)).code).toBe("sign_in_again");
    expect((await auditOf(`customer:${id}`)).map((e) => e.action)).toEqual(["customer.grant_admin", "customer.end_sessions"]);
  });

  it("reads an operator's role where the operators' tool writes it: revoked there, the next back-office request is refused", async () => {
    const operator = await signedInOperator("revoked-by-tool");
    expect((await operator.browser.get("/api/admin/customers")).status).toBe(200);
    await query(sql`UPDATE users SET role = 'customer' WHERE email = ${operator.email.toLowerCase()}`); // npm run operator -- revoke
    expect((await errorOf(await operator.browser.get("/api/admin/customers"))).code).toBe("forbidden");
    expect((await operator.browser.get("/admin/experiments")).status).toBe(403);
  });

  it("exports and erases a customer on request, each written down; their orders stay, anonymised", async () => {
    const customer = await signedInShopper("leaving");
    const id = await idOf(customer.email);
    const exported = await call(`/api/admin/customers/${id}/export`, { headers: adminHeaders });
    expect(exported.headers.get("Content-Disposition")).toContain("attachment");
    expect(((await exported.json()) as { profile: { email: string } }).profile.email).toBe(customer.email);
    const erased = await call(`/api/admin/customers/${id}`, { method: "DELETE", headers: adminHeaders });
    expect(erased.status).toBe(200);
    expect((await call(`/api/admin/customers/${id}`, { headers: adminHeaders })).status).toBe(404);
    expect((await customer.browser.get("/api/account")).status).toBe(401);
    expect((await auditOf(`customer:${id}`)).map((e) => e.action)).toEqual(["customer.erase", "customer.export"]);
  });
});

describe("undelivered emails (the platform's back office)", () => {
  /** A copy of an order's confirmation that the shop gave up on. */
  async function undelivered(status: "failed" | "unknown") {
    const [a] = await ownSkus(1290, 1, 20);
    const { cookie, checkout } = await checkoutWith([[a!.sku, 1]]);
    const { order } = await pay(cookie, checkout.id, "pm_card_visa");
    const [row] = await query<{ id: number }>(sql`INSERT INTO outbox (kind, recipient, data, order_number, status, attempts, last_error)
      SELECT kind, recipient, data, order_number, ${status}, 5, 'the provider said no' FROM outbox
      WHERE order_number = ${order!.number} AND kind = 'order_confirmation' RETURNING id`);
    return row!.id;
  }
  const statusOf = async (id: number) => (await query<{ status: string; attempts: number }>(sql`SELECT status, attempts FROM outbox WHERE id = ${id}`))[0]!;

  it("an operator sends one again (it is delivered, once) or marks one sent; each is audited, and only an undelivered email can be moved", async () => {
    const operator = await signedInOperator();
    const failed = await undelivered("failed");
    expect((await operator.browser.post(`/api/admin/messages/${failed}/send-again`)).status).toBe(200);
    await vi.waitFor(async () => expect((await statusOf(failed)).status).toBe("sent"), { timeout: 10_000, interval: 200 });
    expect((await statusOf(failed)).attempts).toBe(1);
    const again = await operator.browser.post(`/api/admin/messages/${failed}/send-again`);
    expect(again.status).toBe(409);
    expect((await errorOf(again)).code).toBe("not_undelivered");

    const unknown = await undelivered("unknown");
    expect((await json("POST", `/api/admin/messages/${unknown}/mark-sent`, undefined, adminHeaders)).status).toBe(200);
    expect(await statusOf(unknown)).toMatchObject({ status: "sent" });
    expect((await json("POST", "/api/admin/messages/999999999/mark-sent", undefined, adminHeaders)).status).toBe(404);

    expect((await auditOf(`message:${failed}`)).map((e) => [e.action, e.actor, e.before, e.after])).toEqual([
      ["message.send_again", `admin:${operator.email}`, { status: "failed", attempts: 5 }, { status: "pending", attempts: 0 }],
    ]);
    expect((await auditOf(`message:${unknown}`))[0]).toMatchObject({ action: "message.mark_sent", actor: "admin token", after: { status: "sent" } });
  });

  it("the undelivered emails page's buttons work for an operator, by a same-origin form, and for no one else", async () => {
    const id = await undelivered("failed");
    const post = (browser: Browser, origin = "http://shop.test") =>
      call(`/admin/messages/${id}`, {
        method: "POST",
        redirect: "manual",
        body: "action=mark-sent",
        headers: {
          "Content-Type": "application/x-www-form-urlencoded",
          Origin: origin,
          "Sec-Fetch-Site": origin === "http://shop.test" ? "same-origin" : "cross-site",
          "CF-Connecting-IP": browser.address,
          ...(browser.cookie && { Cookie: browser.cookie }),
        },
      });
    expect((await post(new Browser())).status).toBe(401);
    expect((await post((await signedInShopper("customer")).browser)).status).toBe(403);
    const operator = await signedInOperator();
    expect((await post(operator.browser, "https://evil.example")).status).toBe(403);
    expect((await statusOf(id)).status).toBe("failed");
    const done = await post(operator.browser);
    expect(done.status).toBe(303);
    expect(done.headers.get("Location")).toBe(`/admin/messages?done=mark-sent&id=${id}`);
    expect((await statusOf(id)).status).toBe("sent");
    const page = await operator.browser.get(`/admin/messages?done=mark-sent&id=${id}`);
    expect(await page.text()).toContain(`Email ${id} is marked sent.`);
  });
});
