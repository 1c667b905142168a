import { MAX_LINE_QUANTITY, type Reorder } from "@shop/contracts";
import type { Context } from "hono";
import { cartStub, userCartName } from "../cart/cart-id";
import { cartSkus, sellable } from "../cart/catalog-view";
import { orderedLines } from "../checkout/customer-orders";
import type { AppEnv } from "../env";
import type { Shopper } from "./shopper";

/** An order's lines back into the shopper's cart, each as far as it is still sold and in stock. */
export async function reorder(c: Context<AppEnv>, shopper: Shopper, orderNumber: string): Promise<Reorder> {
  const cart = cartStub(c.env, userCartName(shopper.id));
  const [lines, inCart] = await Promise.all([orderedLines(c.get("db")(), orderNumber), cart.read()]);
  const current = await cartSkus(
    c,
    lines.map((l) => l.sku),
  );
  const result: Reorder = { added: [], notAdded: [] };
  for (const line of lines) {
    const item = sellable(line.sku, current.get(line.sku));
    if (!item) {
      result.notAdded.push({ sku: line.sku, name: line.name, reason: "no longer sold" });
      continue;
    }
    const already = inCart.lines.find((l) => l.sku === line.sku)?.quantity ?? 0;
    const room = Math.min(item.available, MAX_LINE_QUANTITY) - already;
    const quantity = Math.min(line.quantity, room);
    if (quantity <= 0) {
      result.notAdded.push({
        sku: line.sku,
        name: line.name,
        reason: item.available === 0 ? "out of stock" : "your cart already holds as many as you can buy",
      });
      continue;
    }
    const added = await cart.add(item, quantity);
    if (!added.ok) {
      result.notAdded.push({ sku: line.sku, name: line.name, reason: added.message });
      continue;
    }
    result.added.push({ sku: line.sku, name: line.name, quantity });
    if (quantity < line.quantity) result.notAdded.push({ sku: line.sku, name: line.name, reason: `only ${quantity} of ${line.quantity} could be added` });
  }
  return result;
}
