import type { MailPreferences } from "@shop/contracts";
import { ActionForm, useAction } from "@shop/forms";
import { useEffect, useState } from "react";
import { fetchMailPreferences, saveMailPreferences } from "./api";

const CHOICES: Array<[keyof MailPreferences, string, string]> = [
  ["backInStock", "Back in stock", "One email when something you asked about can be bought again."],
  ["reviewRequests", "Review requests", "A week after an order arrives, a request to review what you bought."],
];

/** The optional emails, each a switch; order and account emails always come. */
export function MailPreferencesForm() {
  const [wanted, setWanted] = useState<MailPreferences | null>(null);
  const [loadError, setLoadError] = useState<string | null>(null);
  useEffect(() => {
    fetchMailPreferences().then(setWanted, (err: Error) => setLoadError(err.message));
  }, []);
  const save = useAction(async () => {
    if (!wanted) return;
    setWanted(await saveMailPreferences(wanted));
    return "Your email choices are saved.";
  });
  return (
    <>
      <h2>Emails we send you</h2>
      <p>Order, payment, shipping and account emails always come. These you can turn off:</p>
      {loadError && (
        <p role="alert" className="form-error">
          {loadError}
        </p>
      )}
      {wanted && (
        <ActionForm action={save} submit="Save email choices" busy="Saving…" buttonClassName="btn btn-secondary">
          <fieldset className="choices">
            <legend className="visually-hidden">Optional emails</legend>
            {CHOICES.map(([key, label, hint]) => (
              <div className="choice" key={key}>
                <input
                  id={`mail-${key}`}
                  type="checkbox"
                  checked={wanted[key]}
                  aria-describedby={`mail-${key}-hint`}
                  onChange={(event) => setWanted({ ...wanted, [key]: event.target.checked })}
                />
                <label htmlFor={`mail-${key}`}>{label}</label>
                <p id={`mail-${key}-hint`} className="field__hint">
                  {hint}
                </p>
              </div>
            ))}
          </fieldset>
        </ActionForm>
      )}
    </>
  );
}
