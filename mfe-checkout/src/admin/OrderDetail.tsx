import type { Order } from "@shop/contracts";
import { CARRIER_NAMES, COUNTRIES, formatMoney, shipmentText } from "@shop/contracts/browser";
import { ActionForm, centsOf, Field, FormMessage, SelectField, TableRegion, typedAmount, useAction } from "@shop/forms";
import { Link, useParams } from "@shop/router";
import { useEffect, useState } from "react";
import { cancelOrder, deliverOrder, fetchAdminOrder, fulfilOrder, refundOrder } from "./api";
import { STATUS_NAMES, when } from "./status";

/** Ship: the carrier and tracking number go to the shopper's order page and their email. */
function FulfilForm({ order, onChange }: { order: Order; onChange: (order: Order) => void }) {
  const [carrier, setCarrier] = useState("");
  const [trackingNumber, setTrackingNumber] = useState("");
  const ship = useAction(async () => {
    onChange(await fulfilOrder(order.number, { ...(carrier && { carrier }), ...(trackingNumber.trim() && { trackingNumber: trackingNumber.trim() }) }));
    return "Marked shipped; the shopper's email with the tracking number is on its way.";
  });
  return (
    <ActionForm action={ship} submit="Mark shipped" busy="Saving…" marksFields aria-labelledby="ship-heading">
      <h2 id="ship-heading">Ship it</h2>
      <SelectField
        id="carrier"
        label="Carrier"
        value={carrier}
        onChange={setCarrier}
        options={[["", "Not said"], ...CARRIER_NAMES.map((name): [string, string] => [name, name])]}
        error={ship.fields.carrier}
      />
      <Field id="trackingNumber" label="Tracking number" value={trackingNumber} onValue={setTrackingNumber} error={ship.fields.trackingNumber} />
    </ActionForm>
  );
}

/**
 * Refund all that is left, an amount, or chosen items (their paid share, optionally back on sale);
 * cancelling an unshipped order refunds it whole and puts its units back.
 */
function MoneyBackForms({ order, onChange }: { order: Order; onChange: (order: Order) => void }) {
  const left = order.totals.total.amount - order.refunded.amount;
  const [by, setBy] = useState<"amount" | "items">("amount");
  const [amount, setAmount] = useState("");
  const [units, setUnits] = useState<Record<string, string>>({});
  const [restock, setRestock] = useState(false);
  const [reason, setReason] = useState("");
  const [cancelReason, setCancelReason] = useState("");
  const refund = useAction(async () => {
    if (by === "items") {
      const lines = order.lines.map((l) => ({ sku: l.sku, quantity: Number(units[l.sku] || 0) })).filter((l) => l.quantity !== 0);
      onChange(await refundOrder(order.number, { reason, lines, restock }));
    } else {
      const cents = amount.trim() ? centsOf(amount) : undefined;
      onChange(await refundOrder(order.number, { reason, ...(amount.trim() && { amount: cents ?? Number.NaN }) }));
    }
    setAmount("");
    setUnits({});
    setReason("");
    return "Refunded: Stripe returns it to the shopper's card, and they get an email.";
  });
  const cancel = useAction(async () => {
    onChange(await cancelOrder(order.number, cancelReason));
    return "Cancelled: what was paid is refunded and its units are on sale again.";
  });
  const cancellable = order.status === "paid" || order.status === "pending_payment";
  return (
    <>
      {left > 0 && order.status !== "pending_payment" && order.status !== "cancelled" && (
        <ActionForm action={refund} submit="Refund" busy="Refunding…" marksFields aria-labelledby="refund-heading">
          <h2 id="refund-heading">Refund</h2>
          <fieldset className="refund-by">
            <legend>What to refund</legend>
            <label>
              <input type="radio" name="refund-by" checked={by === "amount"} onChange={() => setBy("amount")} /> An amount
            </label>
            <label>
              <input type="radio" name="refund-by" checked={by === "items"} onChange={() => setBy("items")} /> Chosen items
            </label>
          </fieldset>
          {by === "amount" ? (
            <Field
              id="amount"
              label="Amount ($)"
              hint={`Empty: all that is left, ${formatMoney({ amount: left, currency: order.totals.total.currency })}`}
              inputMode="decimal"
              placeholder={typedAmount(left)}
              value={amount}
              onValue={setAmount}
              error={refund.fields.amount}
            />
          ) : (
            <>
              {order.lines.map((line) => (
                <Field
                  key={line.sku}
                  id={`refund-units-${line.sku}`}
                  label={`${line.name} (${line.sku}): units to refund`}
                  hint={`Of ${line.quantity} bought; what they paid for each, discount and tax in`}
                  inputMode="numeric"
                  value={units[line.sku] ?? ""}
                  onValue={(value) => setUnits({ ...units, [line.sku]: value })}
                />
              ))}
              {Object.entries(refund.fields)
                .filter(([field]) => field.startsWith("lines"))
                .map(([field, message]) => (
                  <p key={field} className="form-error">
                    {message}
                  </p>
                ))}
              <div className="field field--check">
                <label>
                  <input type="checkbox" checked={restock} onChange={(event) => setRestock(event.target.checked)} /> Put them back on sale
                </label>
              </div>
            </>
          )}
          <Field id="reason" label="Why" required value={reason} onValue={setReason} error={refund.fields.reason} />
        </ActionForm>
      )}
      {cancellable && (
        <ActionForm
          action={cancel}
          submit="Cancel the order"
          buttonClassName="btn btn-secondary"
          busy="Cancelling…"
          marksFields
          aria-labelledby="cancel-heading"
        >
          <h2 id="cancel-heading">Cancel</h2>
          <Field id="cancelReason" label="Why" required value={cancelReason} onValue={setCancelReason} error={cancel.fields.reason} />
        </ActionForm>
      )}
    </>
  );
}

