import { FormMessage } from "@shop/forms";
import type { FormHTMLAttributes, ReactNode } from "react";
import type { Action } from "./useAction";

interface ActionFormProps extends Omit<FormHTMLAttributes<HTMLFormElement>, "onSubmit" | "action"> {
  /** What submitting runs (useAction): its message is said under the fields, its button busy while it runs. */
  action: Action;
  /** The button's words, and what it says while the action runs. */
  submit: string;
  busy?: string;
  buttonClassName?: string;
  /** Said instead of the action's own failure (a page with two ways to do one thing). */
  error?: string | null;
  children: ReactNode;
}

/** Every account form: its fields, then what became of it, then its one button. */
export function ActionForm({ action, submit, busy, buttonClassName = "btn", error, children, ...form }: ActionFormProps) {
  return (
    <form
      noValidate
      {...form}
      onSubmit={(event) => {
        event.preventDefault();
        void action.run();
      }}
    >
      {children}
      <FormMessage error={error ?? action.error} success={action.success} />
      <button className={buttonClassName} type="submit" disabled={action.busy}>
        {action.busy && busy ? busy : submit}
      </button>
    </form>
  );
}
