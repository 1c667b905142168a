import type { AdminCoupon, AdminCouponList } from "@shop/contracts";
import { formatMoney, SHOP_CURRENCY } from "@shop/contracts/browser";
import { Field, FormMessage, SearchForm, TableRegion } from "@shop/forms";
import { Link, useSearchParams } from "@shop/router";
import { useEffect, useState } from "react";
import { listCoupons } from "./api";

export const STATE_NAMES: Record<AdminCoupon["state"], string> = {
  active: "Active",
  scheduled: "Starts later",
  expired: "Ended",
  used_up: "Used up",
  disabled: "Switched off",
};

/** What a coupon takes off, as a shopper would read it. */
export const discountOf = (coupon: Pick<AdminCoupon, "kind" | "value">) =>
  coupon.kind === "percent" ? `${coupon.value}% off` : `${formatMoney({ amount: coupon.value, currency: SHOP_CURRENCY })} off`;

/** Coupons by code, searched by code or description, with their use so far. */
export function CouponList() {
  const [params, setParams] = useSearchParams();
  const q = params.get("q") ?? "";
  const [typed, setTyped] = useState(q);
  const [list, setList] = useState<AdminCouponList | null>(null);
  const [error, setError] = useState<string | null>(null);
  useEffect(() => {
    setError(null);
    listCoupons(q).then(setList, (err: Error) => setError(err.message));
  }, [q]);
  return (
    <section>
      <h1 className="page-title">Coupons</h1>
      <p>
        <Link className="btn" to="/admin/coupons/new">
          New coupon
        </Link>
      </p>
      <SearchForm
        label="Search coupons"
        onSearch={() => {
          setParams(typed.trim() ? { q: typed.trim() } : {});
        }}
      >
        <Field id="coupon-search" label="Code or description" type="search" value={typed} onValue={setTyped} />
        <button className="btn" type="submit">
          Search
        </button>
      </SearchForm>
      <FormMessage error={error} />
      {list === null ? (
        <p aria-busy="true">Loading coupons…</p>
      ) : list.items.length === 0 ? (
        <p role="status">{q ? `No coupon matches “${q}”.` : "No coupons yet."}</p>
      ) : (
        <TableRegion label="Coupons">
          <caption className="visually-hidden">
            {list.total} coupons{q && ` matching “${q}”`}
          </caption>
          <thead>
            <tr>
              <th scope="col">Code</th>
              <th scope="col">Gives</th>
              <th scope="col">State</th>
              <th scope="col" className="number">
                Used
              </th>
              <th scope="col">Ends</th>
            </tr>
          </thead>
          <tbody>
            {list.items.map((coupon) => (
              <tr key={coupon.code}>
                <th scope="row">
                  <Link to={`/admin/coupons/${encodeURIComponent(coupon.code)}`}>{coupon.code}</Link>
                </th>
                <td>
                  {discountOf(coupon)} — {coupon.description}
                </td>
                <td>{STATE_NAMES[coupon.state]}</td>
                <td className="number">
                  {coupon.timesUsed}
                  {coupon.maxUses !== null && ` of ${coupon.maxUses}`}
                </td>
                <td>{coupon.endsAt ? new Date(coupon.endsAt).toLocaleDateString("en-US", { dateStyle: "medium" }) : "No end"}</td>
              </tr>
            ))}
          </tbody>
        </TableRegion>
      )}
    </section>
  );
}
