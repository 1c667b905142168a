import type { Cart } from "@shop/contracts";
import { formatMoney } from "@shop/contracts/browser";
import { itemsLabel } from "./items";
import { useCartStore } from "./store";

/** The totals breakdown; marked busy while a change waits for the server's new totals. */
export function CartTotals({ cart }: { cart: Cart }) {
  const busy = useCartStore((s) => s.pending.length > 0);
  const items = itemsLabel(cart.itemCount);
  return (
    <dl className="cart-totals-list" aria-busy={busy}>
      <dt>Subtotal ({items})</dt>
      <dd data-testid="cart-subtotal">{formatMoney(cart.subtotal)}</dd>
      {cart.discount.amount > 0 && (
        <>
          <dt>Discount ({cart.coupon?.code})</dt>
          <dd data-testid="cart-discount">−{formatMoney(cart.discount)}</dd>
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
  );
}
