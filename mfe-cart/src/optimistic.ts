import type { Cart } from "@shop/contracts";

/**
 * What the cart will look like once the server agrees: the line's quantity (0 removes it) and the
 * counts that follow from it. Shipping, tax and total wait for the server's answer.
 */
export function withQuantity(cart: Cart, sku: string, quantity: number): Cart {
  const lines = cart.lines
    .map((line) => (line.sku === sku ? { ...line, quantity, lineTotal: { ...line.unitPrice, amount: line.unitPrice.amount * quantity } } : line))
    .filter((line) => line.quantity > 0);
  const counted = lines.filter((line) => line.status !== "unavailable");
  return {
    ...cart,
    lines,
    itemCount: counted.reduce((sum, line) => sum + line.quantity, 0),
    subtotal: { ...cart.subtotal, amount: counted.reduce((sum, line) => sum + line.lineTotal.amount, 0) },
  };
}

/** An add: more of a line already there, or a count that grows until the new line arrives. */
export function withAdded(cart: Cart, sku: string, quantity: number): Cart {
  const line = cart.lines.find((l) => l.sku === sku);
  return line ? withQuantity(cart, sku, line.quantity + quantity) : { ...cart, itemCount: cart.itemCount + quantity };
}
