import { Link } from "@shop/router";
import { formatMoney } from "./money";
import { useCart } from "./useCart";

export default function CartPage() {
  const cart = useCart();
  if (!cart) return <p aria-busy="true">Loading your cart…</p>;
  if (cart.lines.length === 0) {
    return (
      <section>
        <h1 className="page-title">Your cart</h1>
        <p>Your cart is empty.</p>
        <Link to="/">Continue shopping</Link>
      </section>
    );
  }
  return (
    <section>
      <h1 className="page-title">Your cart</h1>
      <table className="cart-table">
        <thead>
          <tr>
            <th scope="col">Item</th>
            <th scope="col" className="num">Price</th>
            <th scope="col" className="num">Quantity</th>
            <th scope="col" className="num">Total</th>
          </tr>
        </thead>
        <tbody>
          {cart.lines.map((line) => (
            <tr key={line.sku} data-testid="cart-line">
              <td>
                {line.name} <small>({line.sku})</small>
              </td>
              <td className="num">{formatMoney(line.unitPrice)}</td>
              <td className="num">{line.quantity}</td>
              <td className="num">{formatMoney(line.lineTotal)}</td>
            </tr>
          ))}
        </tbody>
      </table>
      <div className="cart-totals">
        <span>
          Subtotal ({cart.itemCount} {cart.itemCount === 1 ? "item" : "items"}): <strong data-testid="cart-subtotal">{formatMoney(cart.subtotal)}</strong>
        </span>
        <Link className="btn" to="/checkout">
          Proceed to checkout
        </Link>
      </div>
    </section>
  );
}
