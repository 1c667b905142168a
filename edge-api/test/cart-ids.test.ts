import { runInDurableObject } from "cloudflare:test";
import { env } from "cloudflare:workers";
import { Cart } from "@shop/contracts";
import { describe, expect, it } from "vitest";
import { cartStub } from "../src/cart/cart-id";
import type { Cart as CartObject } from "../src/cart/cart-object";
import type { Env } from "../src/env";
import { cartNameOf, cartOf, cartWith, skus } from "./cart-helpers";
import { BASE, call, errorOf, json, publishShop } from "./helpers";

const bindings = env as unknown as Env;
const cookieOf = (response: Response) => response.headers.get("Set-Cookie")!.split(";")[0]!;

describe("cart ids are the edge's to choose", () => {
  it("gives a first visit a signed id, from the document or the cart, without creating a cart", async () => {
    await publishShop();
    const document = await call("/");
    expect(document.headers.getSetCookie().find((c) => c.startsWith("cart_id="))).toMatch(
      /^cart_id=[0-9a-f]{64}\.[^;]+; Max-Age=604800; Path=\/; HttpOnly; SameSite=Lax$/,
    );
    const first = await call("/api/cart");
    expect(first.status).toBe(200);
    const cookie = cookieOf(first);
    expect(Cart.parse(await first.json())).toMatchObject({ lines: [], version: 0 });
    // Reading it again keeps the id, and nothing is stored for it until its first change.
    const again = await call("/api/cart", { headers: { Cookie: cookie } });
    expect(again.headers.get("Set-Cookie")).toBeNull();
    const tables = await runInDurableObject(cartStub(bindings, cartNameOf(cookie)), (_cart: CartObject, state) =>
      state.storage.sql.exec("SELECT name FROM sqlite_master WHERE name = 'lines'").toArray(),
    );
    expect(tables).toEqual([]);
  });

  it("refuses an id it did not sign, and the client lands in a cart of its own", async () => {
    const [a] = await skus(1);
    const victim = await cartWith([[a!.sku, 2]]);
    const chosen = "a".repeat(64);
    const [, signature] = decodeURIComponent(victim.cookie.split("=")[1]!).split(".");
    for (const forged of [`cart_id=${chosen}`, `cart_id=${encodeURIComponent(`${chosen}.${signature}`)}`, `cart_id=${cartNameOf(victim.cookie)}`]) {
      const response = await json("POST", "/api/cart/items", { sku: a!.sku, quantity: 1 }, { Cookie: forged });
      expect(response.status).toBe(200);
      const issued = cookieOf(response);
      expect(cartNameOf(issued)).not.toBe(chosen);
      expect(cartNameOf(issued)).not.toBe(cartNameOf(victim.cookie));
      expect(Cart.parse(await response.json()).lines.map((l) => l.quantity)).toEqual([1]);
    }
    // Nothing went into the chosen id, and the victim's cart is as it was.
    const chosenCart = await runInDurableObject(cartStub(bindings, chosen), (cart: CartObject) => cart.read());
    expect(chosenCart.lines).toEqual([]);
    expect((await cartOf(victim.cookie)).lines.map((l) => l.quantity)).toEqual([2]);
  });

  it("does not let a forged id or another origin's page follow a cart over the WebSocket", async () => {
    const [a] = await skus(1);
    const { cookie } = await cartWith([[a!.sku, 1]]);
    const forged = await call("/api/cart/live", { headers: { Upgrade: "websocket", Cookie: `cart_id=${cartNameOf(cookie)}` } });
    expect(forged.status).toBe(404);
    const foreign = await call("/api/cart/live", { headers: { Upgrade: "websocket", Cookie: cookie, Origin: "https://evil.example" } });
    expect(foreign.status).toBe(403);
    expect((await errorOf(foreign)).code).toBe("cross_origin_request");
    const own = await call("/api/cart/live", { headers: { Upgrade: "websocket", Cookie: cookie, Origin: BASE } });
    expect(own.status).toBe(101);
    own.webSocket!.accept();
    own.webSocket!.close(1000, "done");
  });

  it("sends the cookie once with a first add", async () => {
    const [a] = await skus(1);
    const response = await json("POST", "/api/cart/items", { sku: a!.sku, quantity: 1 });
    expect(response.headers.getSetCookie()).toHaveLength(1);
  });

  it("lands a fresh visitor's concurrent first adds in one cart", async () => {
    const lines = await skus(5);
    const cookie = cookieOf(await call("/api/cart")); // the page's first contact
    const adds = lines.flatMap((line) => Array.from({ length: 10 }, () => json("POST", "/api/cart/items", { sku: line.sku, quantity: 1 }, { Cookie: cookie })));
    const answers = await Promise.all(adds);
    expect(answers.map((r) => r.status)).toEqual(adds.map(() => 200));
    expect(answers.every((r) => r.headers.get("Set-Cookie") === null || cookieOf(r) === cookie)).toBe(true);
    const cart = await cartOf(cookie);
    expect(Object.fromEntries(cart.lines.map((l) => [l.sku, l.quantity]))).toEqual(Object.fromEntries(lines.map((l) => [l.sku, 10])));
    expect(cart.version).toBe(50);
  });
});
