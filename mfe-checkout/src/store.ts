import type { ShippingAddress, ShippingMethodId } from "@shop/contracts";
import { create } from "zustand";
import { createJSONStorage, persist } from "zustand/middleware";

export const EMPTY_ADDRESS: ShippingAddress = { name: "", line1: "", line2: "", city: "", region: "", postalCode: "", country: "US", phone: "" };

interface CheckoutState {
  email: string;
  address: ShippingAddress;
  method: ShippingMethodId | null;
  /** The started checkout and the details it was started with: changed details start a new one. */
  checkout: { id: string; startedFor: string } | null;
  paymentMethod: string | null;
  /** Which steps the shopper has completed, so a step opened too early sends them back. */
  detailsDone: boolean;
  setDetails: (email: string, address: ShippingAddress) => void;
  setMethod: (method: ShippingMethodId) => void;
  setCheckout: (checkout: CheckoutState["checkout"]) => void;
  setPaymentMethod: (paymentMethod: string | null) => void;
  /** After the order: keep the email and address for next time, forget the rest. */
  finish: () => void;
}

/** The shopper's progress, kept in sessionStorage so a reload (or the bank's page) resumes the same step. */
export const useCheckoutStore = create<CheckoutState>()(
  persist(
    (set) => ({
      email: "",
      address: EMPTY_ADDRESS,
      method: null,
      checkout: null,
      paymentMethod: null,
      detailsDone: false,
      setDetails: (email, address) => set({ email, address, detailsDone: true }),
      setMethod: (method) => set({ method }),
      setCheckout: (checkout) => set({ checkout }),
      setPaymentMethod: (paymentMethod) => set({ paymentMethod }),
      finish: () => set({ method: null, checkout: null, paymentMethod: null }),
    }),
    { name: "shop-checkout", storage: createJSONStorage(() => sessionStorage) },
  ),
);

/** What a started checkout depends on: if any of it changes, the checkout is started again. */
export const detailsKey = (s: Pick<CheckoutState, "email" | "address" | "method">) => JSON.stringify([s.email.trim(), s.address, s.method]);
