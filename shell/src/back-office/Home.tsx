import type { Dashboard, SalesPeriod } from "@shop/contracts";
import { DASHBOARD_COUNT_CAP, EDGE_BACK_OFFICE_PAGES, formatMoney, requestJson, SHOP_CURRENCY } from "@shop/contracts/browser";
import { FormMessage, TableRegion } from "@shop/forms";
import { Link } from "@shop/router";
import { useEffect, useState } from "react";
import { Bar, CartesianGrid, ComposedChart, Legend, Line, ResponsiveContainer, Tooltip, XAxis, YAxis } from "recharts";
import { BACK_OFFICE_SECTIONS } from "./Frame";

// The back office's home (the platform's): how the shop is doing today and over 7 and 30 days, what
// needs an operator now, and where each team's pages are. Figures are UTC days.

const money = (cents: number) => formatMoney({ amount: cents, currency: SHOP_CURRENCY });
const dollars = (cents: number) => `$${Math.round(cents / 100).toLocaleString("en-US")}`;
const count = (n: number) => (n >= DASHBOARD_COUNT_CAP ? `${DASHBOARD_COUNT_CAP.toLocaleString("en-US")}+` : n.toLocaleString("en-US"));
const percent = (share: number | null) => (share === null ? "—" : `${(share * 100).toFixed(1)}%`);
const dayName = (day: string) => new Date(`${day}T00:00:00Z`).toLocaleDateString("en-US", { month: "short", day: "numeric", timeZone: "UTC" });

const MEASURES: Array<[string, (period: SalesPeriod) => string]> = [
  ["Orders", (p) => p.orders.toLocaleString("en-US")],
  ["Revenue", (p) => money(p.revenue)],
  ["Average order", (p) => money(p.averageOrder)],
  ["Conversion (orders per checkout started)", (p) => percent(p.conversion)],
  ["Refunded", (p) => money(p.refunded)],
];

function Figures({ periods }: { periods: SalesPeriod[] }) {
  return (
    <TableRegion label="Sales">
      <caption>Sales (UTC days)</caption>
      <thead>
        <tr>
          <td />
          {periods.map((p) => (
            <th key={p.label} scope="col" className="number">
              {p.label}
            </th>
          ))}
        </tr>
      </thead>
      <tbody>
        {MEASURES.map(([name, value]) => (
          <tr key={name}>
            <th scope="row">{name}</th>
            {periods.map((p) => (
              <td key={p.label} className="number" data-testid={`${name}-${p.days}`}>
                {value(p)}
              </td>
            ))}
          </tr>
        ))}
      </tbody>
    </TableRegion>
  );
}

/** Revenue (bars) and orders (line) per day; the same numbers as a table for those who do not see the chart. */
function SalesChart({ days }: { days: Dashboard["days"] }) {
  const data = days.map((d) => ({ day: dayName(d.day), revenue: d.revenue, orders: d.orders }));
  const total = days.reduce((sum, d) => sum + d.revenue, 0);
  return (
    <figure className="dashboard__chart">
      <figcaption id="sales-chart-caption">Revenue and orders per day, last 30 days</figcaption>
      <div role="img" aria-labelledby="sales-chart-caption" aria-describedby="sales-chart-summary" className="dashboard__plot">
        <ResponsiveContainer width="100%" height={260}>
          <ComposedChart data={data} margin={{ top: 8, right: 8, bottom: 0, left: 0 }} accessibilityLayer={false}>
            <CartesianGrid stroke="#e3e6ea" vertical={false} />
            <XAxis dataKey="day" tick={{ fontSize: 12, fill: "#444" }} interval="preserveStartEnd" minTickGap={24} />
            <YAxis yAxisId="revenue" tickFormatter={dollars} tick={{ fontSize: 12, fill: "#444" }} width={64} />
            <YAxis yAxisId="orders" orientation="right" allowDecimals={false} tick={{ fontSize: 12, fill: "#444" }} width={36} />
            <Tooltip formatter={(value, name) => (name === "Revenue" ? money(Number(value)) : value)} />
            <Legend />
            <Bar yAxisId="revenue" dataKey="revenue" name="Revenue" fill="#2f5fb3" radius={[3, 3, 0, 0]} isAnimationActive={false} />
            <Line yAxisId="orders" dataKey="orders" name="Orders" stroke="#c23a32" strokeWidth={2} dot={false} isAnimationActive={false} />
          </ComposedChart>
        </ResponsiveContainer>
      </div>
      <p id="sales-chart-summary" className="visually-hidden">
        {money(total)} over 30 days; the table below has each day.
      </p>
      <details>
        <summary>Each day as a table</summary>
        <TableRegion label="Sales per day">
          <thead>
            <tr>
              <th scope="col">Day</th>
              <th scope="col" className="number">
                Orders
              </th>
              <th scope="col" className="number">
                Revenue
              </th>
              <th scope="col" className="number">
                Checkouts started
              </th>
            </tr>
          </thead>
          <tbody>
            {days.map((d) => (
              <tr key={d.day}>
                <th scope="row">{dayName(d.day)}</th>
                <td className="number">{d.orders}</td>
                <td className="number">{money(d.revenue)}</td>
                <td className="number">{d.checkouts}</td>
              </tr>
            ))}
          </tbody>
        </TableRegion>
      </details>
    </figure>
  );
}

/** What needs an operator now, each linked to where it is done. */
function Attention({ figures }: { figures: Dashboard }) {
  const items: Array<[string, number, string]> = [
    ["SKUs low on stock", figures.lowStock, "/admin/stock?low=true"],
    ["Returns to handle", figures.openReturns, "/admin/returns"],
    ["Undelivered emails", figures.undeliveredEmails, "/admin/messages"],
  ];
  return (
    <section aria-labelledby="attention-heading">
      <h2 id="attention-heading">Needs attention</h2>
      <ul className="dashboard__attention">
        {items.map(([name, n, href]) => (
          <li key={href} className={n ? "dashboard__attention--some" : undefined}>
            <span className="dashboard__count">{count(n)}</span>{" "}
            {href.startsWith("/admin/messages") ? <a href={href}>{name}</a> : <Link to={href}>{name}</Link>}
          </li>
        ))}
      </ul>
    </section>
  );
}

/** The back office's first page: the shop's figures, what needs doing, and where each team's work is. */
export default function BackOfficeHome() {
  const [figures, setFigures] = useState<Dashboard | null>(null);
  const [error, setError] = useState<string | null>(null);
  useEffect(() => {
    requestJson<Dashboard>("/api/admin/dashboard").then(setFigures, (err: Error) => setError(err.message));
  }, []);
  return (
    <section>
      <h1 className="page-title">Back office</h1>
      <FormMessage error={error} />
      {figures === null ? (
        !error && <p aria-busy="true">Loading the figures…</p>
      ) : (
        <>
          <Figures periods={figures.periods} />
          <SalesChart days={figures.days} />
          <Attention figures={figures} />
        </>
      )}
      <h2>Every page</h2>
      <ul className="back-office__sections">
        {BACK_OFFICE_SECTIONS.filter(({ to }) => to !== "/admin").map(({ to, nav }) => (
          <li key={to}>
            <Link to={to}>{nav}</Link>
          </li>
        ))}
        {EDGE_BACK_OFFICE_PAGES.map(([href, nav]) => (
          <li key={href}>
            <a href={href}>{nav}</a>
          </li>
        ))}
      </ul>
    </section>
  );
}
