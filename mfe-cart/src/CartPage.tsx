import type { CartLine } from "@shop/contracts";
import { MAX_LINE_QUANTITY, formatMoney } from "@shop/contracts/browser";
import { Link } from "@shop/router";
import { useCartStore } from "./store";
import { useCart } from "./useCart";

function LineNotice({ line }: { line: CartLine }) {
  if (line.status === "unavailable") {
    return (
      <p className="form-error">
        {line.available > 0 ? `Only ${line.available} left: lower the quantity to buy it.` : "No longer available: it is not counted in your total."}
      </p>
    );
  }
  if (line.status === "price_changed") {
    return (
      <p className="notice">
        Price changed from {formatMoney(line.addedUnitPrice)} to {formatMoney(line.unitPrice)} since you added it.
      </p>
    );
  }
  return null;
}

function Line({ line }: { line: CartLine }) {
  const setQuantity = useCartStore((s) => s.setQuantity);
  const remove = useCartStore((s) => s.remove);
  const busy = useCartStore((s) => s.adding.includes(line.sku));
  const options = Object.values(line.options).join(" / ");
  return (
    <tr data-testid="cart-line" aria-busy={busy}>
      <td>
        {line.name} {options && <small>({options})</small>}
        <br />
        <small>SKU {line.sku}</small>
        <LineNotice line={line} />
      </td>
      <td className="num">{formatMoney(line.unitPrice)}</td>
      <td className="num">
        <label>
          <span className="visually-hidden">Quantity of {line.name}</span>
          <select value={line.quantity} disabled={busy} onChange={(e) => void setQuantity(line.sku, Number(e.target.value))}>
            {Array.from({ length: MAX_LINE_QUANTITY }, (_, i) => i + 1).map((n) => (
              <option key={n} value={n}>
                {n}
              </option>
            ))}
          </select>
        </label>
      </td>
      <td className="num">{line.status === "unavailable" ? "—" : formatMoney(line.lineTotal)}</td>
      <td>
        <button type="button" className="btn btn-secondary" disabled={busy} onClick={() => void remove(line.sku)} aria-label={`Remove ${line.name}`}>
          Remove
        </button>
      </td>
    </tr>
  );
}

export default function CartPage() {
  const cart = useCart();
  const error = useCartStore((s) => s.error);
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
      <p role="status" aria-live="polite" className={error ? "form-error" : "visually-hidden"}>
        {error ?? `${cart.itemCount} ${cart.itemCount === 1 ? "item" : "items"}, total ${formatMoney(cart.total)}`}
      </p>
      <table className="cart-table">
        <thead>
          <tr>
            <th scope="col">Item</th>
            <th scope="col" className="num">Price</th>
            <th scope="col" className="num">Quantity</th>
            <th scope="col" className="num">Total</th>
            <th scope="col"><span className="visually-hidden">Remove</span></th>
          </tr>
        </thead>
        <tbody>
          {cart.lines.map((line) => (
            <Line key={line.sku} line={line} />
          ))}
        </tbody>
      </table>
      <dl className="cart-totals-list">
        <dt>Subtotal ({cart.itemCount} {cart.itemCount === 1 ? "item" : "items"})</dt>
        <dd data-testid="cart-subtotal">{formatMoney(cart.subtotal)}</dd>
        {cart.discount.amount > 0 && (
          <>
            <dt>Discount</dt>
            <dd>−{formatMoney(cart.discount)}</dd>
          </>
        )}
        <dt>Shipping</dt>
        <dd>{cart.shipping.amount === 0 ? "Free" : formatMoney(cart.shipping)}</dd>
        <dt>Estimated tax</dt>
        <dd>{formatMoney(cart.tax)}</dd>
        <dt>Total</dt>
        <dd data-testid="cart-total">
          <strong>{formatMoney(cart.total)}</strong>
        </dd>
      </dl>
      <div className="cart-totals">
        <Link className="btn" to="/checkout">
          Proceed to checkout
        </Link>
      </div>
    </section>
  );
}
