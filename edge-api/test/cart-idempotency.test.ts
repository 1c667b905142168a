import { Cart } from "@shop/contracts";
import { describe, expect, it } from "vitest";
import { cartOf, cartWith, skus } from "./cart-helpers";
import { call, errorOf, json } from "./helpers";

describe("retrying a cart change with an Idempotency-Key", () => {
  it("answers a retry with the first result and adds once, even when the copies race", async () => {
    const [a, b] = await skus(2);
    const { cookie } = await cartWith([[b!.sku, 1]]);
    const add = (key: string, body: unknown = { sku: a!.sku, quantity: 2 }) =>
      json("POST", "/api/cart/items", body, { Cookie: cookie, "Idempotency-Key": key });
    const first = await add("add-1");
    const firstCart = Cart.parse(await first.json());
    const retry = await add("add-1");
    expect(retry.status).toBe(200);
    expect(retry.headers.get("Idempotent-Replayed")).toBe("true");
    expect(Cart.parse(await retry.json()).version).toBe(firstCart.version);

    const racing = await Promise.all(Array.from({ length: 5 }, () => add("add-2")));
    expect(racing.map((r) => r.status)).toEqual([200, 200, 200, 200, 200]);
    expect(racing.filter((r) => r.headers.get("Idempotent-Replayed")).length).toBe(4);
    expect((await cartOf(cookie)).lines.find((l) => l.sku === a!.sku)!.quantity).toBe(4);

    const reused = await add("add-1", { sku: a!.sku, quantity: 1 });
    expect(reused.status).toBe(422);
    expect((await errorOf(reused)).code).toBe("idempotency_key_reused");

    const removal = () => call(`/api/cart/items/${b!.sku}`, { method: "DELETE", headers: { Cookie: cookie, "Idempotency-Key": "remove-1" } });
    expect((await removal()).status).toBe(200);
    const removedAgain = await removal();
    expect(removedAgain.status).toBe(200); // not 404 "not in the cart": the first answer again
    expect(removedAgain.headers.get("Idempotent-Replayed")).toBe("true");
  });

  it("is documented on every cart write", async () => {
    const doc = (await (await call("/api/openapi.json")).json()) as {
      paths: Record<string, Record<string, { parameters?: Array<{ name: string; in: string }> }>>;
    };
    const writes = [
      ["/api/cart/items", "post"],
      ["/api/cart/items/{sku}", "patch"],
      ["/api/cart/items/{sku}", "delete"],
      ["/api/cart", "delete"],
      ["/api/cart/coupon", "put"],
      ["/api/cart/coupon", "delete"],
    ] as const;
    for (const [path, method] of writes) {
      expect(
        doc.paths[path]![method]!.parameters?.map((p) => `${p.in}:${p.name}`),
        `${method} ${path}`,
      ).toContain("header:idempotency-key");
    }
  });
});
