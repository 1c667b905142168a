import type { ShippingAddress } from "@shop/contracts";
import { type AddressFields, addressProblems, COUNTRIES, COUNTRY_CODES, EMAIL_PROBLEM, looksLikeEmail } from "@shop/contracts/browser";
import { Field, SelectField } from "@shop/forms";
import { useNavigate } from "@shop/router";
import { useEffect, useRef, useState } from "react";
import { accountDetails, saveToAddressBook } from "./api";
import { StepHeader } from "./Steps";
import { EMPTY_ADDRESS, useCheckoutStore } from "./store";

type FieldName = keyof AddressFields | "email";
const ORDER: FieldName[] = ["email", "name", "line1", "line2", "city", "country", "region", "postalCode", "phone"];

function problemsOf(email: string, address: ShippingAddress): Partial<Record<FieldName, string>> {
  return { ...(looksLikeEmail(email) ? {} : { email: EMAIL_PROBLEM }), ...addressProblems(address) };
}

/** Field by field: an address read back from the database has its keys in another order. */
const sameAddress = (a: AddressFields, b: AddressFields) =>
  (Object.keys(EMPTY_ADDRESS) as Array<keyof AddressFields>).every((key) => (a[key] ?? "").trim() === (b[key] ?? "").trim());

/** Step 1: who the order is for and where it goes, checked field by field as the shopper leaves each. */
export function DetailsStep() {
  const saved = useCheckoutStore();
  const navigate = useNavigate();
  const [email, setEmail] = useState(saved.email);
  const [address, setAddress] = useState<ShippingAddress>(saved.address);
  const [shown, setShown] = useState<Partial<Record<FieldName, string>>>({});
  const [summary, setSummary] = useState<string | null>(null);
  const summaryRef = useRef<HTMLDivElement>(null);
  const country = COUNTRIES[address.country]!;
  // A signed-in shopper starts from their default address and may keep a new one.
  const [signedIn, setSignedIn] = useState<{ address: ShippingAddress | null } | null>(null);
  const [keepAddress, setKeepAddress] = useState(false);
  // biome-ignore lint/correctness/useExhaustiveDependencies: once: a signed-in shopper's details fill the form only if the shopper has typed none
  useEffect(() => {
    void accountDetails().then((account) => {
      if (!account) return;
      setSignedIn(account);
      setEmail((current) => current || account.email);
      if (account.address && sameAddress(saved.address, EMPTY_ADDRESS)) setAddress(account.address);
    });
  }, []);
  const isNewAddress = signedIn !== null && !(signedIn.address && sameAddress(signedIn.address, address));

  const problems = problemsOf(email, address);
  // A field's message appears once the shopper has left it (or submitted), and goes as soon as it is fixed.
  const check = (field: FieldName) => setShown((s) => ({ ...s, [field]: problems[field] }));
  const update = (field: keyof AddressFields, value: string) => {
    const next = { ...address, [field]: value, ...(field === "country" && { region: "" }) };
    setAddress(next);
    if (shown[field]) setShown((s) => ({ ...s, [field]: problemsOf(email, next)[field] }));
  };
  const error = (field: FieldName) => shown[field];
  /** A line of the address: checked when the shopper leaves it, its autofill the shipping one. */
  const addressField = (field: keyof AddressFields, label: string, autoComplete: string, more?: { type?: string; hint?: string }) => (
    <Field
      id={`checkout-${field}`}
      label={label}
      autoComplete={`shipping ${autoComplete}`}
      value={address[field] ?? ""}
      onChange={(e) => update(field, e.target.value)}
      onBlur={() => check(field)}
      error={error(field)}
      {...more}
    />
  );

  return (
    <form
      className="checkout-form"
      noValidate
      onSubmit={(event) => {
        event.preventDefault();
        const wrong = ORDER.filter((f) => problems[f]);
        setShown(problems);
        if (wrong.length > 0) {
          setSummary(wrong.length === 1 ? "There is 1 problem with your details." : `There are ${wrong.length} problems with your details.`);
          document.getElementById(`checkout-${wrong[0]}`)?.focus();
          return;
        }
        saved.setDetails(email.trim(), address);
        // Saving is a convenience: if it fails, checkout goes on.
        if (isNewAddress && keepAddress) void saveToAddressBook(address).catch(() => undefined);
        navigate("/checkout/shipping");
      }}
    >
      <StepHeader current="details" reached={saved.detailsDone ? 2 : 1} />
      <div ref={summaryRef} role="alert" className="form-error checkout-form__summary">
        {summary && Object.values(shown).some(Boolean) ? summary : ""}
      </div>
      <fieldset>
        <legend>Contact</legend>
        <Field
          id="checkout-email"
          label="Email"
          type="email"
          autoComplete="email"
          value={email}
          onValue={setEmail}
          onBlur={() => check("email")}
          error={error("email")}
          hint="For your receipt and updates about this order."
        />
      </fieldset>
      <fieldset>
        <legend>Shipping address</legend>
        {addressField("name", "Full name", "name")}
        {addressField("line1", "Street address", "address-line1")}
        {addressField("line2", "Apartment, suite, etc. (optional)", "address-line2")}
        {addressField("city", "City", "address-level2")}
        <SelectField
          id="checkout-country"
          label="Country"
          autoComplete="shipping country"
          value={address.country}
          onChange={(v) => update("country", v)}
          options={COUNTRY_CODES.map((code) => [code, COUNTRIES[code]!.name])}
          error={error("country")}
        />
        {country.regions ? (
          <SelectField
            id="checkout-region"
            label={country.regionLabel!}
            autoComplete="shipping address-level1"
            value={address.region}
            onChange={(v) => update("region", v)}
            onBlur={() => check("region")}
            options={[["", `Choose a ${country.regionLabel!.toLowerCase()}`], ...Object.entries(country.regions)]}
            error={error("region")}
          />
        ) : (
          <Field
            id="checkout-region"
            label="County or region (optional)"
            autoComplete="shipping address-level1"
            value={address.region}
            onChange={(e) => update("region", e.target.value)}
          />
        )}
        {addressField("postalCode", "Postal code", "postal-code", { hint: `For example ${country.postalCode.example}` })}
        {addressField("phone", "Phone (optional)", "tel", { type: "tel", hint: "Only if the courier needs to reach you." })}
      </fieldset>
      {isNewAddress && (
        <p>
          <label>
            <input type="checkbox" checked={keepAddress} onChange={(e) => setKeepAddress(e.target.checked)} /> Save this address to my account
          </label>
        </p>
      )}
      <button type="submit" className="btn">
        Continue to shipping
      </button>
    </form>
  );
}
