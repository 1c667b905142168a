import type { StockAlertAnswer } from "@shop/contracts";
import { ApiRequestError, RESTOCK_FORM_RESULT, requestJson } from "@shop/contracts/browser";
import { Field, FormMessage } from "@shop/forms";
import { useLocation, useSearchParams } from "@shop/router";
import { type FormEvent, useState } from "react";

/**
 * On a sold-out variant: "email me when it is back", signed in or not. One email when it can be
 * bought again, then the request ends; the shopper can unsubscribe from the email itself. Without
 * JavaScript the form posts to /notify/restock, which comes back here saying what happened.
 */
export function RestockAlert({ sku, name }: { sku: string; name: string }) {
  const { pathname, search } = useLocation();
  const [params] = useSearchParams();
  const [email, setEmail] = useState("");
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<string | null>(params.get(RESTOCK_FORM_RESULT.refused) === sku ? params.get(RESTOCK_FORM_RESULT.reason) : null);
  const [done, setDone] = useState<string | null>(params.get(RESTOCK_FORM_RESULT.asked) === sku ? params.get(RESTOCK_FORM_RESULT.message) : null);

  async function submit(event: FormEvent) {
    event.preventDefault();
    setBusy(true);
    setError(null);
    try {
      const answer = await requestJson<StockAlertAnswer>("/api/notifications/stock-alerts", { method: "POST", body: JSON.stringify({ sku, email }) });
      setDone(answer.message);
    } catch (err) {
      setError(err instanceof ApiRequestError ? err.message : "We could not save that; please try again.");
    } finally {
      setBusy(false);
    }
  }

  return (
    <form className="restock-alert" method="post" action="/notify/restock" onSubmit={submit} aria-labelledby={`restock-${sku}`} noValidate>
      <h2 id={`restock-${sku}`} className="restock-alert__title">
        Sold out — get one email when {name} is back
      </h2>
      {!done && (
        <>
          <input type="hidden" name="sku" value={sku} />
          <input type="hidden" name="return" value={`${pathname}${search}`} />
          <Field id="restock-email" name="email" label="Your email" type="email" autoComplete="email" required value={email} onValue={setEmail} />
          <button type="submit" className="btn btn-secondary" disabled={busy} aria-busy={busy}>
            {busy ? "Saving…" : "Email me when it is back"}
          </button>
        </>
      )}
      <FormMessage error={error} success={done} />
    </form>
  );
}
