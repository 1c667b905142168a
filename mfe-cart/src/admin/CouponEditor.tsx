import type { AdminCoupon } from "@shop/contracts";
import { ActionForm, centsOf, Field, FormMessage, SelectField, typedAmount, useAction } from "@shop/forms";
import { Link, useLocation, useNavigate, useParams } from "@shop/router";
import { useEffect, useState } from "react";
import { changeCoupon, createCoupon, fetchCoupon } from "./api";
import { discountOf, STATE_NAMES } from "./CouponList";

interface Typed {
  code: string;
  description: string;
  kind: "percent" | "fixed";
  value: string;
  minSubtotal: string;
  startsAt: string;
  endsAt: string;
  maxUses: string;
  categorySlug: string;
}

const EMPTY: Typed = { code: "", description: "", kind: "percent", value: "", minSubtotal: "", startsAt: "", endsAt: "", maxUses: "", categorySlug: "" };

/** `<input type="datetime-local">`'s value for a moment, in the operator's own time zone. */
function localInput(iso: string | null) {
  if (!iso) return "";
  const date = new Date(iso);
  return new Date(date.getTime() - date.getTimezoneOffset() * 60_000).toISOString().slice(0, 16);
}
const momentOf = (typed: string) => (typed ? new Date(typed).toISOString() : null);

const typedOf = (coupon: AdminCoupon): Typed => ({
  code: coupon.code,
  description: coupon.description,
  kind: coupon.kind,
  value: coupon.kind === "percent" ? String(coupon.value) : typedAmount(coupon.value),
  minSubtotal: coupon.minSubtotalCents ? typedAmount(coupon.minSubtotalCents) : "",
  startsAt: localInput(coupon.startsAt),
  endsAt: localInput(coupon.endsAt),
  maxUses: coupon.maxUses === null ? "" : String(coupon.maxUses),
  categorySlug: coupon.categorySlug ?? "",
});

/** The terms as the API takes them; what cannot be read is sent as it is, for the API to say why. */
function termsOf(typed: Typed) {
  const amount = (text: string) => (text.trim() === "" ? 0 : (centsOf(text) ?? Number.NaN));
  return {
    description: typed.description,
    kind: typed.kind,
    value: typed.kind === "percent" ? Number(typed.value) : amount(typed.value),
    minSubtotalCents: amount(typed.minSubtotal),
    ...(typed.startsAt && { startsAt: momentOf(typed.startsAt) }),
    endsAt: momentOf(typed.endsAt),
    maxUses: typed.maxUses.trim() === "" ? null : Number(typed.maxUses),
    categorySlug: typed.categorySlug.trim() || null,
  };
}

