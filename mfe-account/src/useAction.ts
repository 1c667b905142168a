import { useState } from "react";

/** A form's submit: busy while it runs, its failure's message kept for the form to show. */
// biome-ignore lint/suspicious/noConfusingVoidType: an action says what it did (a message) or nothing at all
export function useAction<A extends unknown[]>(action: (...args: A) => Promise<string | void>) {
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<string | null>(null);
  const [success, setSuccess] = useState<string | null>(null);
  const run = async (...args: A) => {
    setBusy(true);
    setError(null);
    setSuccess(null);
    try {
      setSuccess((await action(...args)) ?? null);
    } catch (err) {
      setError((err as Error).message);
    } finally {
      setBusy(false);
    }
  };
  return { busy, error, success, run };
}

export type Action = ReturnType<typeof useAction<[]>>;
