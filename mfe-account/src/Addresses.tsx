import type { SavedAddress, ShippingAddress } from "@shop/contracts";
import { type AddressFields, addressProblems, COUNTRIES } from "@shop/contracts/browser";
import { Field, FormMessage, SelectField, useAction } from "@shop/forms";
import { type FormEvent, useCallback, useEffect, useRef, useState } from "react";
import { deleteAddress, fetchAddresses, saveAddress } from "./api";

const EMPTY: AddressFields = { name: "", line1: "", line2: "", city: "", region: "", postalCode: "", country: "US", phone: "" };

export const addressLines = (a: ShippingAddress) =>
  [a.name, a.line1, a.line2, `${a.city} ${a.region} ${a.postalCode}`.trim(), COUNTRIES[a.country]?.name ?? a.country].filter((part) => part.trim());

function AddressForm({ saved, onDone }: { saved?: SavedAddress; onDone: (message: string) => void }) {
  const [fields, setFields] = useState<AddressFields>(saved?.address ?? EMPTY);
  const [defaults, setDefaults] = useState({ defaultShipping: saved?.defaultShipping ?? false, defaultBilling: saved?.defaultBilling ?? false });
  const [problems, setProblems] = useState<Partial<Record<keyof AddressFields, string>>>({});
  const form = useRef<HTMLFormElement>(null);
  const save = useAction(async () => {
    await saveAddress({ address: fields, ...defaults }, saved?.id);
    onDone(saved ? "Address updated." : "Address saved.");
  });
  const submit = (event: FormEvent) => {
    event.preventDefault();
    const found = addressProblems(fields);
    setProblems(found);
    const first = Object.keys(found)[0];
    if (first) return form.current?.querySelector<HTMLElement>(`#address-${first}`)?.focus();
    void save.run();
  };
  const country = COUNTRIES[fields.country];
  const field = (key: keyof AddressFields, label: string, autoComplete: string) => (
    <Field
      id={`address-${key}`}
      label={label}
      autoComplete={autoComplete}
      value={fields[key]}
      error={problems[key]}
      onChange={(e) => setFields({ ...fields, [key]: e.target.value })}
    />
  );
  return (
    <form ref={form} onSubmit={submit} noValidate className="account-address-form" aria-label={saved ? "Edit address" : "New address"}>
      {field("name", "Full name", "name")}
      {field("line1", "Street address", "address-line1")}
      {field("line2", "Apartment, suite (optional)", "address-line2")}
      {field("city", "City", "address-level2")}
      {field("region", country?.regionLabel ?? "Region (optional)", "address-level1")}
      {field("postalCode", "Postal code", "postal-code")}
      <SelectField
        id="address-country"
        label="Country"
        value={fields.country}
        onChange={(country) => setFields({ ...fields, country })}
        autoComplete="country"
        options={Object.entries(COUNTRIES).map(([code, c]) => [code, c.name])}
      />
      {field("phone", "Phone (optional)", "tel")}
      <p>
        <label>
          <input type="checkbox" checked={defaults.defaultShipping} onChange={(e) => setDefaults({ ...defaults, defaultShipping: e.target.checked })} /> Default
          for delivery
        </label>{" "}
        <label>
          <input type="checkbox" checked={defaults.defaultBilling} onChange={(e) => setDefaults({ ...defaults, defaultBilling: e.target.checked })} /> Default
          for billing
        </label>
      </p>
      <FormMessage error={save.error} />
      <button className="btn" type="submit" disabled={save.busy}>
        Save address
      </button>
    </form>
  );
}

export function AddressesPage() {
  const [addresses, setAddresses] = useState<SavedAddress[] | null>(null);
  const [editing, setEditing] = useState<string | "new" | null>(null);
  const [message, setMessage] = useState<string | null>(null);
  const [error, setError] = useState<string | null>(null);
  const reload = useCallback(() => fetchAddresses().then(setAddresses, (err: Error) => setError(err.message)), []);
  useEffect(() => void reload(), [reload]);
  const done = (text: string) => {
    setEditing(null);
    setMessage(text);
    void reload();
  };
  const remove = async (id: string) => {
    try {
      await deleteAddress(id);
      done("Address deleted.");
    } catch (err) {
      setError((err as Error).message);
    }
  };
  return (
    <section>
      <h1 className="page-title">Your addresses</h1>
      <FormMessage error={error} success={message} />
      {!addresses ? (
        <p aria-busy="true">Loading…</p>
      ) : (
        <ul className="account-addresses">
          {addresses.map((saved) => (
            <li key={saved.id}>
              {editing === saved.id ? (
                <AddressForm saved={saved} onDone={done} />
              ) : (
                <>
                  <address>{addressLines(saved.address).join(", ")}</address>
                  {(saved.defaultShipping || saved.defaultBilling) && (
                    <p className="account-badge">
                      {[saved.defaultShipping && "Default for delivery", saved.defaultBilling && "Default for billing"].filter(Boolean).join(" · ")}
                    </p>
                  )}
                  <button
                    type="button"
                    className="btn btn-secondary"
                    onClick={() => setEditing(saved.id)}
                    aria-label={`Edit ${addressLines(saved.address).slice(0, 2).join(", ")}`}
                  >
                    Edit
                  </button>{" "}
                  <button
                    type="button"
                    className="btn btn-secondary"
                    onClick={() => void remove(saved.id)}
                    aria-label={`Delete ${addressLines(saved.address).slice(0, 2).join(", ")}`}
                  >
                    Delete
                  </button>
                </>
              )}
            </li>
          ))}
        </ul>
      )}
      {editing === "new" ? (
        <AddressForm onDone={done} />
      ) : (
        <button type="button" className="btn" onClick={() => setEditing("new")}>
          Add an address
        </button>
      )}
    </section>
  );
}
