import type { Checkout, CheckoutLine, OrderTotals } from "@shop/contracts";
import { formatMoney } from "@shop/contracts/browser";
import type { ReactNode } from "react";

const optionsOf = (options: Record<string, string>) => Object.values(options).join(", ");

/** Lines and totals of a checkout or an order: the amounts the server computed, shown as they are. */
export function OrderSummary({
  lines,
  totals,
  couponCode,
  title = "Order summary",
}: {
  lines: Array<Omit<CheckoutLine, "image">>;
  totals: OrderTotals;
  couponCode?: string | null;
  title?: string;
}) {
  return (
    <section aria-labelledby="order-summary-title" className="order-summary">
      <h2 id="order-summary-title">{title}</h2>
      <ul className="order-summary__lines">
        {lines.map((line) => (
          <li key={line.sku}>
            <span>
              {line.quantity} × {line.name}
              {Object.keys(line.options).length > 0 && <span className="order-summary__options"> ({optionsOf(line.options)})</span>}
            </span>
            <span>{formatMoney(line.lineTotal)}</span>
          </li>
        ))}
      </ul>
      <dl className="totals-list">
        <dt>Subtotal</dt>
        <dd data-testid="checkout-subtotal">{formatMoney(totals.subtotal)}</dd>
        {totals.discount.amount > 0 && (
          <>
            <dt>Discount{couponCode ? ` (${couponCode})` : ""}</dt>
            <dd data-testid="checkout-discount">−{formatMoney(totals.discount)}</dd>
          </>
        )}
        <dt>Shipping</dt>
        <dd data-testid="checkout-shipping">{totals.shipping.amount === 0 ? "Free" : formatMoney(totals.shipping)}</dd>
        <dt>Tax</dt>
        <dd data-testid="checkout-tax">{formatMoney(totals.tax)}</dd>
        <dt>Total</dt>
        <dd data-testid="checkout-total">
          <strong>{formatMoney(totals.total)}</strong>
        </dd>
      </dl>
    </section>
  );
}

export function AddressBlock({
  address,
}: {
  address: { name: string; line1: string; line2: string; city: string; region: string; postalCode: string; country: string };
}) {
  return (
    <address className="address-block">
      {address.name}
      <br />
      {address.line1}
      {address.line2 && (
        <>
          <br />
          {address.line2}
        </>
      )}
      <br />
      {[address.city, address.region, address.postalCode].filter(Boolean).join(", ")}
      <br />
      {address.country}
    </address>
  );
}

/** A step of checkout beside the summary checkout priced (once it has one). */
export function BesideCheckoutSummary({ checkout, children }: { checkout: Checkout | null | undefined; children: ReactNode }) {
  return (
    <div className="checkout-columns">
      <div className="checkout-form">{children}</div>
      <aside className="checkout-aside">
        {checkout && <OrderSummary lines={checkout.lines} totals={checkout.totals} couponCode={checkout.coupon?.code} />}
      </aside>
    </div>
  );
}
