import type { CartLine } from "@shop/contracts";
import { formatMoney } from "@shop/contracts/browser";
import { Link } from "@shop/router";
import { CartTotals } from "./CartTotals";
import { CouponForm } from "./CouponForm";
import { LineControls } from "./LineControls";
import { useCartStore } from "./store";
import { injectCartStyles } from "./styles";
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
  const busy = useCartStore((s) => s.pending.includes(line.sku));
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
      <td className="num" colSpan={2}>
        <LineControls line={line} />
      </td>
      <td className="num">{line.status === "unavailable" ? "—" : formatMoney(line.lineTotal)}</td>
    </tr>
  );
}

export default function CartPage() {
  injectCartStyles();
  const cart = useCart();
  const error = useCartStore((s) => s.error);
  if (!cart) return <p aria-busy="true">Loading your cart…</p>;
  if (cart.lines.length === 0) {
    return (
      <section>
        <h1 className="page-title">Your cart</h1>
        <p>Your cart is empty.</p>
        <Link className="btn" to="/">
          Continue shopping
        </Link>
      </section>
    );
  }
  return (
    <section>
      <h1 className="page-title">Your cart</h1>
      {/* Visible here; the mini-cart's announcer says it to screen readers. */}
      {error && <p className="form-error">{error}</p>}
      <table className="cart-table">
        <thead>
          <tr>
            <th scope="col">Item</th>
            <th scope="col" className="num">
              Price
            </th>
            <th scope="col" className="num" colSpan={2}>
              Quantity
            </th>
            <th scope="col" className="num">
              Total
            </th>
          </tr>
        </thead>
        <tbody>
          {cart.lines.map((line) => (
            <Line key={line.sku} line={line} />
          ))}
        </tbody>
      </table>
      <CouponForm cart={cart} />
      <CartTotals cart={cart} />
      <div className="cart-totals">
        <Link to="/">Continue shopping</Link>
        <Link className="btn" to="/checkout">
          Proceed to checkout
        </Link>
      </div>
    </section>
  );
}