/** One order: what was bought, where it goes, its timeline, and what can be done with it now. */
export function OrderDetail() {
  const { number = "" } = useParams();
  const [order, setOrder] = useState<Order | null>(null);
  const [error, setError] = useState<string | null>(null);
  useEffect(() => {
    fetchAdminOrder(number).then(setOrder, (err: Error) => setError(err.message));
  }, [number]);
  const deliver = useAction(async () => {
    setOrder(await deliverOrder(number));
    return "Marked delivered; the review request follows in a few days.";
  });
  if (error) return <FormMessage error={error} />;
  if (!order) return <p aria-busy="true">Loading the order…</p>;
  const money = formatMoney;
  const address = order.shippingAddress;
  return (
    <section>
      <p>
        <Link to="/admin/orders">← All orders</Link>
      </p>
      <h1 className="page-title">Order {order.number}</h1>
      <p>
        <strong data-testid="admin-order-status">{STATUS_NAMES[order.status]}</strong> · placed {when(order.placedAt)} by {order.email} ·{" "}
        {money(order.totals.total)}
        {order.refunded.amount > 0 && `, ${money(order.refunded)} refunded`} ·{" "}
        <Link to={`/admin/audit?${new URLSearchParams({ subject: `order:${order.number}` })}`}>Its changes</Link>
      </p>
      <TableRegion label="Items">
        <thead>
          <tr>
            <th scope="col">Item</th>
            <th scope="col">SKU</th>
            <th scope="col" className="number">
              Quantity
            </th>
            <th scope="col" className="number">
              Total
            </th>
          </tr>
        </thead>
        <tbody>
          {order.lines.map((line) => (
            <tr key={line.sku}>
              <th scope="row">
                {line.name}
                {Object.values(line.options).length > 0 && ` (${Object.values(line.options).join(", ")})`}
              </th>
              <td>{line.sku}</td>
              <td className="number">{line.quantity}</td>
              <td className="number">{money(line.lineTotal)}</td>
            </tr>
          ))}
        </tbody>
      </TableRegion>
      <p>
        Subtotal {money(order.totals.subtotal)}
        {order.totals.discount.amount > 0 && ` · discount −${money(order.totals.discount)}${order.coupon ? ` (${order.coupon})` : ""}`} · shipping{" "}
        {money(order.totals.shipping)} · tax {money(order.totals.tax)} · <strong>total {money(order.totals.total)}</strong>
      </p>
      <h2>Delivery</h2>
      <p>
        {[
          address.name,
          address.line1,
          address.line2,
          `${address.city} ${address.region} ${address.postalCode}`,
          COUNTRIES[address.country]?.name ?? address.country,
        ]
          .filter((part) => part?.trim())
          .join(", ")}{" "}
        · {order.shippingMethod.label}
      </p>
      {order.shipment && (
        <p data-testid="admin-order-shipment">
          {shipmentText(order.shipment)}
          {order.shipment.trackingUrl && (
            <>
              {" "}
              · <a href={order.shipment.trackingUrl}>The carrier's page</a>
            </>
          )}
        </p>
      )}
      <h2>Timeline</h2>
      <ol className="order-timeline">
        {order.history.map((event) => (
          <li key={`${event.at}-${event.status}-${event.cause}`}>
            <time dateTime={event.at}>{when(event.at)}</time> — <strong>{STATUS_NAMES[event.status]}</strong>: {event.cause}
          </li>
        ))}
      </ol>
      {order.status === "paid" && <FulfilForm order={order} onChange={setOrder} />}
      {order.status === "fulfilled" && (
        <ActionForm action={deliver} submit="Mark delivered" busy="Saving…" aria-labelledby="deliver-heading">
          <h2 id="deliver-heading">Delivered?</h2>
          <p>When the carrier says the parcel arrived.</p>
        </ActionForm>
      )}
      <MoneyBackForms order={order} onChange={setOrder} />
    </section>
  );
}
