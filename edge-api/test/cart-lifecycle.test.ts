import { createExecutionContext, evictDurableObject, runDurableObjectAlarm, runInDurableObject, waitOnExecutionContext } from "cloudflare:test";
import { env } from "cloudflare:workers";
import { sql } from "drizzle-orm";
import { Hono } from "hono";
import { describe, expect, it } from "vitest";
import { cartStub, userCartName } from "../src/cart/cart-id";
import { type Cart, GUEST_CART_DAYS, USER_CART_DAYS } from "../src/cart/cart-object";
import { mergeGuestCart } from "../src/cart/merge";
import type { StoredCart } from "../src/cart/pricing";
import { databaseMiddleware } from "../src/db/client";
import type { AppEnv, Env } from "../src/env";
import { cartNameOf, cartOf, cartWith, skus } from "./cart-helpers";
import { call, errorOf, json } from "./helpers";

const bindings = env as unknown as Env;
const DAY_MS = 24 * 3600 * 1000;

async function alarmOf(name: string) {
  return runInDurableObject(cartStub(bindings, name), (_instance: Cart, state) => state.storage.getAlarm());
}

/** Opens a tab's live connection and collects what it hears. */
async function openTab(cookie: string) {
  const response = await call("/api/cart/live", { headers: { Upgrade: "websocket", Cookie: cookie } });
  expect(response.status).toBe(101);
  const socket = response.webSocket!;
  const heard: number[] = [];
  const waiters: Array<() => void> = [];
  socket.addEventListener("message", (event) => {
    heard.push((JSON.parse(event.data as string) as { version: number }).version);
    for (const wake of waiters.splice(0)) wake();
  });
  socket.accept();
  const hear = async (version: number) => {
    while (!heard.includes(version)) await new Promise<void>((wake) => waiters.push(wake));
  };
  return { socket, heard, hear };
}

/** Makes the cart's last change `days` ago, as if that long had passed, and starts the object afresh. */
async function ageCart(name: string, days: number) {
  const stub = cartStub(bindings, name);
  await runInDurableObject(stub, (_instance: Cart, state) => {
    state.storage.sql.exec("UPDATE meta SET value = value - ? WHERE key = 'changed_at'", days * DAY_MS);
  });
  await evictDurableObject(stub);
}

describe("cart expiry", () => {
  it("deletes a guest cart 7 days after its last change, not before", async () => {
    const [a] = await skus(1);
    const before = Date.now();
    const { cookie } = await cartWith([[a!.sku, 2]]);
    const name = cartNameOf(cookie);
    const alarm = await alarmOf(name);
    expect(alarm).toBeGreaterThanOrEqual(before + GUEST_CART_DAYS * DAY_MS);
    expect(alarm).toBeLessThanOrEqual(Date.now() + GUEST_CART_DAYS * DAY_MS);

    // A later change leaves the alarm where it is; when it fires early it sets itself 7 days after that change.
    const changed = Date.now();
    await json("PATCH", `/api/cart/items/${a!.sku}`, { quantity: 3 }, { Cookie: cookie });
    expect(await alarmOf(name)).toBe(alarm);
    expect(await runDurableObjectAlarm(cartStub(bindings, name))).toBe(true);
    expect((await cartOf(cookie)).lines.map((l) => l.quantity)).toEqual([3]);
    expect(await alarmOf(name)).toBeGreaterThanOrEqual(changed + GUEST_CART_DAYS * DAY_MS);

    await ageCart(name, GUEST_CART_DAYS);
    expect(await runDurableObjectAlarm(cartStub(bindings, name))).toBe(true);
    const after = await cartOf(cookie);
    expect(after.lines).toEqual([]);
    expect(after.version).toBe(0);
    expect(await alarmOf(name)).toBeNull();
  });

  it("keeps the whole cart, and its alarm, when its object is evicted and started again", async () => {
    const [a, b] = await skus(2);
    const { cookie, cart } = await cartWith([
      [a!.sku, 2],
      [b!.sku, 1],
    ]);
    expect((await json("PUT", "/api/cart/coupon", { code: "WELCOME10" }, { Cookie: cookie })).status).toBe(200);
    const before = await cartOf(cookie);
    const alarm = await alarmOf(cartNameOf(cookie));
    await evictDurableObject(cartStub(bindings, cartNameOf(cookie)));
    const after = await cartOf(cookie);
    expect(after).toEqual(before);
    expect(after.lines.map((l) => l.sku)).toEqual(cart.lines.map((l) => l.sku));
    expect(after.coupon?.code).toBe("WELCOME10");
    // The woken object knows its alarm is set: a change does not write it again.
    expect((await json("PATCH", `/api/cart/items/${a!.sku}`, { quantity: 3 }, { Cookie: cookie })).status).toBe(200);
    expect(await alarmOf(cartNameOf(cookie))).toBe(alarm);
  });

  it("renews the cookie on every change, for as long as the guest cart lives", async () => {
    const [a] = await skus(1);
    const { cookie } = await cartWith([[a!.sku, 1]]);
    const changed = await json("PATCH", `/api/cart/items/${a!.sku}`, { quantity: 2 }, { Cookie: cookie });
    const renewed = changed.headers.get("Set-Cookie")!;
    expect(renewed).toContain(cookie);
    expect(renewed).toContain(`Max-Age=${GUEST_CART_DAYS * 24 * 3600}`);
    expect(renewed).toMatch(/HttpOnly/);
    expect(renewed).toMatch(/SameSite=Lax/);
  });
});

