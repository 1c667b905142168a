import { COUNTRIES } from "@shop/contracts/browser";
import { Link, Navigate, useNavigate } from "@shop/router";
import { useState } from "react";
import { CheckoutRequestError, payCheckout } from "./api";
import { AddressBlock, OrderSummary } from "./OrderSummary";
import { methodLabel } from "./PaymentStep";
import { ReservationTimer } from "./ReservationTimer";
import { deliveryWindow } from "./ShippingStep";
import { StepHeader } from "./Steps";
import { useCheckoutStore } from "./store";
import { useStartedCheckout } from "./useStartedCheckout";

export const confirmationPath = (orderUrl: string) => `/checkout/confirmation${orderUrl.replace(/^\/orders/, "")}`;

/** Step 4: everything in one place, then the one button that takes the money. */
export function ReviewStep() {
  const { paymentMethod } = useCheckoutStore();
  const navigate = useNavigate();
  const { checkout, error, lapsed, setLapsed } = useStartedCheckout();
  const [paying, setPaying] = useState(false);
  const [problem, setProblem] = useState<string | null>(null);
  if (!paymentMethod) return <Navigate to="/checkout/payment" replace />;
  if (error || lapsed) return <Navigate to="/checkout/payment" replace />;
  if (checkout?.status === "completed" && checkout.order) return <Navigate to={confirmationPath(checkout.order.url)} replace />;

  const placeOrder = async () => {
    if (!checkout || paying) return;
    setPaying(true);
    setProblem(null);
    try {
      const result = await payCheckout(checkout.id, paymentMethod);
      if (result.status === "succeeded") return navigate(confirmationPath(result.order!.url), { replace: true });
      if (result.status === "requires_action") return location.assign(result.nextActionUrl!);
      navigate("/checkout/payment", { state: { declined: result.message } });
    } catch (err) {
      setProblem(err instanceof CheckoutRequestError ? err.message : "Something went wrong; please try again.");
      setPaying(false);
    }
  };

  const option = checkout?.shippingOptions.find((o) => o.id === checkout.shippingMethod);
  return (
    <div className="checkout-columns">
      <div className="checkout-form">
        <StepHeader current="review" reached={4} />
        {!checkout ? (
          <p aria-busy="true" className="checkout-placeholder">
            Loading your order…
          </p>
        ) : (
          <>
            <ReservationTimer expiresAt={checkout.reservationExpiresAt} onLapse={setLapsed} />
            <dl className="review-list">
              <dt>Contact</dt>
              <dd>
                {checkout.email} <Link to="/checkout/details" aria-label="Change contact and address">Change</Link>
              </dd>
              <dt>Ship to</dt>
              <dd>
                <AddressBlock address={{ ...checkout.shippingAddress, country: COUNTRIES[checkout.shippingAddress.country]?.name ?? checkout.shippingAddress.country }} />
              </dd>
              <dt>Shipping</dt>
              <dd>
                {option?.label}, {option && deliveryWindow(option.estimate)} <Link to="/checkout/shipping" aria-label="Change shipping method">Change</Link>
              </dd>
              <dt>Payment</dt>
              <dd>
                {methodLabel(paymentMethod)} <Link to="/checkout/payment" aria-label="Change payment method">Change</Link>
              </dd>
            </dl>
            <div aria-live="polite" className="checkout-status">
              {paying ? "Placing your order…" : ""}
            </div>
            {problem && (
              <p role="alert" className="form-error">
                {problem}
              </p>
            )}
            <button type="button" className="btn btn-large" aria-disabled={paying} onClick={() => void placeOrder()}>
              Place order and pay {checkout && new Intl.NumberFormat("en-US", { style: "currency", currency: checkout.totals.total.currency }).format(checkout.totals.total.amount / 100)}
            </button>
          </>
        )}
      </div>
      <aside className="checkout-aside">{checkout && <OrderSummary lines={checkout.lines} totals={checkout.totals} couponCode={checkout.coupon?.code} />}</aside>
    </div>
  );
}
