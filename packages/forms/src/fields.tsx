import type { InputHTMLAttributes, ReactNode, TextareaHTMLAttributes } from "react";

// The shop's form parts, the same in every remote: a field's label, hint and error are read with it,
// and a form says what became of it where a screen reader hears it. Styles: `.field` in shell.css.

interface FieldProps extends Omit<InputHTMLAttributes<HTMLInputElement>, "id"> {
  id: string;
  label: string;
  error?: string | undefined;
  hint?: ReactNode;
  /** The new text, as the shopper types it (instead of reading it off onChange's event). */
  onValue?: (value: string) => void;
}

const describedBy = (id: string, hint: unknown, error: unknown) =>
  [hint ? `${id}-hint` : "", error ? `${id}-error` : ""].filter(Boolean).join(" ") || undefined;

function Explained({ id, label, hint, error, children }: { id: string; label: string; hint?: ReactNode; error?: string | undefined; children: ReactNode }) {
  return (
    <div className="field">
      <label htmlFor={id}>{label}</label>
      {hint && (
        <p id={`${id}-hint`} className="field__hint">
          {hint}
        </p>
      )}
      {children}
      {error && (
        <p id={`${id}-error`} className="form-error">
          {error}
        </p>
      )}
    </div>
  );
}

/** A labelled input whose hint and error are read with it (aria-describedby). */
export function Field({ id, label, error, hint, onValue, ...input }: FieldProps) {
  return (
    <Explained id={id} label={label} hint={hint} error={error}>
      <input
        id={id}
        name={id}
        aria-invalid={error ? true : undefined}
        aria-describedby={describedBy(id, hint, error)}
        {...input}
        {...(onValue && { onChange: (event) => onValue(event.target.value) })}
      />
    </Explained>
  );
}

interface TextAreaFieldProps extends Omit<TextareaHTMLAttributes<HTMLTextAreaElement>, "id"> {
  id: string;
  label: string;
  error?: string | undefined;
  hint?: ReactNode;
  onValue?: (value: string) => void;
}

/** A labelled box for longer text, explained like a Field. */
export function TextAreaField({ id, label, error, hint, onValue, ...textarea }: TextAreaFieldProps) {
  return (
    <Explained id={id} label={label} hint={hint} error={error}>
      <textarea
        id={id}
        name={id}
        aria-invalid={error ? true : undefined}
        aria-describedby={describedBy(id, hint, error)}
        {...textarea}
        {...(onValue && { onChange: (event) => onValue(event.target.value) })}
      />
    </Explained>
  );
}

interface SelectFieldProps {
  id: string;
  label: string;
  value: string;
  onChange: (value: string) => void;
  /** Value and name of each choice. */
  options: Array<[string, string]>;
  error?: string | undefined;
  hint?: ReactNode;
  onBlur?: () => void;
  autoComplete?: string;
}

/** A labelled choice from a list, explained like a Field. */
export function SelectField({ id, label, error, hint, value, onChange, onBlur, options, autoComplete }: SelectFieldProps) {
  return (
    <Explained id={id} label={label} hint={hint} error={error}>
      <select
        id={id}
        name={id}
        value={value}
        onChange={(e) => onChange(e.target.value)}
        onBlur={onBlur}
        autoComplete={autoComplete}
        aria-invalid={error ? true : undefined}
        aria-describedby={describedBy(id, hint, error)}
      >
        {options.map(([code, name]) => (
          <option key={code} value={code}>
            {name}
          </option>
        ))}
      </select>
    </Explained>
  );
}

/** What a form says after it is sent: a failure is an alert, a success a polite status. */
export function FormMessage({ error, success }: { error?: string | null | undefined; success?: string | null | undefined }) {
  return (
    <>
      <p role="alert" className={error ? "notice notice--error" : "visually-hidden"}>
        {error ?? ""}
      </p>
      <p role="status" className={success ? "notice" : "visually-hidden"}>
        {success ?? ""}
      </p>
    </>
  );
}
