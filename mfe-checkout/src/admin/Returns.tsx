import type { OrderReturn, ReturnStatus } from "@shop/contracts";
import { formatMoney } from "@shop/contracts/browser";
import { ActionForm, Field, FormMessage, PagedTable, SearchForm, SelectField, TableRegion, useAction, usePagedList } from "@shop/forms";
import { Link, useParams, useSearchParams } from "@shop/router";
import { useEffect, useState } from "react";
import { approveReturn, fetchReturn, listReturns, receiveReturn, refundReturn, rejectReturn } from "./api";
import { when } from "./status";

export const RETURN_STATUS_NAMES: Record<ReturnStatus, string> = {
  requested: "To decide",
  approved: "Approved, on its way back",
  rejected: "Rejected",
  received: "Received, to refund",
  refunded: "Refunded",
};

const itemsOf = (r: OrderReturn) => r.lines.map((l) => `${l.quantity} × ${l.name}`).join(", ");

/** Returns, newest first, in one status or all: the ones to decide first by default. */
export function ReturnsList() {
  const [params, setParams] = useSearchParams();
  const status = params.get("status") ?? "requested";
  const [typed, setTyped] = useState(status);
  const paged = usePagedList((after) => listReturns(new URLSearchParams({ ...(status !== "any" && { status }), ...(after && { after }) })), status);
  return (
    <section>
      <h1 className="page-title">Returns</h1>
      <SearchForm label="Filter returns" onSearch={() => setParams({ status: typed })}>
        <SelectField
          id="return-status"
          label="Status"
          value={typed}
          onChange={setTyped}
          options={[...(Object.entries(RETURN_STATUS_NAMES) as Array<[string, string]>), ["any", "Any status"]]}
        />
        <button className="btn" type="submit">
          Show
        </button>
      </SearchForm>
      <PagedTable paged={paged} label="Returns" loading="Loading returns…" empty={"No returns here."} moreLabel="More returns">
        {(items) => (
          <>
            <thead>
              <tr>
                <th scope="col">Return</th>
                <th scope="col">Asked</th>
                <th scope="col">Order</th>
                <th scope="col">Items</th>
                <th scope="col">Status</th>
              </tr>
            </thead>
            <tbody>
              {items.map((r) => (
                <tr key={r.number}>
                  <th scope="row">
                    <Link to={`/admin/returns/${r.number}`}>{r.number}</Link>
                  </th>
                  <td>{when(r.requestedAt)}</td>
                  <td>
                    <Link to={`/admin/orders/${r.orderNumber}`}>{r.orderNumber}</Link>
                  </td>
                  <td>{itemsOf(r)}</td>
                  <td>{RETURN_STATUS_NAMES[r.status]}</td>
                </tr>
              ))}
            </tbody>
          </>
        )}
      </PagedTable>
    </section>
  );
}

/** What arrived of each item, and how many of those go back on sale. */
function ReceiveForm({ ret, onChange }: { ret: OrderReturn; onChange: (r: OrderReturn) => void }) {
  const [counts, setCounts] = useState(() => Object.fromEntries(ret.lines.map((l) => [l.sku, { quantity: String(l.quantity), restock: String(l.quantity) }])));
  const receive = useAction(async () => {
    onChange(
      await receiveReturn(
        ret.number,
        ret.lines.map((l) => ({ sku: l.sku, quantity: Number(counts[l.sku]!.quantity), restock: Number(counts[l.sku]!.restock) })),
      ),
    );
    return "Received; what you chose is on sale again.";
  });
  const choices = (most: number) => Array.from({ length: most + 1 }, (_, n): [string, string] => [String(n), String(n)]);
  return (
    <ActionForm action={receive} submit="Mark received" busy="Saving…" aria-labelledby="receive-heading">
      <h2 id="receive-heading">The parcel arrived</h2>
      {ret.lines.map((l) => (
        <fieldset key={l.sku}>
          <legend>{l.name}</legend>
          <SelectField
            id={`received-${l.sku}`}
            label="Arrived"
            value={counts[l.sku]!.quantity}
            onChange={(quantity) =>
              setCounts({ ...counts, [l.sku]: { quantity, restock: String(Math.min(Number(quantity), Number(counts[l.sku]!.restock))) } })
            }
            options={choices(l.quantity)}
          />
          <SelectField
            id={`restock-${l.sku}`}
            label="Back on sale"
            hint="The rest are damaged"
            value={counts[l.sku]!.restock}
            onChange={(restock) => setCounts({ ...counts, [l.sku]: { ...counts[l.sku]!, restock } })}
            options={choices(Number(counts[l.sku]!.quantity))}
          />
        </fieldset>
      ))}
    </ActionForm>
  );
}

