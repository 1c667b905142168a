import { AdminCoupon, AdminCouponList, AuditPage, Cart } from "@shop/contracts";
import { sql } from "drizzle-orm";
import { describe, expect, it } from "vitest";
import { Browser, signedInOperator, signedInShopper } from "./account-helpers";
import { cartWith, skus } from "./cart-helpers";
import { checkoutWith, ownSkus, pay } from "./checkout-helpers";
import { adminHeaders, call, countOf, errorOf, json, publishShop, query } from "./helpers";

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
    await query(sql`UPDATE sessions SET created_at = now() - interval '16 minutes' WHERE user_id = (SELECT id FROM users WHERE email = ${operator.email})`);
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
