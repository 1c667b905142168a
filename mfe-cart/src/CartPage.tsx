import type { CartLine } from "@shop/contracts";
import { CART_FORM_RESULT, formatMoney, type RecommendationsProps } from "@shop/contracts/browser";
import { RemoteArea } from "@shop/federation";
import { Link, useSearchParams } from "@shop/router";
import { CartTotals } from "./CartTotals";
import { CouponForm } from "./CouponForm";
import { LineControls } from "./LineControls";
import { useCartStore } from "./store";
import { injectCartStyles } from "./styles";
import { useCart } from "./useCart";

function LineNotice({ line }: { line: CartLine }) {
  // A change to this line the cart refused is said here, where the shopper made it (without
  // JavaScript the edge says it in the address it sends the shopper back to).
  const [params] = useSearchParams();
  const refusedByForm = params.get(CART_FORM_RESULT.refused) === line.sku ? params.get(CART_FORM_RESULT.reason) : null;
  const refusal = useCartStore((s) => (s.errorFor === line.sku ? s.error : null)) ?? refusedByForm;
  if (refusal) return <p className="form-error">{refusal}</p>;
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
    <li className="cart-line" data-testid="cart-line" aria-busy={busy}>
      {line.image ? (
        <img className="cart-line__image" src={line.image.url} alt="" width={72} height={Math.round((72 * line.image.height) / line.image.width)} />
      ) : (
        <span />
      )}
      <div className="cart-line__item">
        <p className="cart-line__name">{line.product ? <Link to={`/p/${line.product}`}>{line.name}</Link> : line.name}</p>
        {options && <p className="cart-line__options">{options}</p>}
        <p className="product__sku">{line.sku}</p>
        <LineNotice line={line} />
      </div>
      <p className="cart-line__price">
        {formatMoney(line.unitPrice)} <span className="cart-line__unit">each</span>
      </p>
      <div className="cart-line__controls">
        <LineControls line={line} />
      </div>
      <p className="cart-line__total">
        <span className="visually-hidden">Line total </span>
        {line.status === "unavailable" ? "—" : formatMoney(line.lineTotal)}
      </p>
    </li>
  );
}

export default function CartPage() {
  injectCartStyles();
  const cart = useCart();
  // A line's refusal is said on its line; only others (a load that failed) up here.
  const error = useCartStore((s) => (s.errorFor && cart?.lines.some((l) => l.sku === s.errorFor) ? null : s.error));
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
      <ul className="cart-lines" aria-label="Items in your cart">
        {cart.lines.map((line) => (
          <Line key={line.sku} line={line} />
        ))}
      </ul>
      <CouponForm cart={cart} />
      <CartTotals cart={cart} />
      <div className="cart-totals">
        <Link to="/">Continue shopping</Link>
        <Link className="btn" to="/checkout">
          Proceed to checkout
        </Link>
      </div>
      <RemoteArea<RecommendationsProps>
        module="catalog/Recommendations"
        label="Frequently bought together"
        variant="widget"
        loading={null}
        props={{ products: [...new Set(cart.lines.flatMap((line) => (line.product ? [line.product] : [])))].sort() }}
      />
    </section>
  );
}
