import type { Order, OrderReturn } from "@shop/contracts";
import { RETURN_INSTRUCTIONS } from "@shop/contracts/browser";
import { ActionForm, Field, FormMessage, SelectField, useAction } from "@shop/forms";
import { Link, useParams, useSearchParams } from "@shop/router";
import { useEffect, useState } from "react";
import { fetchOrder, requestReturn } from "./api";

const day = (iso: string) => new Date(iso).toLocaleDateString("en-US", { dateStyle: "long" });

/** A shopper chooses which delivered items to send back, and why; then gets the return number and what to do. */
export function ReturnItemsPage() {
  const { number = "" } = useParams();
  const [params] = useSearchParams();
  const token = params.get("token") ?? "";
  const [order, setOrder] = useState<Order | null>(null);
  const [problem, setProblem] = useState<string | null>(null);
  const [counts, setCounts] = useState<Record<string, string>>({});
  const [reason, setReason] = useState("");
  const [made, setMade] = useState<OrderReturn | null>(null);
  useEffect(() => {
    fetchOrder(number, token).then(setOrder, () =>
      setProblem("We can't find this order. Open it from the link in your confirmation email, or from your account."),
    );
  }, [number, token]);
  const send = useAction(async () => {
    const lines = Object.entries(counts)
      .map(([sku, count]) => ({ sku, quantity: Number(count) }))
      .filter((line) => line.quantity > 0);
    setMade(await requestReturn(number, token, { lines, reason }));
  });
  const back = `/orders/${encodeURIComponent(number)}${token ? `?token=${encodeURIComponent(token)}` : ""}`;
  if (problem) return <FormMessage error={problem} />;
  if (!order) return <p aria-busy="true">Loading your order…</p>;
  if (made) {
    return (
      <section className="order-page">
        <h1 className="page-title">Return {made.number} requested</h1>
        <p role="status">We emailed the return number to {order.email}. We will look at your request within two working days.</p>
        <p>Once we approve it: {RETURN_INSTRUCTIONS}</p>
        <Link to={back}>Back to your order</Link>
      </section>
    );
  }
  const returnable = order.returnable;
  return (
    <section className="order-page">
      <h1 className="page-title">Return items from order {order.number}</h1>
      {!returnable ? (
        <p>Nothing in this order can be returned now: items can be returned within 30 days of delivery.</p>
      ) : (
        <>
          <p>You can return these items until {day(returnable.until)}.</p>
          <ActionForm action={send} submit="Request the return" busy="Sending…" marksFields>
            <fieldset>
              <legend>How many of each?</legend>
              {order.lines
                .filter((line) => returnable.lines[line.sku])
                .map((line) => (
                  <SelectField
                    key={line.sku}
                    id={`return-${line.sku}`}
                    label={`${line.name}${Object.values(line.options).length ? ` (${Object.values(line.options).join(", ")})` : ""}`}
                    value={counts[line.sku] ?? "0"}
                    onChange={(count) => setCounts({ ...counts, [line.sku]: count })}
                    options={Array.from({ length: returnable.lines[line.sku]! + 1 }, (_, n): [string, string] => [String(n), n === 0 ? "None" : String(n)])}
                  />
                ))}
            </fieldset>
            <Field id="reason" label="Why are you returning them?" required value={reason} onValue={setReason} error={send.fields.reason} />
          </ActionForm>
        </>
      )}
      <p>
        <Link to={back}>Back to your order</Link>
      </p>
    </section>
  );
}
