import type { Cart } from "@shop/contracts";
import { useId, useState } from "react";
import { useCartStore } from "./store";

/** Coupon entry: the server's reason when it refuses, the coupon's state when one is on the cart. */
export function CouponForm({ cart }: { cart: Cart }) {
  const applyCoupon = useCartStore((s) => s.applyCoupon);
  const removeCoupon = useCartStore((s) => s.removeCoupon);
  const busy = useCartStore((s) => s.pending.includes("coupon"));
  const [code, setCode] = useState("");
  const [refusal, setRefusal] = useState<string | null>(null);
  const inputId = useId();
  const coupon = cart.coupon;
  if (coupon) {
    return (
      <section className="coupon" aria-label="Coupon">
        <p className={coupon.status === "applied" ? "" : "form-error"} data-testid="coupon-state">
          <strong>{coupon.code}</strong>: {coupon.message}{" "}
          <button type="button" className="link-button" disabled={busy} onClick={() => void removeCoupon()} aria-label={`Remove coupon ${coupon.code}`}>
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
          const reason = await applyCoupon(code);
          setRefusal(reason);
          if (!reason) setCode("");
        }}
      >
        <label className="visually-hidden" htmlFor={inputId}>
          Coupon code
        </label>
        <input
          id={inputId}
          value={code}
          onChange={(e) => setCode(e.target.value)}
          placeholder="Coupon code"
          autoComplete="off"
          aria-invalid={refusal ? true : undefined}
          aria-describedby={refusal ? `${inputId}-error` : undefined}
        />
        <button type="submit" className="btn btn-secondary" disabled={busy || code.trim() === ""}>
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
