import type { AdminOrderList, OrderStatus } from "@shop/contracts";
import { formatMoney } from "@shop/contracts/browser";
import { Field, FormMessage, SearchForm, SelectField, TableRegion } from "@shop/forms";
import { Link, useSearchParams } from "@shop/router";
import { useEffect, useState } from "react";
import { listOrders } from "./api";
import { STATUS_NAMES, when } from "./status";

const FILTERS = ["q", "status", "from", "to"] as const;
type Filters = Record<(typeof FILTERS)[number], string>;

/** Orders, newest first, found by number or email, status and days placed; a page at a time. */
export function OrderList() {
  const [params, setParams] = useSearchParams();
  const applied = new URLSearchParams(FILTERS.flatMap((name) => (params.get(name) ? [[name, params.get(name)!]] : [])));
  const [typed, setTyped] = useState<Filters>(() => Object.fromEntries(FILTERS.map((name) => [name, params.get(name) ?? ""])) as Filters);
  const [list, setList] = useState<AdminOrderList | null>(null);
  const [error, setError] = useState<string | null>(null);

  const load = async (after?: string) => {
    setError(null);
    try {
      const query = new URLSearchParams(applied);
      if (after) query.set("after", after);
      const page = await listOrders(query);
      setList((shown) => (after && shown ? { items: [...shown.items, ...page.items], next: page.next } : page));
    } catch (err) {
      setError((err as Error).message);
    }
  };
  // biome-ignore lint/correctness/useExhaustiveDependencies: loads again when the filters in the address change
  useEffect(() => void load(), [applied.toString()]);

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
      <FormMessage error={error} />
      {list === null ? (
        <p aria-busy="true">Loading orders…</p>
      ) : list.items.length === 0 ? (
        <p role="status">No orders match.</p>
      ) : (
        <TableRegion label="Orders">
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
            {list.items.map((order) => (
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
        </TableRegion>
      )}
      {list?.next && (
        <button className="btn btn-secondary" type="button" onClick={() => void load(list.next!)}>
          More orders
        </button>
      )}
    </section>
  );
}
