import { RemoteArea } from "@shop/federation";
import { Link } from "@shop/router";

export default function CheckoutApp() {
  return (
    <section>
      <h1 className="page-title">Checkout</h1>
      <RemoteArea module="cart/CartSummary" label="Your order summary" loading={<p aria-busy="true">Loading your order…</p>} />
      <p className="notice">Online payment is not open yet, so orders cannot be placed. Your cart is saved and will be here when it opens.</p>
      <Link to="/cart">Back to cart</Link>
    </section>
  );
}
