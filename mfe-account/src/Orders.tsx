import type { Order, OrderHistory, Reorder } from "@shop/contracts";
import { announceCartChanged, formatMoney, shipmentText } from "@shop/contracts/browser";
import { FormMessage, useAction } from "@shop/forms";
import { Link, useParams, useSearchParams } from "@shop/router";
import { useEffect, useState } from "react";
import { claimOrders, fetchOrder, fetchOrders, reorder } from "./api";

const STATUS_LABEL: Record<string, string> = {
  pending_payment: "Awaiting payment",
  paid: "Paid",
  fulfilled: "Shipped",
  delivered: "Delivered",
  cancelled: "Cancelled",
  refunded: "Refunded",
};
const date = (iso: string) => new Date(iso).toLocaleDateString(undefined, { year: "numeric", month: "long", day: "numeric" });

export function OrdersPage() {
  const [params, setParams] = useSearchParams();
  const page = Math.max(1, Number(params.get("page")) || 1);
  const [history, setHistory] = useState<OrderHistory | null>(null);
  const [error, setError] = useState<string | null>(null);
  const claim = useAction(async () => {
    const { claimed } = await claimOrders();
    setHistory(await fetchOrders(page));
    return claimed ? `${claimed} earlier ${claimed === 1 ? "order" : "orders"} added to your account.` : "No other orders were placed with your email.";
  });
  useEffect(() => {
    fetchOrders(page).then(setHistory, (err: Error) => setError(err.message));
  }, [page]);
  return (
    <section>
      <h1 className="page-title">Your orders</h1>
      <FormMessage error={error ?? claim.error} success={claim.success} />
      {!history ? (
        <p aria-busy="true">Loading your orders…</p>
      ) : history.orders.length === 0 ? (
        <p>No orders yet.</p>
      ) : (
        <ol className="account-orders">
          {history.orders.map((order) => (
            <li key={order.number}>
              <Link to={`/account/orders/${order.number}`}>{order.number}</Link>
              <span>{date(order.placedAt)}</span>
              <span>{STATUS_LABEL[order.status]}</span>
              <span>
                {order.itemCount} {order.itemCount === 1 ? "item" : "items"}, {formatMoney(order.total)}
              </span>
            </li>
          ))}
        </ol>
      )}
      {history && history.pageCount > 1 && (
        <nav className="pager" aria-label="Order pages">
          <button type="button" className="btn btn-secondary" disabled={page <= 1} onClick={() => setParams({ page: String(page - 1) })}>
            Newer orders
          </button>
          <span>
            Page {page} of {history.pageCount}
          </span>
          <button type="button" className="btn btn-secondary" disabled={page >= history.pageCount} onClick={() => setParams({ page: String(page + 1) })}>
            Older orders
          </button>
        </nav>
      )}
      <p>
        Bought as a guest with this email?{" "}
        <button type="button" className="btn btn-secondary" onClick={() => void claim.run()} disabled={claim.busy}>
          Find my guest orders
        </button>
      </p>
    </section>
  );
}

function reorderMessage(result: Reorder): string {
  const added = result.added.map((l) => `${l.quantity} × ${l.name}`).join(", ");
  const missed = result.notAdded.map((l) => `${l.name} (${l.reason})`).join(", ");
  return [added && `Added to your cart: ${added}.`, missed && `Not added: ${missed}.`].filter(Boolean).join(" ") || "Nothing could be added.";
}

export function OrderDetailPage() {
  const { number = "" } = useParams();
  const [order, setOrder] = useState<Order | null>(null);
  const [error, setError] = useState<string | null>(null);
  const again = useAction(async () => {
    const result = await reorder(number);
    announceCartChanged();
    return reorderMessage(result);
  });
  useEffect(() => {
    fetchOrder(number).then(setOrder, (err: Error) => setError(err.message));
  }, [number]);
  if (error)
    return (
      <section>
        <h1 className="page-title">Order not found</h1>
        <p className="notice notice--error">{error}</p>
        <Link to="/account/orders">Your orders</Link>
      </section>
    );
  if (!order) return <p aria-busy="true">Loading the order…</p>;
  return (
    <section>
      <h1 className="page-title">Order {order.number}</h1>
      <p>
        Placed {date(order.placedAt)} · {STATUS_LABEL[order.status]} · {formatMoney(order.totals.total)}
      </p>
      <h2>Items</h2>
      <ul className="account-lines">
        {order.lines.map((line) => (
          <li key={line.sku}>
            {line.quantity} × {line.name} <span>{formatMoney(line.lineTotal)}</span>
          </li>
        ))}
      </ul>
      <button type="button" className="btn" onClick={() => void again.run()} disabled={again.busy}>
        Buy these again
      </button>
      <FormMessage error={again.error} success={again.success} />
      <h2>Timeline</h2>
      <ol className="account-timeline" aria-label="Order status timeline">
        {order.history.map((event) => (
          <li key={`${event.at}-${event.status}`}>
            <strong>{STATUS_LABEL[event.status]}</strong> <time dateTime={event.at}>{new Date(event.at).toLocaleString()}</time>
          </li>
        ))}
      </ol>
      <h2>Delivery</h2>
      <address>
        {[
          order.shippingAddress.name,
          order.shippingAddress.line1,
          order.shippingAddress.line2,
          `${order.shippingAddress.city} ${order.shippingAddress.region} ${order.shippingAddress.postalCode}`,
          order.shippingAddress.country,
        ]
          .filter((part) => part.trim())
          .map((part) => (
            <span key={part}>
              {part}
              <br />
            </span>
          ))}
      </address>
      <p>{order.shippingMethod.label}</p>
      {order.shipment && (
        <p data-testid="order-shipment">
          {shipmentText(order.shipment)}
          {order.shipment.trackingUrl && (
            <>
              {" "}
              · <a href={order.shipment.trackingUrl}>Track your parcel</a>
            </>
          )}
        </p>
      )}
      {(order.returns.length > 0 || order.returnable) && (
        <>
          <h2>Returns</h2>
          <ul className="account-lines">
            {order.returns.map((r) => (
              <li key={r.number} data-testid="order-return">
                {r.number}: {r.lines.map((l) => `${l.quantity} × ${l.name}`).join(", ")} — {RETURN_STATUS_LABEL[r.status]}
                {r.refunded && `, ${formatMoney(r.refunded)} refunded`}
              </li>
            ))}
          </ul>
          {order.returnable && (
            <p>
              <Link to={`/orders/${encodeURIComponent(order.number)}/return`}>Return items</Link> (until {date(order.returnable.until)})
            </p>
          )}
        </>
      )}
      <Link to="/account/orders">All your orders</Link>
    </section>
  );
}

const RETURN_STATUS_LABEL: Record<Order["returns"][number]["status"], string> = {
  requested: "requested",
  approved: "approved: send the items back",
  rejected: "not accepted",
  received: "received",
  refunded: "refunded",
};
