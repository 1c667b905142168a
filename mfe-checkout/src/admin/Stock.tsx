import type { StockDetail } from "@shop/contracts";
import { LOW_STOCK } from "@shop/contracts/browser";
import { ActionForm, Field, FormMessage, PagedTable, SearchForm, TableRegion, useAction, usePagedList } from "@shop/forms";
import { Link, useParams, useSearchParams } from "@shop/router";
import { useEffect, useState } from "react";
import { adjustStock, fetchStock, listStock } from "./api";
import { when } from "./status";

const optionsOf = (options: Record<string, string>) => Object.values(options).join(", ");

/** Stock levels by SKU; the low ones, lowest first, when asked. */
export function StockLevels() {
  const [params, setParams] = useSearchParams();
  const q = params.get("q") ?? "";
  const low = params.get("low") === "true";
  const [typed, setTyped] = useState(q);
  const [lowOnly, setLowOnly] = useState(low);
  const paged = usePagedList(
    (after) => listStock(new URLSearchParams({ ...(q && { q }), ...(low && { low: "true" }), ...(after && { after }) })),
    `${q} ${low}`,
  );
  return (
    <section>
      <h1 className="page-title">Stock</h1>
      <SearchForm label="Find stock" onSearch={() => setParams({ ...(typed.trim() && { q: typed.trim() }), ...(lowOnly && { low: "true" }) })}>
        <Field id="stock-q" label="SKU" type="search" value={typed} onValue={setTyped} />
        <div className="field field--check">
          <label>
            <input type="checkbox" checked={lowOnly} onChange={(event) => setLowOnly(event.target.checked)} /> Only {LOW_STOCK} or fewer left
          </label>
        </div>
        <button className="btn" type="submit">
          Show
        </button>
      </SearchForm>
      <PagedTable paged={paged} label="Stock levels" loading="Loading stock…" empty={low ? "Nothing is low on stock." : "No stock matches."}>
        {(items) => (
          <>
            <caption className="visually-hidden">{low ? "Low stock, lowest first" : "Stock by SKU"}</caption>
            <thead>
              <tr>
                <th scope="col">SKU</th>
                <th scope="col">Item</th>
                <th scope="col" className="number">
                  Sellable
                </th>
                <th scope="col" className="number">
                  Held in checkouts
                </th>
              </tr>
            </thead>
            <tbody>
              {items.map((row) => (
                <tr key={row.sku}>
                  <th scope="row">
                    <Link to={`/admin/stock/${encodeURIComponent(row.sku)}`}>{row.sku}</Link>
                  </th>
                  <td>{row.name ? `${row.name}${optionsOf(row.options) && ` (${optionsOf(row.options)})`}` : "No longer sold"}</td>
                  <td className="number">{row.available}</td>
                  <td className="number">{row.held}</td>
                </tr>
              ))}
            </tbody>
          </>
        )}
      </PagedTable>
    </section>
  );
}

/** One SKU: its level, what checkouts hold, units in or out with why, and its movements. */
export function StockItem() {
  const { sku = "" } = useParams();
  const [stock, setStock] = useState<StockDetail | null>(null);
  const [error, setError] = useState<string | null>(null);
  const [units, setUnits] = useState("");
  const [reason, setReason] = useState("");
  useEffect(() => {
    fetchStock(sku).then(setStock, (err: Error) => setError(err.message));
  }, [sku]);
  const adjust = useAction(async () => {
    const changed = await adjustStock(sku, Number(units.trim() || Number.NaN), reason);
    setStock(changed);
    setUnits("");
    setReason("");
    return `Done: ${changed.available} sellable now.`;
  });
  if (error) return <FormMessage error={error} />;
  if (!stock) return <p aria-busy="true">Loading the stock…</p>;
  return (
    <section>
      <p>
        <Link to="/admin/stock">← All stock</Link>
      </p>
      <h1 className="page-title">{stock.sku}</h1>
      <p>
        {stock.name ? `${stock.name}${optionsOf(stock.options) && ` (${optionsOf(stock.options)})`}` : "No longer sold"} ·{" "}
        <strong data-testid="stock-available">{stock.available} sellable</strong> · {stock.held} held in checkouts ·{" "}
        <Link to={`/admin/audit?${new URLSearchParams({ subject: `sku:${stock.sku}` })}`}>Its changes</Link>
      </p>
      <ActionForm action={adjust} submit="Adjust stock" busy="Saving…" marksFields aria-labelledby="adjust-heading">
        <h2 id="adjust-heading">Units in or out</h2>
        <Field
          id="change"
          label="Units"
          hint="More than 0 came in (a delivery); less than 0 went out (damage, loss)"
          inputMode="numeric"
          value={units}
          onValue={setUnits}
          error={adjust.fields.change}
        />
        <Field id="reason" label="Why" required value={reason} onValue={setReason} error={adjust.fields.reason} />
      </ActionForm>
      <h2>Movements</h2>
      {stock.movements.length === 0 ? (
        <p>No changes by operators yet.</p>
      ) : (
        <TableRegion label="Movements">
          <thead>
            <tr>
              <th scope="col">When</th>
              <th scope="col" className="number">
                Change
              </th>
              <th scope="col" className="number">
                Then
              </th>
              <th scope="col">Why</th>
              <th scope="col">Who</th>
            </tr>
          </thead>
          <tbody>
            {stock.movements.map((movement) => (
              <tr key={`${movement.at}-${movement.availableAfter}-${movement.change}`}>
                <td>{when(movement.at)}</td>
                <td className="number">
                  {movement.kind === "count" ? `set to ${movement.availableAfter}` : movement.change > 0 ? `+${movement.change}` : movement.change}
                </td>
                <td className="number">{movement.availableAfter}</td>
                <td>{movement.reason}</td>
                <td>{movement.actor}</td>
              </tr>
            ))}
          </tbody>
        </TableRegion>
      )}
    </section>
  );
}
