import { formatMoney } from "@shop/contracts/browser";
import { CartTotals } from "./CartTotals";
import { injectCartStyles } from "./styles";
import { useCart } from "./useCart";

/** The cart as checkout's first steps show it: its lines and the same totals the cart page shows, to the cent. */
export default function CartSummary() {
  injectCartStyles();
  const cart = useCart();
  if (!cart) return <p aria-busy="true">Loading your cart…</p>;
  if (cart.lines.length === 0) return <p>Your cart is empty.</p>;
  const counted = cart.lines.filter((l) => l.status !== "unavailable");
  return (
    <section aria-labelledby="cart-summary-title" className="cart-summary">
      <h2 id="cart-summary-title">Order summary</h2>
      <ul className="cart-summary__lines">
        {counted.map((line) => (
          <li key={line.sku}>
            <span>
              {line.quantity} × {line.name}
            </span>
            <span>{formatMoney(line.lineTotal)}</span>
          </li>
        ))}
      </ul>
      <CartTotals cart={cart} />
    </section>
  );
}
