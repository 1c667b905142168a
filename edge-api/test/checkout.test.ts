import { Checkout, Order } from "@shop/contracts";
import { sql } from "drizzle-orm";
import { describe, expect, it, vi } from "vitest";
import { cartOf, cartWith } from "./cart-helpers";
import {
  ADDRESS,
  CHECKOUT,
  checkoutWith,
  deliver,
  eventsFor,
  ordersFor,
  ownSkus,
  pay,
  paymentIntentOf,
  reservationsOf,
  startCheckout,
  stockOf,
  stripe,
} from "./checkout-helpers";
import { call, errorOf, json, query } from "./helpers";

// This file's SKUs: catalog offset 300 onwards.
describe("starting a checkout", () => {
  it("prices the cart for the destination, reserves its stock and creates a PaymentIntent for the server's total", async () => {
    const [a, b] = await ownSkus(300, 2, 30);
    const { cookie, checkout } = await checkoutWith(
      [
        [a!.sku, 2],
        [b!.sku, 1],
      ],
      { ...CHECKOUT, shippingMethod: "express", total: 1, totals: { total: { amount: 1 } } },
    );
    const subtotal = a!.price * 2 + b!.price;
    expect(checkout.totals.subtotal.amount).toBe(subtotal);
    expect(checkout.totals.shipping.amount).toBe(1499);
    expect(checkout.totals.tax.amount).toBe(Math.round((subtotal * 725) / 10_000)); // California
    expect(checkout.totals.total.amount).toBe(subtotal + 1499 + checkout.totals.tax.amount);
    expect(checkout.shippingOptions.map((o) => o.id)).toEqual(["standard", "express", "overnight"]);
    expect(new Date(checkout.reservationExpiresAt).getTime() - Date.now()).toBeGreaterThan(14 * 60_000);
    expect(await stockOf(a!.sku)).toBe(28);
    expect(await stockOf(b!.sku)).toBe(29);
    const intent = await stripe.paymentIntents.retrieve(paymentIntentOf(checkout));
    expect(intent).toMatchObject({
      amount: checkout.totals.total.amount,
      currency: "usd",
      status: "requires_payment_method",
      metadata: { checkout_id: checkout.id },
    });
    const reread = await call(`/api/checkout/${checkout.id}`, { headers: { Cookie: cookie } });
    expect(Checkout.parse(await reread.json()).totals).toEqual(checkout.totals);
  });

  it("taxes by destination and makes standard shipping free above the threshold", async () => {
    const [a] = await ownSkus(303, 1, 30);
    const quantity = Math.max(1, Math.ceil(5000 / a!.price));
    const { checkout } = await checkoutWith([[a!.sku, Math.min(quantity, 10)]], {
      ...CHECKOUT,
      shippingAddress: { ...ADDRESS, region: "OR", postalCode: "97201", city: "Portland" },
    });
    expect(checkout.totals.tax.amount).toBe(0); // Oregon has no sales tax
    if (checkout.totals.subtotal.amount >= 5000) expect(checkout.totals.shipping.amount).toBe(0);
    const { checkout: german } = await checkoutWith([[a!.sku, 1]], {
      ...CHECKOUT,
      shippingAddress: { name: "Emmy Noether", line1: "Unter den Linden 1", city: "Berlin", postalCode: "10117", country: "DE" },
    });
    expect(german.totals.tax.amount).toBe(Math.round((a!.price * 1900) / 10_000));
  });

  it("charges what the cart estimated, to the cent, for standard shipping to a destination at the default rate (one tax table)", async () => {
    const [a] = await ownSkus(306, 1, 30);
    const { cookie } = await cartWith([[a!.sku, 3]]);
    const estimate = await cartOf(cookie);
    const { checkout } = await checkoutWith([[a!.sku, 3]], {
      ...CHECKOUT,
      shippingMethod: "standard",
      shippingAddress: { ...ADDRESS, region: "VA", city: "Arlington", postalCode: "22202" },
    });
    expect(checkout.totals).toEqual({
      subtotal: estimate.subtotal,
      discount: estimate.discount,
      shipping: estimate.shipping,
      tax: estimate.tax,
      total: estimate.total,
    });
  });

  it("refuses an invalid address with a message per field and holds nothing", async () => {
    const [a] = await ownSkus(305, 1, 10);
    const { cookie } = await cartWith([[a!.sku, 1]]);
    const cases: Array<[Record<string, unknown>, RegExp]> = [
      [{ postalCode: "9410" }, /postalCode: Enter a United States postal code, e.g\. 94107/],
      [{ country: "CA", region: "ON", postalCode: "12345" }, /postalCode: Enter a Canada postal code/],
      [{ region: "" }, /region: Choose a state/],
      [{ name: "" }, /name: Enter the recipient's full name/],
      [{ line1: "x".repeat(121) }, /line1: .*at most 120/],
      [{ country: "ZZ" }, /country: We ship to/],
      [{ city: "Paris\u0000" }, /city: must be text/],
    ];
    for (const [change, message] of cases) {
      const response = await startCheckout(cookie, { ...CHECKOUT, shippingAddress: { ...ADDRESS, ...change } });
      expect(response.status).toBe(400);
      expect((await errorOf(response)).message).toMatch(message);
    }
    const badEmail = await startCheckout(cookie, { ...CHECKOUT, email: "ada@" });
    expect((await errorOf(badEmail)).message).toMatch(/email: Enter an email address/);
    expect((await startCheckout(cookie, { ...CHECKOUT, shippingMethod: "teleport" })).status).toBe(400);
    expect(await stockOf(a!.sku)).toBe(10);
  });

  it("refuses an empty cart and a cart asking more than is left", async () => {
    const empty = await startCheckout("");
    expect(empty.status).toBe(409);
    expect((await errorOf(empty)).code).toBe("cart_empty");
    const [a] = await ownSkus(306, 1, 5);
    const { cookie } = await cartWith([[a!.sku, 4]]);
    await query(sql`UPDATE inventory SET available = 2 WHERE sku = ${a!.sku}`);
    const short = await startCheckout(cookie);
    expect(short.status).toBe(409);
    expect(await errorOf(short)).toMatchObject({ code: "lines_unavailable", message: expect.stringMatching(/only 2 left/) });
    expect(await stockOf(a!.sku)).toBe(2);
  });

  it("starting again from the same cart replaces the checkout: its payment is cancelled and its stock comes back", async () => {
    const [a] = await ownSkus(307, 1, 10);
    const { cookie, checkout: first } = await checkoutWith([[a!.sku, 3]]);
    expect(await stockOf(a!.sku)).toBe(7);
    const again = await startCheckout(cookie, { ...CHECKOUT, shippingMethod: "overnight" });
    expect(again.status).toBe(201);
    const second = Checkout.parse(await again.json());
    expect(await stockOf(a!.sku)).toBe(7);
    expect((await stripe.paymentIntents.retrieve(paymentIntentOf(first))).status).toBe("canceled");
    expect(await reservationsOf(first.id)).toEqual([]);
    const [replaced] = await query<{ status: string }>(sql`SELECT status FROM checkouts WHERE id = ${first.id}`);
    expect(replaced!.status).toBe("replaced");
    const late = await call(`/api/checkout/${first.id}/pay`, {
      method: "POST",
      headers: { Cookie: cookie, "Content-Type": "application/json" },
      body: JSON.stringify({ paymentMethod: "pm_card_visa" }),
    });
    expect(late.status).toBe(409);
    expect((await pay(cookie, second.id, "pm_card_visa")).status).toBe("succeeded");
  });

  it("shows a checkout only to the browser whose cart it is", async () => {
    const [a] = await ownSkus(308, 1, 10);
    const { checkout } = await checkoutWith([[a!.sku, 1]]);
    const { cookie: stranger } = await cartWith([[a!.sku, 1]]);
    expect((await call(`/api/checkout/${checkout.id}`, { headers: { Cookie: stranger } })).status).toBe(404);
    expect((await call(`/api/checkout/${checkout.id}`)).status).toBe(404);
    const theft = await call(`/api/checkout/${checkout.id}/pay`, {
      method: "POST",
      headers: { Cookie: stranger, "Content-Type": "application/json" },
      body: JSON.stringify({ paymentMethod: "pm_card_visa" }),
    });
    expect(theft.status).toBe(404);
    expect((await call(`/api/checkout/not-a-uuid`)).status).toBe(400);
  });
});

describe("only from the shop's own pages", () => {
  it("refuses to start or pay a checkout for a request from another site, and nothing is held or charged", async () => {
    const [a] = await ownSkus(320, 1, 10);
    const fromElsewhere = { "Content-Type": "application/json", Origin: "https://evil.example" };
    const { cookie } = await cartWith([[a!.sku, 1]]);
    const start = await call("/api/checkout", { method: "POST", headers: { ...fromElsewhere, Cookie: cookie }, body: JSON.stringify(CHECKOUT) });
    expect(start.status).toBe(403);
    expect(await stockOf(a!.sku)).toBe(10);

    const { cookie: shopper, checkout } = await checkoutWith([[a!.sku, 1]]);
    const paid = await call(`/api/checkout/${checkout.id}/pay`, {
      method: "POST",
      headers: { ...fromElsewhere, Cookie: shopper },
      body: JSON.stringify({ paymentMethod: "pm_card_visa" }),
    });
    expect(paid.status).toBe(403);
    expect((await stripe.paymentIntents.retrieve(paymentIntentOf(checkout))).status).toBe("requires_payment_method");
    expect(await query(sql`SELECT 1 FROM orders WHERE checkout_id = ${checkout.id}`)).toHaveLength(0);
  });
});

describe("paying", () => {
  it("pays with pm_card_visa: one order with its lines, the stock committed, the cart emptied, a confirmation in the outbox", async () => {
    const [a, b] = await ownSkus(310, 2, 20);
    const { cookie, checkout } = await checkoutWith([
      [a!.sku, 2],
      [b!.sku, 1],
    ]);
    const result = await pay(cookie, checkout.id, "pm_card_visa");
    expect(result.status).toBe("succeeded");
    expect(result.order!.number).toMatch(/^ORD-\d{8}-[0-9A-Z]{6}$/);
    expect(result.order!.number.slice(4, 12)).toBe(new Date().toISOString().slice(0, 10).replaceAll("-", ""));
    expect(await stockOf(a!.sku)).toBe(18);
    expect(await stockOf(b!.sku)).toBe(19);
    expect(await reservationsOf(checkout.id)).toEqual([]);
    expect((await cartOf(cookie)).lines).toEqual([]);

    const order = Order.parse(await (await call(`/api${result.order!.url}`)).json());
    expect(order).toMatchObject({
      number: result.order!.number,
      status: "paid",
      email: CHECKOUT.email,
      totals: checkout.totals,
      payment: { reference: paymentIntentOf(checkout) },
    });
    expect(order.lines.map((l) => [l.sku, l.quantity])).toEqual(
      [
        [a!.sku, 2],
        [b!.sku, 1],
      ].sort(),
    );
    expect(order.history.map((h) => h.status)).toEqual(["pending_payment", "paid"]);
    const [mail] = await query<{ recipient: string; path: string }>(
      sql`SELECT recipient, data->>'orderPath' AS path FROM outbox WHERE order_number = ${order.number}`,
    );
    expect(mail!.recipient).toBe(CHECKOUT.email);
    expect(result.order!.url).toContain(mail!.path);

    // Paying again (a double click, a retry) answers the same order.
    expect((await pay(cookie, checkout.id, "pm_card_visa")).order!.number).toBe(order.number);
    const reread = Checkout.parse(await (await call(`/api/checkout/${checkout.id}`, { headers: { Cookie: cookie } })).json());
    expect(reread).toMatchObject({ status: "completed", order: { number: order.number } });
  });

  it("takes only what was ordered out of the cart: what the shopper added after starting checkout stays", async () => {
    const [a, b] = await ownSkus(314, 2, 20);
    const { cookie, checkout } = await checkoutWith([[a!.sku, 2]]);
    // In another tab, while paying: one more of the same, and something else.
    for (const [sku, quantity] of [
      [a!.sku, 1],
      [b!.sku, 1],
    ] as const)
      expect((await json("POST", "/api/cart/items", { sku, quantity }, { Cookie: cookie, Origin: "http://shop.test" })).status).toBe(200);
    expect((await pay(cookie, checkout.id, "pm_card_visa")).status).toBe("succeeded");
    const left = (await cartOf(cookie)).lines.map((l) => [l.sku, l.quantity]);
    expect(left).toEqual([
      [a!.sku, 1],
      [b!.sku, 1],
    ]);
  });

  it("opens an order only with its token", async () => {
    const [a] = await ownSkus(312, 1, 20);
    const { cookie, checkout } = await checkoutWith([[a!.sku, 1]]);
    const { order } = await pay(cookie, checkout.id, "pm_card_visa");
    expect((await call(`/api/orders/${order!.number}`)).status).toBe(404);
    expect((await call(`/api/orders/${order!.number}?token=${"A".repeat(43)}`)).status).toBe(404);
    expect((await call(`/api/orders/ORD-20260101-AAAAAA?token=abc`)).status).toBe(404);
    expect((await call(`/api/orders/nonsense`)).status).toBe(400);
  });

  it("a declined card keeps the reservation and says why; another card then pays", async () => {
    const [a] = await ownSkus(313, 1, 10);
    const { cookie, checkout } = await checkoutWith([[a!.sku, 2]]);
    const declined = await pay(cookie, checkout.id, "pm_card_chargeDeclined");
    expect(declined).toEqual({ status: "declined", message: "Your card was declined. Try another card or payment method." });
    const poor = await pay(cookie, checkout.id, "pm_card_chargeDeclinedInsufficientFunds");
    expect(poor.message).toMatch(/insufficient funds/);
    expect(await reservationsOf(checkout.id)).toEqual([{ sku: a!.sku, quantity: 2 }]);
    const reread = Checkout.parse(await (await call(`/api/checkout/${checkout.id}`, { headers: { Cookie: cookie } })).json());
    expect(reread.payment.lastError).toMatch(/insufficient funds/);
    expect((await pay(cookie, checkout.id, "pm_card_visa")).status).toBe("succeeded");
    expect(await stockOf(a!.sku)).toBe(8);
    const unknown = await call(`/api/checkout/${checkout.id}/pay`, {
      method: "POST",
      headers: { Cookie: cookie, "Content-Type": "application/json" },
      body: JSON.stringify({ paymentMethod: "card_4242" }),
    });
    expect(unknown.status).toBe(400);
  });

  it("a payment still processing says so and keeps the stock held; its success places the order by webhook", async () => {
    const [a] = await ownSkus(315, 1, 10);
    const { cookie, checkout } = await checkoutWith([[a!.sku, 2]]);
    const paying = await json("POST", `/api/checkout/${checkout.id}/pay`, { paymentMethod: "pm_emulator_processing" }, { Cookie: cookie });
    expect(paying.status).toBe(409);
    expect((await errorOf(paying)).code).toBe("payment_processing");
    expect(await reservationsOf(checkout.id)).toEqual([{ sku: a!.sku, quantity: 2 }]);
    expect(await ordersFor(paymentIntentOf(checkout))).toHaveLength(0);

    let succeeded: string | undefined;
    await vi.waitFor(
      async () => {
        succeeded = (await eventsFor(paymentIntentOf(checkout))).find((d) => d.event.type === "payment_intent.succeeded")?.event.id;
        expect(succeeded).toBeDefined();
      },
      { timeout: 5000, interval: 100 },
    );
    expect((await deliver(succeeded!)).status).toBe(200);
    expect(await ordersFor(paymentIntentOf(checkout))).toMatchObject([{ status: "paid" }]);
    expect(await reservationsOf(checkout.id)).toEqual([]);
    expect(await stockOf(a!.sku)).toBe(8);
  });

  it("3-D Secure: approving on the bank's page places the order when the shopper comes back; failing says so", async () => {
    const [a] = await ownSkus(314, 1, 10);
    for (const outcome of ["approve", "fail"] as const) {
      const { cookie, checkout } = await checkoutWith([[a!.sku, 1]]);
      const result = await pay(cookie, checkout.id, "pm_card_threeDSecure2Required");
      expect(result.status).toBe("requires_action");
      const page = new URL(result.nextActionUrl!);
      expect(page.searchParams.get("return_url")).toBe(`http://shop.test/checkout/return?checkout=${checkout.id}`);
      const back = await fetch(page, {
        method: "POST",
        body: new URLSearchParams({ outcome, return_url: page.searchParams.get("return_url")! }),
        redirect: "manual",
      });
      expect(back.status).toBe(303);
      const resumed = Checkout.parse(await (await call(`/api/checkout/${checkout.id}`, { headers: { Cookie: cookie } })).json());
      if (outcome === "approve") expect(resumed).toMatchObject({ status: "completed", order: { number: expect.stringMatching(/^ORD-/) } });
      else expect(resumed).toMatchObject({ status: "open", order: null, payment: { lastError: expect.stringMatching(/bank could not confirm/) } });
    }
  });
});
