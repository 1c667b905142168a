import type { CustomerDetail } from "@shop/contracts";
import { formatMoney } from "@shop/contracts/browser";
import { ActionForm, Field, FormMessage, PagedTable, SearchForm, useAction, usePagedList } from "@shop/forms";
import { Link, useNavigate, useParams, useSearchParams } from "@shop/router";
import { useEffect, useState } from "react";
import { endCustomerSessions, eraseCustomer, exportCustomer, fetchCustomer, listCustomers, setCustomerRole } from "./api";

const day = (iso: string) => new Date(iso).toLocaleDateString("en-US", { dateStyle: "medium" });
const when = (iso: string) => new Date(iso).toLocaleString("en-US", { dateStyle: "medium", timeStyle: "short" });

/** Customers, newest first, found by the start of their email or a part of their name. */
export function CustomerSearch() {
  const [params, setParams] = useSearchParams();
  const q = params.get("q") ?? "";
  const [typed, setTyped] = useState(q);
  const paged = usePagedList((after) => listCustomers(new URLSearchParams({ ...(q && { q }), ...(after && { after }) })), q);
  return (
    <section>
      <h1 className="page-title">Customers</h1>
      <SearchForm label="Find customers" onSearch={() => setParams(typed.trim() ? { q: typed.trim() } : {})}>
        <Field id="customer-q" label="Email or name" type="search" value={typed} onValue={setTyped} />
        <button className="btn" type="submit">
          Find
        </button>
      </SearchForm>
      <PagedTable paged={paged} label="Customers" loading="Loading customers…" empty={"No customers match."} moreLabel="More customers">
        {(items) => (
          <>
            <thead>
              <tr>
                <th scope="col">Name</th>
                <th scope="col">Email</th>
                <th scope="col">Role</th>
                <th scope="col">Since</th>
              </tr>
            </thead>
            <tbody>
              {items.map((customer) => (
                <tr key={customer.id}>
                  <th scope="row">
                    <Link to={`/admin/customers/${encodeURIComponent(customer.id)}`}>{customer.name}</Link>
                  </th>
                  <td>{customer.email}</td>
                  <td>{customer.role === "admin" ? "Operator" : "Customer"}</td>
                  <td>{day(customer.createdAt)}</td>
                </tr>
              ))}
            </tbody>
          </>
        )}
      </PagedTable>
    </section>
  );
}

/** One customer: what is kept of them, and what an operator may do at their request. */
export function CustomerPage() {
  const { id = "" } = useParams();
  const navigate = useNavigate();
  const [customer, setCustomer] = useState<CustomerDetail | null>(null);
  const [error, setError] = useState<string | null>(null);
  const [confirmEmail, setConfirmEmail] = useState("");
  useEffect(() => {
    fetchCustomer(id).then(setCustomer, (err: Error) => setError(err.message));
  }, [id]);
  const signOut = useAction(async () => {
    const { ended } = await endCustomerSessions(id);
    setCustomer(await fetchCustomer(id));
    return ended ? `Signed out of ${ended} ${ended === 1 ? "session" : "sessions"}.` : "There was no open session.";
  });
  const role = useAction(async () => {
    const changed = await setCustomerRole(id, customer!.role === "admin" ? "customer" : "admin");
    setCustomer(changed);
    return changed.role === "admin" ? `${changed.name} is an operator now.` : `${changed.name} is a customer again.`;
  });
  const download = useAction(async () => {
    const data = await exportCustomer(id);
    const link = document.createElement("a");
    link.href = URL.createObjectURL(new Blob([JSON.stringify(data, null, 2)], { type: "application/json" }));
    link.download = `account-${id}.json`;
    link.click();
    URL.revokeObjectURL(link.href);
    return "Downloaded. Send it to the customer through a channel they confirmed.";
  });
  const erase = useAction(async () => {
    if (confirmEmail.trim().toLowerCase() !== customer!.email.toLowerCase()) throw new Error("Type the customer's email to confirm.");
    await eraseCustomer(id);
    navigate("/admin/customers", { replace: true });
  });
  if (error) return <FormMessage error={error} />;
  if (!customer) return <p aria-busy="true">Loading the customer…</p>;
  return (
    <section>
      <p>
        <Link to="/admin/customers">← All customers</Link>
      </p>
      <h1 className="page-title">{customer.name}</h1>
      <p>
        {customer.email} {customer.emailVerified ? "(confirmed)" : "(not confirmed)"} ·{" "}
        <strong data-testid="customer-role">{customer.role === "admin" ? "Operator" : "Customer"}</strong> · since {day(customer.createdAt)} ·{" "}
        <Link to={`/admin/audit?${new URLSearchParams({ subject: `customer:${customer.id}` })}`}>Its changes</Link>
      </p>
      <h2>Orders</h2>
      {customer.orders.total === 0 ? (
        <p>No orders.</p>
      ) : (
        <ul>
          {customer.orders.orders.map((order) => (
            <li key={order.number}>
              <Link to={`/admin/orders/${order.number}`}>{order.number}</Link> · {day(order.placedAt)} · {formatMoney(order.total)} · {order.status}
            </li>
          ))}
        </ul>
      )}
      <h2>Addresses</h2>
      {customer.addresses.length === 0 ? (
        <p>None saved.</p>
      ) : (
        <ul>
          {customer.addresses.map(({ id: key, address }) => (
            <li key={key}>{[address.name, address.line1, address.city, address.postalCode, address.country].filter(Boolean).join(", ")}</li>
          ))}
        </ul>
      )}
      <ActionForm action={signOut} submit="Sign out everywhere" buttonClassName="btn btn-secondary" busy="Signing out…" aria-labelledby="sessions-heading">
        <h2 id="sessions-heading">Sessions</h2>
        {customer.sessions.length === 0 ? (
          <p data-testid="customer-sessions">No open sessions.</p>
        ) : (
          <ul data-testid="customer-sessions">
            {customer.sessions.map((s) => (
              <li key={s.id}>
                Since {when(s.createdAt)} · {s.userAgent ?? "unknown device"}
              </li>
            ))}
          </ul>
        )}
      </ActionForm>
      <ActionForm
        action={role}
        submit={customer.role === "admin" ? "Make them a customer again" : "Make them an operator"}
        buttonClassName="btn btn-secondary"
        busy="Saving…"
        aria-labelledby="role-heading"
      >
        <h2 id="role-heading">Role</h2>
        <p>Operators use this back office. Changing a role needs a sign-in within the last 15 minutes.</p>
      </ActionForm>
      <ActionForm action={download} submit="Download their data" buttonClassName="btn btn-secondary" busy="Preparing…" aria-labelledby="export-heading">
        <h2 id="export-heading">Their data, on request</h2>
      </ActionForm>
      <ActionForm action={erase} submit="Erase the account" buttonClassName="btn btn-secondary" busy="Erasing…" aria-labelledby="erase-heading">
        <h2 id="erase-heading">Erase, on request</h2>
        <p>Orders stay for the books, without their name and address; everything else goes. It can't be undone.</p>
        <Field id="confirm-email" label="Type their email to confirm" value={confirmEmail} onValue={setConfirmEmail} autoComplete="off" />
      </ActionForm>
    </section>
  );
}
