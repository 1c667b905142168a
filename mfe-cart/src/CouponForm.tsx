import type { Cart } from "@shop/contracts";
import { CART_FORM_COUPON, CART_FORM_RESULT } from "@shop/contracts/browser";
import { useLocation, useSearchParams } from "@shop/router";
import { useEffect, useRef, useState } from "react";
import { useCartStore } from "./store";

/**
 * Coupon entry: the server's reason when it refuses, the coupon's state when one is on the cart.
 * Both are forms: without JavaScript the edge applies or removes the code and shows the cart again,
 * with its refusal in the address (`cart_refused=coupon`).
 */
export function CouponForm({ cart }: { cart: Cart }) {
  const applyCoupon = useCartStore((s) => s.applyCoupon);
  const removeCoupon = useCartStore((s) => s.removeCoupon);
  const busy = useCartStore((s) => s.pending.includes("coupon"));
  const [code, setCode] = useState("");
  const [params] = useSearchParams();
  const { pathname, search } = useLocation();
  const refusedByForm = params.get(CART_FORM_RESULT.refused) === CART_FORM_COUPON ? params.get(CART_FORM_RESULT.reason) : null;
  const [refusal, setRefusal] = useState<string | null>(refusedByForm);
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
        <form
          method="post"
          action="/cart/coupon/remove"
          onSubmit={(event) => {
            event.preventDefault();
            if (busy) return;
            acted.current = true;
            void removeCoupon();
          }}
        >
          <input type="hidden" name="return" value={`${pathname}${search}`} />
          <p ref={state} tabIndex={-1} className={coupon.status === "applied" ? "" : "form-error"} data-testid="coupon-state">
            <strong>{coupon.code}</strong>: {coupon.message}{" "}
            <button type="submit" className="link-button" aria-disabled={busy} aria-label={`Remove coupon ${coupon.code}`}>
              Remove
            </button>
          </p>
        </form>
      </section>
    );
  }
  return (
    <section className="coupon" aria-label="Coupon">
      <form
        method="post"
        action="/cart/coupon"
        onSubmit={async (event) => {
          event.preventDefault();
          if (busy) return;
          if (code.trim() === "") return setRefusal("Enter a coupon code.");
          acted.current = true;
          const reason = await applyCoupon(code);
          if (reason) acted.current = false; // refused: the form stays, and so does the focus
          setRefusal(reason);
          if (!reason) setCode("");
        }}
      >
        <input type="hidden" name="return" value={`${pathname}${search}`} />
        <label className="visually-hidden" htmlFor={inputId}>
          Coupon code
        </label>
        <input
          ref={field}
          id={inputId}
          name="code"
          value={code}
          onChange={(e) => setCode(e.target.value)}
          placeholder="Coupon code"
          autoComplete="off"
          aria-invalid={refusal ? true : undefined}
          aria-describedby={refusal ? `${inputId}-error` : undefined}
        />
        {/* Never disabled for an empty field: without JavaScript its value is not known here (the edge says when it is empty). */}
        <button type="submit" className="btn btn-secondary" aria-disabled={busy}>
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
