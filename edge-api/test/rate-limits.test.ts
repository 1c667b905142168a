import { runDurableObjectAlarm, runInDurableObject } from "cloudflare:test";
import { env } from "cloudflare:workers";
import { Cart } from "@shop/contracts";
import { describe, expect, it } from "vitest";
import type { Env } from "../src/env";
import type { AttemptLimit } from "../src/security/attempt-limit";
import { cartNameOf, cartOf, cartWith, skus } from "./cart-helpers";
import { deployHeaders, errorOf, json } from "./helpers";

const bindings = env as unknown as Env;

/** Moves a counter's failures back by its window, as if that much time had passed. */
async function pastWindow(name: string, seconds: number) {
  const stub = bindings.ATTEMPTS.get(bindings.ATTEMPTS.idFromName(name));
  await runInDurableObject(stub, (_limit: AttemptLimit, state) => {
    state.storage.sql.exec("UPDATE failures SET at = at - ?", seconds * 1000);
  });
}

describe("rate limits on guesses", () => {
  const stable = (headers: Record<string, string>) => json("PUT", "/api/registry/catalog/stable", { version: "9.9.9" }, headers);
  const from = (address: string) => ({ "CF-Connecting-IP": address });

  it("makes a client that keeps sending wrong tokens wait, even with the right one, until the window passes", async () => {
    for (let i = 0; i < 10; i++) expect((await stable({ Authorization: `Bearer wrong-${i}`, ...from("203.0.113.7") })).status).toBe(401);
    const blocked = await stable({ ...deployHeaders, ...from("203.0.113.7") });
    expect(blocked.status).toBe(429);
    expect((await errorOf(blocked)).code).toBe("too_many_attempts");
    const retryAfter = Number(blocked.headers.get("Retry-After"));
    expect(retryAfter).toBeGreaterThan(800);
    expect(retryAfter).toBeLessThanOrEqual(900);
    // Other clients are not held up; one IPv6 /64 counts as one client.
    expect((await stable({ ...deployHeaders, ...from("198.51.100.1") })).status).toBe(404);
    for (let i = 0; i < 10; i++) await stable({ Authorization: "Bearer wrong", ...from(`2001:db8:0:1::${i + 1}`) });
    expect((await stable({ ...deployHeaders, ...from("2001:0db8:0000:0001:ffff::9") })).status).toBe(429);

    await pastWindow("credentials:203.0.113.7", 900);
    expect((await stable({ ...deployHeaders, ...from("203.0.113.7") })).status).toBe(404); // unknown version: the token was taken
  });

  it("forgets a client once the window passes, and counts its next failures afresh", async () => {
    const counter = bindings.ATTEMPTS.get(bindings.ATTEMPTS.idFromName("credentials:203.0.113.8"));
    expect((await stable({ Authorization: "Bearer wrong", ...from("203.0.113.8") })).status).toBe(401);
    expect(await runDurableObjectAlarm(counter)).toBe(true);
    const left = await runInDurableObject(counter, (_limit: AttemptLimit, state) => state.storage.sql.exec("SELECT name FROM sqlite_master").toArray());
    expect(left).toEqual([]);
    // The same object, its storage gone, goes on counting.
    for (let i = 0; i < 10; i++) expect((await stable({ Authorization: "Bearer wrong", ...from("203.0.113.8") })).status).toBe(401);
    expect((await stable({ ...deployHeaders, ...from("203.0.113.8") })).status).toBe(429);
  });

  it("answers an unknown code and an unusable one alike", async () => {
    const [a] = await skus(1);
    const { cookie } = await cartWith([[a!.sku, 2]]);
    const answers = [];
    for (const code of ["NOPE123", "SUMMER25", "FIRST100"]) {
      const response = await json("PUT", "/api/cart/coupon", { code }, { Cookie: cookie });
      answers.push({ status: response.status, body: JSON.stringify(await response.json()).replace(code, "<code>") });
    }
    expect(new Set(answers.map((a) => JSON.stringify(a))).size).toBe(1);
    expect(answers[0]!.status).toBe(422);
  });

  it("stops coupon guessing on a cart after 10 refused codes, with Retry-After, and lets it go on after the window", async () => {
    const [a] = await skus(1);
    const { cookie } = await cartWith([[a!.sku, 2]]);
    for (let i = 0; i < 10; i++) expect((await json("PUT", "/api/cart/coupon", { code: `GUESS${i}` }, { Cookie: cookie })).status).toBe(422);
    const blocked = await json("PUT", "/api/cart/coupon", { code: "WELCOME10" }, { Cookie: cookie });
    expect(blocked.status).toBe(429);
    expect(Number(blocked.headers.get("Retry-After"))).toBeGreaterThan(0);
    expect((await cartOf(cookie)).coupon).toBeNull();

    await pastWindow(`coupon-cart:${cartNameOf(cookie)}`, 15 * 60);
    const later = await json("PUT", "/api/cart/coupon", { code: "WELCOME10" }, { Cookie: cookie });
    expect(later.status).toBe(200);
    expect(Cart.parse(await later.json()).coupon?.status).toBe("applied");
  });

  it("counts guesses per address across carts too", async () => {
    const [a] = await skus(1);
    const address = { "CF-Connecting-IP": "192.0.2.50" };
    for (let cart = 0; cart < 5; cart++) {
      const { cookie } = await cartWith([[a!.sku, 1]]);
      for (let i = 0; i < 10; i++) await json("PUT", "/api/cart/coupon", { code: `G${cart}X${i}` }, { Cookie: cookie, ...address });
    }
    const { cookie } = await cartWith([[a!.sku, 1]]);
    expect((await json("PUT", "/api/cart/coupon", { code: "WELCOME10" }, { Cookie: cookie, ...address })).status).toBe(429);
    expect((await json("PUT", "/api/cart/coupon", { code: "WELCOME10" }, { Cookie: cookie, "CF-Connecting-IP": "192.0.2.51" })).status).toBe(200);
  });
});
