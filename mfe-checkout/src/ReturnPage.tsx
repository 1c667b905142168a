import { Navigate, useSearchParams } from "@shop/router";
import { useEffect, useState } from "react";
import { fetchCheckout } from "./api";
import { confirmationPath } from "./ReviewStep";

/** Back from the bank's 3-D Secure page: the server asks Stripe how it went. */
export function ReturnPage() {
  const [params] = useSearchParams();
  const id = params.get("checkout") ?? "";
  const [next, setNext] = useState<{ to: string; declined?: string } | null>(null);
  useEffect(() => {
    fetchCheckout(id)
      .then((checkout) => {
        if (checkout.order) setNext({ to: confirmationPath(checkout.order.url) });
        else
          setNext({
            to: "/checkout/payment",
            declined: checkout.payment.lastError ?? "Your bank did not confirm the payment. Try again, or use another card.",
          });
      })
      .catch(() => setNext({ to: "/checkout/payment", declined: "We couldn't check your payment; try again." }));
  }, [id]);
  if (next) return <Navigate to={next.to} replace state={next.declined ? { declined: next.declined } : undefined} />;
  return (
    <>
      <h1 className="page-title">Checking your payment…</h1>
      <p aria-busy="true">One moment while we hear back from your bank.</p>
    </>
  );
}
