import type { OrderStatus } from "@shop/contracts";
import { formatMoney } from "@shop/contracts/browser";
import { Field, PagedTable, SearchForm, SelectField, usePagedList } from "@shop/forms";
import { Link, useSearchParams } from "@shop/router";
import { useState } from "react";
import { listOrders } from "./api";
import { STATUS_NAMES, when } from "./status";

const FILTERS = ["q", "status", "from", "to"] as const;
type Filters = Record<(typeof FILTERS)[number], string>;

/** Orders, newest first, found by number or email, status and days placed; a page at a time. */
export function OrderList() {
  const [params, setParams] = useSearchParams();
  const applied = new URLSearchParams(FILTERS.flatMap((name) => (params.get(name) ? [[name, params.get(name)!]] : [])));
  const [typed, setTyped] = useState<Filters>(() => Object.fromEntries(FILTERS.map((name) => [name, params.get(name) ?? ""])) as Filters);
  const paged = usePagedList((after) => listOrders(new URLSearchParams({ ...Object.fromEntries(applied), ...(after && { after }) })), applied.toString());

  const set = (name: keyof Filters) => (value: string) => setTyped({ ...typed, [name]: value });
  return (
    <section>
      <h1 className="page-title">Orders</h1>
      <SearchForm label="Find orders" onSearch={() => setParams(new URLSearchParams(Object.entries(typed).filter(([, value]) => value.trim())))}>
        <Field id="order-q" label="Order number or email" type="search" value={typed.q} onValue={set("q")} />
        <SelectField
          id="order-status"
          label="Status"
          value={typed.status}
          onChange={set("status")}
          options={[["", "Any status"], ...(Object.entries(STATUS_NAMES) as Array<[OrderStatus, string]>)]}
        />
        <Field id="order-from" label="Placed from" type="date" value={typed.from} onValue={set("from")} />
        <Field id="order-to" label="Placed until" type="date" value={typed.to} onValue={set("to")} />
        <button className="btn" type="submit">
          Find
        </button>
      </SearchForm>
      <PagedTable paged={paged} label="Orders" loading="Loading orders…" empty={"No orders match."} moreLabel="More orders">
        {(items) => (
          <>
            <caption className="visually-hidden">Orders, newest first</caption>
            <thead>
              <tr>
                <th scope="col">Order</th>
                <th scope="col">Placed</th>
                <th scope="col">Buyer</th>
                <th scope="col">Status</th>
                <th scope="col" className="number">
                  Items
                </th>
                <th scope="col" className="number">
                  Total
                </th>
              </tr>
            </thead>
            <tbody>
              {items.map((order) => (
                <tr key={order.number}>
                  <th scope="row">
                    <Link to={`/admin/orders/${encodeURIComponent(order.number)}`}>{order.number}</Link>
                  </th>
                  <td>{when(order.placedAt)}</td>
                  <td>{order.email}</td>
                  <td>{STATUS_NAMES[order.status]}</td>
                  <td className="number">{order.items}</td>
                  <td className="number">
                    {formatMoney(order.total)}
                    {order.refunded.amount > 0 && ` (${formatMoney(order.refunded)} refunded)`}
                  </td>
                </tr>
              ))}
            </tbody>
          </>
        )}
      </PagedTable>
    </section>
  );
}
