import type { CartSummaryProps } from "@shop/contracts/browser";
import { RemoteArea } from "@shop/federation";
import { Navigate, Route, Routes } from "@shop/router";
import type { ReactNode } from "react";
import { DetailsStep } from "./DetailsStep";
import { ConfirmationPage, OrderPage } from "./OrderView";
import { PaymentStep } from "./PaymentStep";
import { ReturnItemsPage } from "./ReturnItems";
import { ReturnPage } from "./ReturnPage";
import { ReviewStep } from "./ReviewStep";
import { ShippingStep } from "./ShippingStep";
import { useCheckoutStore } from "./store";
import { injectCheckoutStyles } from "./styles";

/** The first steps show the cart, priced with the shipping method and destination chosen so far, until checkout prices it itself. */
function WithCartSummary({ children }: { children: ReactNode }) {
  const { method, address, detailsDone } = useCheckoutStore();
  const summary: CartSummaryProps = {
    shippingMethod: method ?? "standard",
    ...(detailsDone && { destination: { country: address.country, region: address.region } }),
  };
  return (
    <div className="checkout-columns">
      {children}
      <aside className="checkout-aside">
        <RemoteArea<CartSummaryProps>
          module="cart/CartSummary"
          label="Your order summary"
          loading={<p aria-busy="true">Loading your order…</p>}
          props={summary}
        />
      </aside>
    </div>
  );
}

/** Checkout's pages (the page table gives it /checkout/* and /orders/*). Each step has its own address, so back, forward and reload work. */
export default function CheckoutApp() {
  injectCheckoutStyles();
  return (
    <Routes>
      <Route path="/checkout" element={<Navigate to="/checkout/details" replace />} />
      <Route
        path="/checkout/details"
        element={
          <WithCartSummary>
            <DetailsStep />
          </WithCartSummary>
        }
      />
      <Route
        path="/checkout/shipping"
        element={
          <WithCartSummary>
            <ShippingStep />
          </WithCartSummary>
        }
      />
      <Route path="/checkout/payment" element={<PaymentStep />} />
      <Route path="/checkout/review" element={<ReviewStep />} />
      <Route path="/checkout/return" element={<ReturnPage />} />
      <Route path="/checkout/confirmation/:number" element={<ConfirmationPage />} />
      <Route path="/orders/:number" element={<OrderPage />} />
      <Route path="/orders/:number/return" element={<ReturnItemsPage />} />
      <Route path="/checkout/*" element={<Navigate to="/checkout/details" replace />} />
    </Routes>
  );
}
