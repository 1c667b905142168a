import type { Cart, Money } from "@shop/contracts";
import { formatMoney } from "@shop/contracts/browser";
import { itemsLabel } from "./items";
import { useCartStore } from "./store";

/** Shipping, tax and total for a method and destination, when checkout has them (else the cart's estimate). */
export interface Delivery {
  shipping: Money;
  tax: Money;
  total: Money;
  /** The shipping method's name. */
  method: string;
  /** The destination is known: the tax is what will be charged, not an estimate. */
  taxKnown: boolean;
}

/** The totals breakdown; marked busy while a change waits for the server's new totals. */
export function CartTotals({ cart, delivery }: { cart: Cart; delivery?: Delivery }) {
  const busy = useCartStore((s) => s.pending.length > 0);
  const items = itemsLabel(cart.itemCount);
  const { shipping, tax, total } = delivery ?? cart;
  return (
    <dl className="totals-list" aria-busy={busy}>
      <dt>Subtotal ({items})</dt>
      <dd data-testid="cart-subtotal">{formatMoney(cart.subtotal)}</dd>
      {cart.discount.amount > 0 && (
        <>
          <dt>Discount ({cart.coupon?.code})</dt>
          <dd data-testid="cart-discount">−{formatMoney(cart.discount)}</dd>
        </>
      )}
      <dt>Shipping{delivery ? ` (${delivery.method})` : ""}</dt>
      <dd data-testid="cart-shipping">{shipping.amount === 0 ? "Free" : formatMoney(shipping)}</dd>
      <dt>{delivery?.taxKnown ? "Tax" : "Estimated tax"}</dt>
      <dd data-testid="cart-tax">{formatMoney(tax)}</dd>
      <dt>Total</dt>
      <dd data-testid="cart-total">
        <strong>{formatMoney(total)}</strong>
      </dd>
    </dl>
  );
}
