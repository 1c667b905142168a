import type { Cart } from "@shop/contracts";
import { useEffect, useRef, useState } from "react";
import { useCartStore } from "./store";

/** Coupon entry: the server's reason when it refuses, the coupon's state when one is on the cart. */
export function CouponForm({ cart }: { cart: Cart }) {
  const applyCoupon = useCartStore((s) => s.applyCoupon);
  const removeCoupon = useCartStore((s) => s.removeCoupon);
  const busy = useCartStore((s) => s.pending.includes("coupon"));
  const [code, setCode] = useState("");
  const [refusal, setRefusal] = useState<string | null>(null);
  // One coupon form a page; a fixed id, since the edge renders the cart apart from the page around it.
  const inputId = "coupon-code";
  const coupon = cart.coupon;
  // Applying replaces the form with the coupon, removing it brings the form back: the shopper's focus
  // follows, to the coupon's state or to the empty field, instead of falling to the page's start.
  const acted = useRef(false);
  const state = useRef<HTMLParagraphElement>(null);
  const field = useRef<HTMLInputElement>(null);
  useEffect(() => {
    if (!acted.current) return;
    acted.current = false;
    (coupon ? state.current : field.current)?.focus();
  }, [coupon]);
  if (coupon) {
    return (
      <section className="coupon" aria-label="Coupon">
        <p ref={state} tabIndex={-1} className={coupon.status === "applied" ? "" : "form-error"} data-testid="coupon-state">
          <strong>{coupon.code}</strong>: {coupon.message}{" "}
          <button
            type="button"
            className="link-button"
            aria-disabled={busy}
            onClick={() => {
              if (busy) return;
              acted.current = true;
              void removeCoupon();
            }}
            aria-label={`Remove coupon ${coupon.code}`}
          >
            Remove
          </button>
        </p>
      </section>
    );
  }
  return (
    <section className="coupon" aria-label="Coupon">
      <form
        onSubmit={async (event) => {
          event.preventDefault();
          if (busy) return;
          acted.current = true;
          const reason = await applyCoupon(code);
          if (reason) acted.current = false; // refused: the form stays, and so does the focus
          setRefusal(reason);
          if (!reason) setCode("");
        }}
      >
        <label className="visually-hidden" htmlFor={inputId}>
          Coupon code
        </label>
        <input
          ref={field}
          id={inputId}
          value={code}
          onChange={(e) => setCode(e.target.value)}
          placeholder="Coupon code"
          autoComplete="off"
          aria-invalid={refusal ? true : undefined}
          aria-describedby={refusal ? `${inputId}-error` : undefined}
        />
        <button type="submit" className="btn btn-secondary" disabled={code.trim() === ""} aria-disabled={busy}>
          Apply
        </button>
      </form>
      {refusal && (
        <p id={`${inputId}-error`} role="alert" className="form-error">
          {refusal}
        </p>
      )}
    </section>
  );
}
