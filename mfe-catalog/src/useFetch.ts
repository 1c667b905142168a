import { useEffect, useState } from "react";

export type Loadable<T> = { state: "loading" } | { state: "ready"; data: T } | { state: "error"; error: Error };

/** Loads data for a key; a newer key aborts the older request, so answers never arrive out of order. */
export function useFetch<T>(key: string, load: (signal: AbortSignal) => Promise<T>): Loadable<T> {
  const [result, setResult] = useState<Loadable<T>>({ state: "loading" });
  useEffect(() => {
    const controller = new AbortController();
    setResult({ state: "loading" });
    load(controller.signal).then(
      (data) => setResult({ state: "ready", data }),
      (error: Error) => {
        if (!controller.signal.aborted) setResult({ state: "error", error });
      },
    );
    return () => controller.abort();
    // `load` is a fresh closure each render; the key says when it really changed.
    // eslint-disable-next-line react-hooks/exhaustive-deps
  }, [key]);
  return result;
}
