import type { AuditEntry, AuditPage } from "@shop/contracts";
import { requestJson } from "@shop/contracts/browser";
import { Field, PagedTable, SearchForm, SelectField, usePagedList } from "@shop/forms";
import { useSearchParams } from "@shop/router";
import { useState } from "react";

const AREAS: Array<[string, string]> = [
  ["", "Every team"],
  ["catalog", "Catalog"],
  ["cart", "Cart"],
  ["checkout", "Checkout"],
  ["account", "Account"],
  ["platform", "Platform"],
];
const FILTERS = ["subject", "actor", "area"] as const;

const when = (iso: string) => new Date(iso).toLocaleString("en-US", { dateStyle: "medium", timeStyle: "short" });
const shown = (value: unknown) => (value === null || value === undefined ? "—" : typeof value === "object" ? JSON.stringify(value) : String(value));

/** Each changed field on a line: as it was → as it became. */
function Changes({ entry }: { entry: AuditEntry }) {
  const fields = [...new Set([...Object.keys(entry.before ?? {}), ...Object.keys(entry.after ?? {})])];
  if (fields.length === 0) return <span>—</span>;
  return (
    <ul className="audit-changes">
      {fields.map((field) => (
        <li key={field}>
          <strong>{field}</strong>: {entry.before && <del>{shown(entry.before[field])}</del>}
          {entry.before && entry.after && " → "}
          {entry.after && <ins>{shown(entry.after[field])}</ins>}
        </li>
      ))}
    </ul>
  );
}

/** The platform's page: every operator's change, newest first, filtered by what, who or which team. */
export default function AuditLog() {
  const [params, setParams] = useSearchParams();
  const [draft, setDraft] = useState(() => Object.fromEntries(FILTERS.map((name) => [name, params.get(name) ?? ""])));
  const query = new URLSearchParams(FILTERS.flatMap((name) => (params.get(name) ? [[name, params.get(name)!]] : [])));
  const paged = usePagedList(async (before) => {
    const page = await requestJson<AuditPage>(`/api/admin/audit?${query}${before ? `&before=${before}` : ""}`);
    return { items: page.entries, next: page.next === null ? null : String(page.next) };
  }, query.toString());

  return (
    <section>
      <h1 className="page-title">Audit log</h1>
      <SearchForm
        label="Filter the audit log"
        onSearch={() => {
          setParams(new URLSearchParams(Object.entries(draft).filter(([, value]) => value.trim())));
        }}
      >
        <Field
          id="audit-subject"
          label="About"
          hint="e.g. coupon:WELCOME10 or order:ORD-…"
          value={draft.subject}
          onValue={(subject) => setDraft({ ...draft, subject })}
        />
        <Field id="audit-actor" label="By" hint="e.g. admin:ops@example.com" value={draft.actor} onValue={(actor) => setDraft({ ...draft, actor })} />
        <SelectField id="audit-area" label="Team" value={draft.area ?? ""} options={AREAS} onChange={(area) => setDraft({ ...draft, area })} />
        <button className="btn" type="submit">
          Show
        </button>
      </SearchForm>
      <PagedTable paged={paged} label="Changes" loading="Loading the audit log…" empty="No changes match." moreLabel="Older changes">
        {(entries) => (
          <>
            <caption className="visually-hidden">Operators' changes, newest first</caption>
            <thead>
              <tr>
                <th scope="col">When</th>
                <th scope="col">Who</th>
                <th scope="col">What</th>
                <th scope="col">About</th>
                <th scope="col">Changes</th>
              </tr>
            </thead>
            <tbody>
              {entries.map((entry) => (
                <tr key={entry.id}>
                  <td>{when(entry.at)}</td>
                  <td>{entry.actor}</td>
                  <td>{entry.action}</td>
                  <td>{entry.subject}</td>
                  <td>
                    <Changes entry={entry} />
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
