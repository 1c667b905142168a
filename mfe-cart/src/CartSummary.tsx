import { formatMoney } from "@shop/contracts/browser";
import { useCart } from "./useCart";

/** A read-only summary of the lines and subtotal, for checkout. */
export default function CartSummary() {
  const cart = useCart();
  if (!cart) return <p aria-busy="true">Loading your cart…</p>;
  if (cart.lines.length === 0) return <p>Your cart is empty.</p>;
  return (
    <section aria-label="Order summary">
      <ul>
        {cart.lines.map((line) => (
          <li key={line.sku}>
            {line.quantity} × {line.name} — {formatMoney(line.lineTotal)}
          </li>
        ))}
      </ul>
      <p>
        <strong>Subtotal: {formatMoney(cart.subtotal)}</strong>
      </p>
    </section>
  );
}
