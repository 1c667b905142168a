import { type CartSummaryProps, deliveredTotals, formatMoney, SHIPPING_METHODS } from "@shop/contracts/browser";
import { CartTotals } from "./CartTotals";
import { injectCartStyles } from "./styles";
import { useCart } from "./useCart";

/**
 * The cart as checkout's first steps show it: its lines and totals, priced with the shipping method
 * and destination chosen so far by the same rules checkout charges by (to the cent).
 */
export default function CartSummary({ shippingMethod = "standard", destination }: CartSummaryProps) {
  injectCartStyles();
  const cart = useCart();
  if (!cart) return <p aria-busy="true">Loading your cart…</p>;
  if (cart.lines.length === 0) return <p>Your cart is empty.</p>;
  const counted = cart.lines.filter((l) => l.status !== "unavailable");
  const delivery = {
    ...deliveredTotals(cart.subtotal.amount - cart.discount.amount, cart.subtotal.currency, shippingMethod, destination),
    method: SHIPPING_METHODS[shippingMethod].label,
    taxKnown: Boolean(destination),
  };
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
      <CartTotals cart={cart} delivery={delivery} />
    </section>
  );
}
