import { SIGN_IN_AGAIN, signInAgainPath } from "@shop/contracts/browser";
import { type FormHTMLAttributes, type ReactNode, useEffect, useRef, useState } from "react";
import { FormMessage } from "./fields";

/**
 * A form's submit: busy while it runs, its failure's message kept for the form to show, and, when
 * the API refused fields (`error.fields`), each field's message for the field to show beside it.
 */
// biome-ignore lint/suspicious/noConfusingVoidType: an action says what it did (a message) or nothing at all
export function useAction<A extends unknown[]>(action: (...args: A) => Promise<string | void>) {
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<string | null>(null);
  const [success, setSuccess] = useState<string | null>(null);
  const [fields, setFields] = useState<Record<string, string>>({});
  const [code, setCode] = useState<string | null>(null);
  const run = async (...args: A) => {
    setBusy(true);
    setError(null);
    setSuccess(null);
    setFields({});
    setCode(null);
    try {
      setSuccess((await action(...args)) ?? null);
    } catch (err) {
      setError((err as Error).message);
      setFields((err as { fields?: Record<string, string> }).fields ?? {});
      setCode((err as { code?: string }).code ?? null);
    } finally {
      setBusy(false);
    }
  };
  return { busy, error, success, fields, code, run };
}

export type Action = ReturnType<typeof useAction<[]>>;

interface ActionFormProps extends Omit<FormHTMLAttributes<HTMLFormElement>, "onSubmit" | "action"> {
  /** What submitting runs (useAction): its message is said under the fields, its button busy while it runs. */
  action: Action;
  /** The button's words, and what it says while the action runs. */
  submit: string;
  busy?: string;
  buttonClassName?: string;
  /** Said instead of the action's own failure (a page with two ways to do one thing). */
  error?: string | null;
  /** Its fields show the API's message for each (`action.fields`): the alert then says where to look instead. */
  marksFields?: boolean;
  children: ReactNode;
}

/**
 * Every form of the account and the back office: its fields, then what became of it, then its one
 * button. Refused fields it marks take the focus (the first of them), so a keyboard is where to fix.
 */
export function ActionForm({ action, submit, busy, buttonClassName = "btn", error, marksFields, children, ...form }: ActionFormProps) {
  const refused = marksFields ? Object.keys(action.fields).length : 0;
  const said = refused ? `Please correct ${refused === 1 ? "the field" : `the ${refused} fields`} marked above.` : (error ?? action.error);
  const formRef = useRef<HTMLFormElement>(null);
  // biome-ignore lint/correctness/useExhaustiveDependencies: each refusal (a new fields object) moves the focus, even with the same count
  useEffect(() => {
    if (refused) formRef.current?.querySelector<HTMLElement>("[aria-invalid=true]")?.focus();
  }, [action.fields, refused]);
  return (
    <form
      ref={formRef}
      noValidate
      {...form}
      onSubmit={(event) => {
        event.preventDefault();
        void action.run();
      }}
    >
      {children}
      <FormMessage error={said} success={action.success} />
      {action.code === SIGN_IN_AGAIN && (
        <p>
          <a href={signInAgainPath(`${location.pathname}${location.search}`)}>Sign in again</a>, then repeat it.
        </p>
      )}
      <button className={buttonClassName} type="submit" disabled={action.busy}>
        {action.busy && busy ? busy : submit}
      </button>
    </form>
  );
}
