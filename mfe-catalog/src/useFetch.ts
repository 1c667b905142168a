import { requestAnswer } from "@shop/contracts/browser";
import { useRenderedAnswer } from "@shop/federation";
import { useEffect, useState } from "react";
import { type Loadable, loadableOf } from "./api";

export type { Loadable };

/**
 * A catalog API answer for the page. At the edge the render waits for it; in the browser it is the
 * answer the edge inlined (hydration, no second fetch) or a fetch, where a newer URL aborts the older
 * request, so answers never arrive out of order.
 */
export function useFetch<T>(url: string): Loadable<T> {
  const rendered = useRenderedAnswer(url);
  const [result, setResult] = useState<{ url: string; loaded: Loadable<T> }>(() => ({
    url,
    loaded: rendered ? loadableOf<T>(rendered) : { state: "loading" },
  }));
  // biome-ignore lint/correctness/useExhaustiveDependencies: only a new URL loads again
  useEffect(() => {
    if (result.url === url && result.loaded.state !== "loading") return; // the edge's answer
    const controller = new AbortController();
    setResult({ url, loaded: { state: "loading" } });
    requestAnswer(url, { signal: controller.signal }).then(
      (answer) => setResult({ url, loaded: loadableOf<T>(answer) }),
      (error: Error) => !controller.signal.aborted && setResult({ url, loaded: { state: "error", error } }),
    );
    return () => controller.abort();
  }, [url]);
  return result.url === url ? result.loaded : { state: "loading" };
}