/** A new coupon (`/admin/coupons/new`) or one to change (`/admin/coupons/:code`), with switching it off and on. */
export function CouponEditor() {
  const { code } = useParams();
  const creating = code === "new" || code === undefined;
  const navigate = useNavigate();
  const [coupon, setCoupon] = useState<AdminCoupon | null>(null);
  const [typed, setTyped] = useState<Typed>(EMPTY);
  const [loadError, setLoadError] = useState<string | null>(null);
  const created = (useLocation().state as { created?: boolean } | null)?.created;

  useEffect(() => {
    if (creating) return;
    fetchCoupon(code!).then(
      (found) => {
        setCoupon(found);
        setTyped(typedOf(found));
      },
      (err: Error) => setLoadError(err.message),
    );
  }, [code, creating]);

  const save = useAction(async () => {
    if (creating) {
      const created = await createCoupon({ code: typed.code, ...termsOf(typed) });
      navigate(`/admin/coupons/${encodeURIComponent(created.code)}`, { state: { created: true } });
      return;
    }
    const changed = await changeCoupon(coupon!.code, termsOf(typed));
    setCoupon(changed);
    setTyped(typedOf(changed));
    return "Saved. Carts use the new terms from their next change.";
  });
  const toggle = useAction(async () => {
    const changed = await changeCoupon(coupon!.code, { disabled: !coupon!.disabled });
    setCoupon(changed);
    return changed.disabled ? `${changed.code} is switched off: no cart takes money off with it.` : `${changed.code} is on again.`;
  });

  if (loadError) return <FormMessage error={loadError} />;
  if (!creating && !coupon) return <p aria-busy="true">Loading the coupon…</p>;
  const set = (name: keyof Typed) => (value: string) => setTyped({ ...typed, [name]: value });
  const error = (name: string) => save.fields[name];
  return (
    <section>
      <p>
        <Link to="/admin/coupons">← All coupons</Link>
      </p>
      <h1 className="page-title">{creating ? "New coupon" : coupon!.code}</h1>
      {created && !save.success && (
        <p className="notice" role="status">
          Created: carts can use it from its start.
        </p>
      )}
      {coupon && (
        <p>
          {discountOf(coupon)} · {STATE_NAMES[coupon.state]} · used {coupon.timesUsed}
          {coupon.maxUses !== null && ` of ${coupon.maxUses}`} times ·{" "}
          <Link to={`/admin/audit?${new URLSearchParams({ subject: `coupon:${coupon.code}` })}`}>Its changes</Link>
        </p>
      )}
      <ActionForm action={save} submit={creating ? "Create coupon" : "Save changes"} busy="Saving…" marksFields>
        {creating && (
          <Field
            id="code"
            label="Code"
            hint="What shoppers type: letters, digits and dashes"
            required
            value={typed.code}
            onValue={set("code")}
            error={error("code")}
          />
        )}
        <Field
          id="description"
          label="Description"
          hint="Shoppers read it in their cart"
          required
          value={typed.description}
          onValue={set("description")}
          error={error("description")}
        />
        <SelectField
          id="kind"
          label="Takes off"
          value={typed.kind}
          onChange={set("kind")}
          options={[
            ["percent", "A percentage"],
            ["fixed", "An amount"],
          ]}
          error={error("kind")}
        />
        <Field
          id="value"
          label={typed.kind === "percent" ? "Percent off" : "Amount off ($)"}
          inputMode={typed.kind === "percent" ? "numeric" : "decimal"}
          required
          value={typed.value}
          onValue={set("value")}
          error={error("value")}
        />
        <Field
          id="minSubtotal"
          label="Least subtotal ($)"
          hint="Empty: any cart"
          inputMode="decimal"
          value={typed.minSubtotal}
          onValue={set("minSubtotal")}
          error={error("minSubtotalCents")}
        />
        <Field
          id="startsAt"
          label="Starts"
          type="datetime-local"
          hint="Empty: now"
          value={typed.startsAt}
          onValue={set("startsAt")}
          error={error("startsAt")}
        />
        <Field id="endsAt" label="Ends" type="datetime-local" hint="Empty: no end" value={typed.endsAt} onValue={set("endsAt")} error={error("endsAt")} />
        <Field
          id="maxUses"
          label="Uses at most"
          hint="Orders in all; empty: no limit"
          inputMode="numeric"
          value={typed.maxUses}
          onValue={set("maxUses")}
          error={error("maxUses")}
        />
        <Field
          id="categorySlug"
          label="Only for a category"
          hint="Its slug, as in /c/audio; empty: every item"
          value={typed.categorySlug}
          onValue={set("categorySlug")}
          error={error("categorySlug")}
        />
      </ActionForm>
      {coupon && (
        <ActionForm action={toggle} submit={coupon.disabled ? "Switch it on again" : "Switch it off"} buttonClassName="btn btn-secondary" busy="Saving…">
          <h2>{coupon.disabled ? "Switched off" : "Switch off"}</h2>
          <p>
            {coupon.disabled
              ? "No cart takes money off with it until it is switched on again."
              : "Carts stop taking money off with it at once; its terms stay as they are."}
          </p>
        </ActionForm>
      )}
    </section>
  );
}
