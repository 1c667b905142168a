import type { Cart, ShippingMethodId } from "@shop/contracts";
import { formatMoney, shippingOptions } from "@shop/contracts/browser";
import { Navigate, useNavigate } from "@shop/router";
import { useEffect, useState } from "react";
import { fetchCart } from "./api";
import { StepHeader } from "./Steps";
import { useCheckoutStore } from "./store";

const dateFormat = new Intl.DateTimeFormat("en-US", { weekday: "short", month: "short", day: "numeric", timeZone: "UTC" });
export const deliveryWindow = ({ earliest, latest }: { earliest: string; latest: string }) =>
  earliest === latest
    ? `Arrives ${dateFormat.format(new Date(earliest))}`
    : `Arrives ${dateFormat.format(new Date(earliest))} – ${dateFormat.format(new Date(latest))}`;

/** Step 2: how fast, at what price (standard is free above the threshold, after discounts). */
export function ShippingStep() {
  const { detailsDone, method, setMethod } = useCheckoutStore();
  const navigate = useNavigate();
  const [cart, setCart] = useState<Cart | null>(null);
  // The choice is the checkout's at once, so the summary beside it prices it as the shopper picks.
  const choice: ShippingMethodId = method ?? "standard";
  useEffect(() => {
    fetchCart().then(setCart, () => {});
  }, []);
  if (!detailsDone) return <Navigate to="/checkout/details" replace />;
  const options = cart ? shippingOptions(cart.subtotal.amount - cart.discount.amount, cart.subtotal.currency) : null;
  return (
    <form
      className="checkout-form"
      onSubmit={(event) => {
        event.preventDefault();
        setMethod(choice);
        navigate("/checkout/payment");
      }}
    >
      <StepHeader current="shipping" reached={method ? 3 : 2} />
      <fieldset className="choice-list" aria-busy={!options}>
        <legend>Shipping method</legend>
        {(options ?? shippingOptions(0, "USD")).map((option) => (
          <label key={option.id} className="choice">
            <input type="radio" name="shipping-method" value={option.id} checked={choice === option.id} onChange={() => setMethod(option.id)} />
            <span className="choice__label">{option.label}</span>
            <span className="choice__detail">{deliveryWindow(option.estimate)}</span>
            <span className="choice__price">{options ? (option.price.amount === 0 ? "Free" : formatMoney(option.price)) : "…"}</span>
          </label>
        ))}
      </fieldset>
      <button type="submit" className="btn">
        Continue to payment
      </button>
    </form>
  );
}
