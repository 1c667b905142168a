import type { Checkout } from "@shop/contracts";
import { ApiRequestError } from "@shop/contracts/browser";
import { useCallback, useEffect, useRef, useState } from "react";
import { fetchCheckout, startCheckout } from "./api";
import { detailsKey, useCheckoutStore } from "./store";

export interface StartedCheckout {
  checkout: Checkout | null;
  error: ApiRequestError | null;
  /** The hold ran out: the items are back on sale until the shopper starts again. */
  lapsed: boolean;
  setLapsed: () => void;
  restart: () => void;
}

/**
 * The checkout for the shopper's current details: the one already started (after a reload, or back
 * from the bank) while it is open, else a new one, which holds the stock and replaces any other.
 */
export function useStartedCheckout(): StartedCheckout {
  const store = useCheckoutStore();
  const key = detailsKey(store);
  const [checkout, setCheckoutState] = useState<Checkout | null>(null);
  const [error, setError] = useState<ApiRequestError | null>(null);
  const [lapsed, setLapsedState] = useState(false);
  const running = useRef<string | null>(null);

  const begin = useCallback(async () => {
    const { email, address, method, setCheckout } = useCheckoutStore.getState();
    setError(null);
    setLapsedState(false);
    try {
      const started = await startCheckout({ email, shippingAddress: address, shippingMethod: method! });
      setCheckout({ id: started.id, startedFor: key });
      setCheckoutState(started);
    } catch (err) {
      setError(err instanceof ApiRequestError ? err : new ApiRequestError(0, "unknown", "Something went wrong; please try again."));
    }
  }, [key]);

  useEffect(() => {
    if (!store.method || running.current === key) return;
    running.current = key;
    const known = useCheckoutStore.getState().checkout;
    if (known?.startedFor !== key) return void begin();
    fetchCheckout(known.id)
      .then((current) => {
        const open = current.status === "open" && new Date(current.reservationExpiresAt).getTime() > Date.now();
        if (open || current.status === "completed") setCheckoutState(current);
        else void begin();
      })
      .catch((err: unknown) => {
        // Only a checkout that is gone is replaced. A failed read (offline, or a request cut off by
        // a reload) must not start another: that would end the one the shopper is still in.
        if (err instanceof ApiRequestError && err.status === 404) void begin();
        else
          setError(
            err instanceof ApiRequestError ? err : new ApiRequestError(0, "offline", "We couldn't reach the shop. Check your connection and try again."),
          );
      });
  }, [key, store.method, begin]);

  return { checkout, error, lapsed, setLapsed: () => setLapsedState(true), restart: () => void begin() };
}
