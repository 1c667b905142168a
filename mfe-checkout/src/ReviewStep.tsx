import type { Checkout } from "@shop/contracts";
import { ApiRequestError, COUNTRIES, formatMoney } from "@shop/contracts/browser";
import { Link, Navigate, useNavigate } from "@shop/router";
import { useEffect, useRef, useState } from "react";
import { fetchCheckout, payCheckout } from "./api";
import { AddressBlock, BesideCheckoutSummary } from "./OrderSummary";
import { methodLabel } from "./PaymentStep";
import { ReservationTimer } from "./ReservationTimer";
import { deliveryWindow } from "./ShippingStep";
import { StepHeader } from "./Steps";
import { useCheckoutStore } from "./store";
import { useStartedCheckout } from "./useStartedCheckout";

export const confirmationPath = (orderUrl: string) => `/checkout/confirmation${orderUrl.replace(/^\/orders/, "")}`;

const PROCESSING_CHECK_MS = 2000;
const PROCESSING_CHECKS = 45;

/** A payment still processing (a bank debit) is asked about until its order exists or the checkout ends. */
async function settledCheckout(id: string, unmounted: { current: boolean }): Promise<Checkout | undefined> {
  for (let i = 0; i < PROCESSING_CHECKS && !unmounted.current; i++) {
    await new Promise((resolve) => setTimeout(resolve, PROCESSING_CHECK_MS));
    const checkout = await fetchCheckout(id).catch(() => undefined);
    if (checkout && (checkout.order || checkout.status !== "open")) return checkout;
  }
  return undefined;
}

/** Step 4: everything in one place, then the one button that takes the money. */
export function ReviewStep() {
  const { paymentMethod } = useCheckoutStore();
  const navigate = useNavigate();
  const { checkout, error, lapsed, setLapsed } = useStartedCheckout();
  const [paying, setPaying] = useState(false);
  const [problem, setProblem] = useState<string | null>(null);
  const [processing, setProcessing] = useState(false);
  const unmounted = useRef(false);
  useEffect(
    () => () => {
      unmounted.current = true;
    },
    [],
  );
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
      if (err instanceof ApiRequestError && err.code === "payment_processing") return awaitProcessing();
      setProblem(err instanceof ApiRequestError ? err.message : "Something went wrong; please try again.");
      setPaying(false);
    }
  };

  const awaitProcessing = async () => {
    setProcessing(true);
    const settled = await settledCheckout(checkout!.id, unmounted);
    if (unmounted.current) return;
    if (settled?.order) return navigate(confirmationPath(settled.order.url), { replace: true });
    setProcessing(false);
    setPaying(false);
    setProblem(
      settled
        ? "This checkout has ended; go back to your cart to start again."
        : `Your payment is still processing. We will email ${checkout!.email} when it clears; your items stay held.`,
    );
  };

  const option = checkout?.shippingOptions.find((o) => o.id === checkout.shippingMethod);
  return (
    <BesideCheckoutSummary checkout={checkout}>
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
              {checkout.email}{" "}
              <Link to="/checkout/details" aria-label="Change contact and address">
                Change
              </Link>
            </dd>
            <dt>Ship to</dt>
            <dd>
              <AddressBlock
                address={{ ...checkout.shippingAddress, country: COUNTRIES[checkout.shippingAddress.country]?.name ?? checkout.shippingAddress.country }}
              />
            </dd>
            <dt>Shipping</dt>
            <dd>
              {option?.label}, {option && deliveryWindow(option.estimate)}{" "}
              <Link to="/checkout/shipping" aria-label="Change shipping method">
                Change
              </Link>
            </dd>
            <dt>Payment</dt>
            <dd>
              {methodLabel(paymentMethod)}{" "}
              <Link to="/checkout/payment" aria-label="Change payment method">
                Change
              </Link>
            </dd>
          </dl>
          <div aria-live="polite" className="checkout-status">
            {processing ? "Your bank is still processing the payment; this page moves on when it clears." : paying ? "Placing your order…" : ""}
          </div>
          {problem && (
            <p role="alert" className="form-error">
              {problem}
            </p>
          )}
          <button type="button" className="btn btn-large" aria-disabled={paying} onClick={() => void placeOrder()}>
            Place order and pay {formatMoney(checkout.totals.total)}
          </button>
        </>
      )}
    </BesideCheckoutSummary>
  );
}