/** One return: its items, its history, and the one next step its status allows. */
export function ReturnDetail() {
  const { number = "" } = useParams();
  const [ret, setRet] = useState<OrderReturn | null>(null);
  const [error, setError] = useState<string | null>(null);
  const [why, setWhy] = useState("");
  useEffect(() => {
    fetchReturn(number).then(setRet, (err: Error) => setError(err.message));
  }, [number]);
  const approve = useAction(async () => {
    setRet(await approveReturn(number));
    return "Approved; the shopper is emailed where to send the items.";
  });
  const reject = useAction(async () => {
    setRet(await rejectReturn(number, why));
    return "Rejected; the shopper is told why.";
  });
  const refund = useAction(async () => {
    const done = await refundReturn(number);
    setRet(done);
    return `Refunded ${done.refunded ? formatMoney(done.refunded) : ""} to the shopper's card.`;
  });
  if (error) return <FormMessage error={error} />;
  if (!ret) return <p aria-busy="true">Loading the return…</p>;
  return (
    <section>
      <p>
        <Link to="/admin/returns">← All returns</Link>
      </p>
      <h1 className="page-title">Return {ret.number}</h1>
      <p>
        <strong data-testid="admin-return-status">{RETURN_STATUS_NAMES[ret.status]}</strong> · order{" "}
        <Link to={`/admin/orders/${ret.orderNumber}`}>{ret.orderNumber}</Link> · asked {when(ret.requestedAt)} · “{ret.reason}”
        {ret.refunded && ` · ${formatMoney(ret.refunded)} refunded`} ·{" "}
        <Link to={`/admin/audit?${new URLSearchParams({ subject: `return:${ret.number}` })}`}>Its changes</Link>
      </p>
      <TableRegion label="Items">
        <thead>
          <tr>
            <th scope="col">Item</th>
            <th scope="col" className="number">
              Asked
            </th>
            <th scope="col" className="number">
              Arrived
            </th>
            <th scope="col" className="number">
              Back on sale
            </th>
          </tr>
        </thead>
        <tbody>
          {ret.lines.map((l) => (
            <tr key={l.sku}>
              <th scope="row">
                {l.name} ({l.sku})
              </th>
              <td className="number">{l.quantity}</td>
              <td className="number">{l.received}</td>
              <td className="number">{l.restocked}</td>
            </tr>
          ))}
        </tbody>
      </TableRegion>
      <h2>History</h2>
      <ol className="order-timeline">
        {ret.history.map((h) => (
          <li key={`${h.at}-${h.status}`}>
            <time dateTime={h.at}>{when(h.at)}</time> — <strong>{RETURN_STATUS_NAMES[h.status]}</strong> by {h.actor}: {h.cause}
          </li>
        ))}
      </ol>
      {ret.status === "requested" && (
        <>
          <ActionForm action={approve} submit="Approve" busy="Saving…" aria-labelledby="approve-heading">
            <h2 id="approve-heading">Approve</h2>
            <p>The shopper is emailed where to send the items.</p>
          </ActionForm>
          <ActionForm action={reject} submit="Reject" buttonClassName="btn btn-secondary" busy="Saving…" marksFields aria-labelledby="reject-heading">
            <h2 id="reject-heading">Reject</h2>
            <Field id="why" label="Why (the shopper reads it)" required value={why} onValue={setWhy} error={reject.fields.reason} />
          </ActionForm>
        </>
      )}
      {ret.status === "approved" && <ReceiveForm ret={ret} onChange={setRet} />}
      {ret.status === "received" && (
        <ActionForm action={refund} submit="Refund the items" busy="Refunding…" aria-labelledby="refund-heading">
          <h2 id="refund-heading">Refund</h2>
          <p>What the arrived items cost the shopper (their share of the discount and tax included) goes back to their card.</p>
        </ActionForm>
      )}
      <FormMessage success={approve.success ?? reject.success ?? refund.success} />
    </section>
  );
}