/** The account team calls the merge from a request; here a minimal app stands in for their route. */
async function mergeThroughApp(guestCartId: string, userId: string) {
  const app = new Hono<AppEnv>().use(databaseMiddleware).get("/merge", async (c) => c.json(await mergeGuestCart(c, guestCartId, userId)));
  const context = createExecutionContext();
  const response = await app.request("/merge", {}, bindings, context);
  await waitOnExecutionContext(context);
  return (await response.json()) as StoredCart;
}

describe("merging a guest cart at sign-in", () => {
  it("sums quantities capped by the rules, carries the coupon, discards the guest cart and keeps the user's for 30 days", async () => {
    const [a, b, c] = await skus(3);
    const [scarce] = await skus(1, sql`i.available BETWEEN 2 AND 4`);
    const { cookie } = await cartWith([
      [a!.sku, 6],
      [b!.sku, 2],
      [scarce!.sku, 2],
    ]);
    expect((await json("PUT", "/api/cart/coupon", { code: "WELCOME10" }, { Cookie: cookie })).status).toBe(200);
    const userId = `u-${crypto.randomUUID()}`;
    const user = cartStub(bindings, userCartName(userId));
    for (const [item, quantity] of [
      [a!, 7],
      [c!, 1],
      [scarce!, scarce!.available],
    ] as const) {
      await user.add({ sku: item.sku, unitPrice: { amount: item.price, currency: "USD" }, available: item.available }, quantity);
    }

    const merged = await mergeThroughApp(cartNameOf(cookie), userId);

    const quantities = Object.fromEntries(merged.lines.map((l) => [l.sku, l.quantity]));
    expect(quantities).toEqual({ [a!.sku]: 10, [c!.sku]: 1, [scarce!.sku]: scarce!.available, [b!.sku]: 2 });
    expect(merged.coupon).toBe("WELCOME10");
    expect((await cartOf(cookie)).lines).toEqual([]);
    const alarm = (await alarmOf(userCartName(userId)))!;
    expect(alarm).toBeGreaterThan(Date.now() + (USER_CART_DAYS - 1) * DAY_MS);
  });

  it("is safe to retry: a guest cart whose discard failed merges once", async () => {
    const [a] = await skus(1);
    const { cookie } = await cartWith([[a!.sku, 2]]);
    const guestCartId = cartNameOf(cookie);
    const userId = `u-${crypto.randomUUID()}`;
    const guest = await cartStub(bindings, guestCartId).read();
    // The first attempt got as far as the merge and then failed before the discard.
    const item = { sku: a!.sku, unitPrice: { amount: a!.price, currency: "USD" }, available: a!.available };
    await cartStub(bindings, userCartName(userId)).merge(guestCartId, guest, { [a!.sku]: item });
    const retried = await mergeThroughApp(guestCartId, userId);
    expect(retried.lines.map((l) => [l.sku, l.quantity])).toEqual([[a!.sku, 2]]);
    expect((await cartOf(cookie)).lines).toEqual([]);
  });
});

describe("live sync between tabs", () => {
  it("tells every open tab of the cart about each change, and no other cart's tabs", async () => {
    const [a] = await skus(1);
    const { cookie, cart } = await cartWith([[a!.sku, 1]]);
    const { cookie: otherCookie } = await cartWith([[a!.sku, 1]]);
    const first = await openTab(cookie);
    const second = await openTab(cookie);
    const stranger = await openTab(otherCookie);
    await Promise.all([first.hear(cart.version), second.hear(cart.version)]);

    await json("PATCH", `/api/cart/items/${a!.sku}`, { quantity: 3 }, { Cookie: cookie });
    await Promise.all([first.hear(cart.version + 1), second.hear(cart.version + 1)]);
    expect(stranger.heard).toEqual([1]);
    for (const tab of [first, second, stranger]) tab.socket.close(1000, "done");
  });

  it("refuses a plain request, and a tab without a cart", async () => {
    const plain = await call("/api/cart/live");
    expect(plain.status).toBe(426);
    expect((await errorOf(plain)).code).toBe("upgrade_required");
    const noCart = await call("/api/cart/live", { headers: { Upgrade: "websocket" } });
    expect(noCart.status).toBe(404);
    expect((await errorOf(noCart)).code).toBe("no_cart");
  });
});
