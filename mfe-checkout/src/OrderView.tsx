import type { Order, OrderReturn } from "@shop/contracts";
import { ApiRequestError, COUNTRIES, formatMoney, shipmentText } from "@shop/contracts/browser";
import { Link, useParams, useSearchParams } from "@shop/router";
import { useEffect, useState } from "react";
import { fetchOrder } from "./api";
import { AddressBlock, OrderSummary } from "./OrderSummary";
import { useCheckoutStore } from "./store";

const STATUS: Record<Order["status"], string> = {
  pending_payment: "Waiting for payment",
  paid: "Paid — being prepared",
  fulfilled: "Shipped",
  delivered: "Delivered",
  cancelled: "Cancelled",
  refunded: "Refunded",
};
const when = new Intl.DateTimeFormat("en-US", { dateStyle: "medium", timeStyle: "short" });

function useOrder() {
  const { number = "" } = useParams();
  const [params] = useSearchParams();
  const token = params.get("token") ?? "";
  const [order, setOrder] = useState<Order | null>(null);
  const [problem, setProblem] = useState<string | null>(null);
  useEffect(() => {
    fetchOrder(number, token)
      .then(setOrder)
      .catch((err: unknown) =>
        setProblem(
          err instanceof ApiRequestError && err.status === 404
            ? "We can't find this order. Open it from the link in your confirmation email."
            : "We couldn't load this order; please reload the page.",
        ),
      );
  }, [number, token]);
  return { number, token, order, problem };
}

function OrderDetails({ order }: { order: Order }) {
  return (
    <div className="checkout-columns">
      <div>
        <h2>Shipping to</h2>
        <AddressBlock address={{ ...order.shippingAddress, country: COUNTRIES[order.shippingAddress.country]?.name ?? order.shippingAddress.country }} />
        <p>
          {order.shippingMethod.label} shipping · confirmation sent to {order.email}
        </p>
        <Shipment order={order} />
      </div>
      <OrderSummary title="Items" lines={order.lines} totals={order.totals} couponCode={order.coupon} />
    </div>
  );
}

const RETURN_STATUS: Record<OrderReturn["status"], string> = {
  requested: "Requested — we will answer within two working days",
  approved: "Approved — send the items back",
  rejected: "Not accepted",
  received: "Received — your refund is on its way",
  refunded: "Refunded",
};

/** The order's returns, and the way to ask for one while its items can still be sent back. */
function Returns({ order, token }: { order: Order; token: string }) {
  if (!order.returnable && order.returns.length === 0) return null;
  return (
    <>
      <h2>Returns</h2>
      {order.returns.length > 0 && (
        <ul className="order-returns">
          {order.returns.map((r) => (
            <li key={r.number} data-testid="order-return">
              <strong>{r.number}</strong>: {r.lines.map((l) => `${l.quantity} × ${l.name}`).join(", ")} — {RETURN_STATUS[r.status]}
              {r.decision && ` (${r.decision})`}
              {r.refunded && `, ${formatMoney(r.refunded)} refunded`}
            </li>
          ))}
        </ul>
      )}
      {order.returnable && (
        <p>
          <Link to={`/orders/${encodeURIComponent(order.number)}/return${token ? `?token=${encodeURIComponent(token)}` : ""}`}>Return items</Link> (until{" "}
          {new Date(order.returnable.until).toLocaleDateString("en-US", { dateStyle: "long" })})
        </p>
      )}
    </>
  );
}

/** How the parcel travels, once the shop has shipped it. */
export function Shipment({ order }: { order: Pick<Order, "shipment"> }) {
  const shipment = order.shipment;
  if (!shipment) return null;
  return (
    <p data-testid="order-shipment">
      {shipmentText(shipment)}
      {shipment.trackingUrl && (
        <>
          {" "}
          · <a href={shipment.trackingUrl}>Track your parcel</a>
        </>
      )}
    </p>
  );
}

/** The page after paying: the order number, what was bought and where it goes. */
export function ConfirmationPage() {
  const { number, token, order, problem } = useOrder();
  // The purchase is done: the next checkout starts fresh (keeping the email and address).
  useEffect(() => useCheckoutStore.getState().finish(), []);
  return (
    <section className="order-page">
      <h1 className="page-title" data-page-title={`Order ${number} placed`}>
        Thank you — your order is placed
      </h1>
      <OrderLoading loaded={order !== null} problem={problem} />
      {order && (
        <>
          <p className="order-number">
            Order number <strong data-testid="order-number">{order.number}</strong>. We've emailed a confirmation to {order.email}.
          </p>
          <OrderDetails order={order} />
          <p>
            <Link to={`/orders/${order.number}?token=${encodeURIComponent(token)}`}>View or bookmark your order page</Link> ·{" "}
            <Link to="/">Continue shopping</Link>
          </p>
        </>
      )}
    </section>
  );
}

/** While the order loads: a busy placeholder, or why it could not load. */
function OrderLoading({ loaded, problem }: { loaded: boolean; problem: string | null }) {
  if (problem) return <p role="alert">{problem}</p>;
  if (loaded) return null;
  return (
    <p aria-busy="true" className="checkout-placeholder">
      Loading your order…
    </p>
  );
}

/** A guest's order page, opened from the link in the confirmation. */
export function OrderPage() {
  const { number, token, order, problem } = useOrder();
  return (
    <section className="order-page">
      <h1 className="page-title">Order {number}</h1>
      <OrderLoading loaded={order !== null} problem={problem} />
      {order && (
        <>
          <p className="order-status">
            Status: <strong data-testid="order-status">{STATUS[order.status]}</strong> · placed {when.format(new Date(order.placedAt))}
            {order.refunded.amount > 0 && <> · {formatMoney(order.refunded)} refunded</>}
          </p>
          <OrderDetails order={order} />
          <Returns order={order} token={token} />
          <h2>History</h2>
          <ol className="order-history">
            {order.history.map((event) => (
              <li key={`${event.at} ${event.status}`}>
                <time dateTime={event.at}>{when.format(new Date(event.at))}</time> — {STATUS[event.status]}
              </li>
            ))}
          </ol>
        </>
      )}
    </section>
  );
}
