import type { Suggestion } from "@shop/contracts";
import { type ApiAnswer, refusalOf, requestJson } from "@shop/contracts/browser";

export type Loadable<T> = { state: "loading" } | { state: "ready"; data: T } | { state: "error"; error: Error };

/** An answer of the catalog API as the page shows it: its data, or the refusal (a 404 is "not found"). */
export function loadableOf<T>(answer: ApiAnswer): Loadable<T> {
  if (answer.status === 200) return { state: "ready", data: answer.body as T };
  return { state: "error", error: refusalOf(answer) };
}

export const fetchSuggestions = (q: string, signal?: AbortSignal) =>
  requestJson<{ suggestions: Suggestion[] }>(`/api/catalog/suggest?q=${encodeURIComponent(q)}`, { signal }).then((r) => r.suggestions);
