import type { InputHTMLAttributes } from "react";

interface TextFieldProps extends Omit<InputHTMLAttributes<HTMLInputElement>, "id"> {
  id: string;
  label: string;
  error?: string;
  hint?: string;
}

/** A labelled input; its hint and error are read with it. */
export function TextField({ id, label, error, hint, ...input }: TextFieldProps) {
  const describedBy = [hint && `${id}-hint`, error && `${id}-error`].filter(Boolean).join(" ") || undefined;
  return (
    <p className="account-field">
      <label htmlFor={id}>{label}</label>
      {hint && <span id={`${id}-hint`} className="account-field__hint">{hint}</span>}
      <input id={id} name={id} aria-invalid={error ? true : undefined} aria-describedby={describedBy} {...input} />
      {error && <span id={`${id}-error`} className="form-error">{error}</span>}
    </p>
  );
}

/** What a form says after it is sent: a failure is an alert, a success a polite status. */
export function FormMessage({ error, success }: { error?: string | null; success?: string | null }) {
  return (
    <>
      <p role="alert" className={error ? "notice notice--error" : "visually-hidden"}>{error ?? ""}</p>
      <p role="status" className={success ? "notice" : "visually-hidden"}>{success ?? ""}</p>
    </>
  );
}
