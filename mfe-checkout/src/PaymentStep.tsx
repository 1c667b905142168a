import { Link, Navigate, useLocation, useNavigate } from "@shop/router";
import { lazy, Suspense, useEffect, useRef, useState } from "react";
import { BesideCheckoutSummary } from "./OrderSummary";
import { ReservationTimer } from "./ReservationTimer";
import { StepHeader } from "./Steps";
import { useCheckoutStore } from "./store";
import { useStartedCheckout } from "./useStartedCheckout";

// Stripe's Payment Element loads only where a publishable key is configured (production).
const PaymentElementForm = lazy(() => import("./PaymentElementForm"));

/** Locally, Stripe's test payment methods stand in for a card form (docs/checkout.md, "Payments locally"). */
export const TEST_METHODS: Array<[string, string]> = [
  ["pm_card_visa", "Test Visa ending 4242 — pays"],
  ["pm_card_threeDSecure2Required", "Test Visa ending 3220 — asks your bank to confirm (3-D Secure)"],
  ["pm_card_chargeDeclined", "Test Visa ending 0002 — declined"],
  ["pm_card_chargeDeclinedInsufficientFunds", "Test Visa ending 9995 — insufficient funds"],
  ["pm_emulator_processing", "Test bank debit — takes a few seconds to clear"],
];
export const methodLabel = (id: string) => TEST_METHODS.find(([m]) => m === id)?.[1].split(" — ")[0] ?? "Card (via Stripe)";

/** Step 3: the stock is held from here on; the shopper chooses how to pay. */
export function PaymentStep() {
  const { detailsDone, method, paymentMethod, setPaymentMethod } = useCheckoutStore();
  const navigate = useNavigate();
  const declined = (useLocation().state as { declined?: string } | null)?.declined;
  const { checkout, error, lapsed, setLapsed, restart } = useStartedCheckout();
  const [choice, setChoice] = useState(paymentMethod?.startsWith("pm_") ? paymentMethod : "pm_card_visa");
  const problem = useRef<HTMLDivElement>(null);
  useEffect(() => {
    if (declined) problem.current?.focus();
  }, [declined]);
  if (!detailsDone) return <Navigate to="/checkout/details" replace />;
  if (!method) return <Navigate to="/checkout/shipping" replace />;
  if (checkout?.status === "completed" && checkout.order)
    return <Navigate to={`/checkout/confirmation${checkout.order.url.replace(/^\/orders/, "")}`} replace />;
  const toReview = (id: string) => {
    setPaymentMethod(id);
    navigate("/checkout/review");
  };
  return (
    <BesideCheckoutSummary checkout={checkout}>
      <StepHeader current="payment" reached={paymentMethod ? 4 : 3} />
      {declined && (
        <div ref={problem} tabIndex={-1} role="alert" className="notice notice--error">
          <strong>Payment not taken.</strong> {declined}
        </div>
      )}
      {error ? (
        <div role="alert" className="notice notice--error">
          <p>{error.message}</p>
          {error.code === "offline" ? (
            <button type="button" className="btn" onClick={restart}>
              Try again
            </button>
          ) : (
            <Link to="/cart">Back to your cart</Link>
          )}
        </div>
      ) : lapsed ? (
        <div role="alert" className="notice notice--error">
          <p>Your hold ran out and the items went back on sale. They may still be available.</p>
          <button type="button" className="btn" onClick={restart}>
            Hold my items again
          </button>
        </div>
      ) : !checkout ? (
        <p aria-busy="true" className="checkout-placeholder">
          Holding your items…
        </p>
      ) : (
        <>
          <ReservationTimer expiresAt={checkout.reservationExpiresAt} onLapse={setLapsed} />
          {checkout.payment.publishableKey ? (
            <Suspense fallback={<p aria-busy="true">Loading the secure card form…</p>}>
              <PaymentElementForm checkout={checkout} onReady={toReview} />
            </Suspense>
          ) : (
            <form
              onSubmit={(event) => {
                event.preventDefault();
                toReview(choice);
              }}
            >
              <fieldset className="choice-list">
                <legend>Payment method</legend>
                {TEST_METHODS.map(([id, label]) => (
                  <label key={id} className="choice">
                    <input type="radio" name="payment-method" value={id} checked={choice === id} onChange={() => setChoice(id)} />
                    <span className="choice__label">{label}</span>
                  </label>
                ))}
              </fieldset>
              <button type="submit" className="btn">
                Continue to review
              </button>
            </form>
          )}
        </>
      )}
    </BesideCheckoutSummary>
  );
}
