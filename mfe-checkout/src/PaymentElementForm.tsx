import type { Checkout } from "@shop/contracts";
import { Elements, PaymentElement, useElements, useStripe } from "@stripe/react-stripe-js";
import { loadStripe, type Stripe } from "@stripe/stripe-js";
import { useState } from "react";

let stripePromise: Promise<Stripe | null> | undefined;

/**
 * Production's card form: Stripe's Payment Element (card numbers go to Stripe, never to us). It
 * turns the shopper's entry into a ConfirmationToken, which the review step sends to our server to
 * confirm the PaymentIntent, the same path as the test methods.
 */
export default function PaymentElementForm({ checkout, onReady }: { checkout: Checkout; onReady: (confirmationToken: string) => void }) {
  stripePromise ??= loadStripe(checkout.payment.publishableKey!);
  return (
    <Elements stripe={stripePromise} options={{ clientSecret: checkout.payment.clientSecret }}>
      <CardForm checkoutId={checkout.id} onReady={onReady} />
    </Elements>
  );
}

function CardForm({ checkoutId, onReady }: { checkoutId: string; onReady: (confirmationToken: string) => void }) {
  const stripe = useStripe();
  const elements = useElements();
  const [problem, setProblem] = useState<string | null>(null);
  return (
    <form
      onSubmit={async (event) => {
        event.preventDefault();
        if (!stripe || !elements) return;
        const submitted = await elements.submit();
        if (submitted.error) return setProblem(submitted.error.message ?? "Check your card details.");
        const { error, confirmationToken } = await stripe.createConfirmationToken({
          elements,
          params: { return_url: `${location.origin}/checkout/return?checkout=${checkoutId}` },
        });
        if (error) return setProblem(error.message ?? "Check your card details.");
        onReady(confirmationToken.id);
      }}
    >
      <PaymentElement />
      {problem && (
        <p role="alert" className="form-error">
          {problem}
        </p>
      )}
      <button type="submit" className="btn" disabled={!stripe}>
        Continue to review
      </button>
    </form>
  );
}
