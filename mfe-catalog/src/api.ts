import type { ApiError, Suggestion } from "@shop/contracts";
import type { ApiAnswer } from "@shop/federation";

export class NotFound extends Error {}

export type Loadable<T> = { state: "loading" } | { state: "ready"; data: T } | { state: "error"; error: Error };

/** An answer of the catalog API as the page shows it: its data, "not found", or the reason it failed. */
export function loadableOf<T>({ status, body }: ApiAnswer): Loadable<T> {
  if (status === 200) return { state: "ready", data: body as T };
  if (status === 404) return { state: "error", error: new NotFound("Not found") };
  const message = (body as ApiError | null)?.error?.message;
  return { state: "error", error: new Error(message ?? `The catalog could not be loaded (HTTP ${status}).`) };
}

/** A catalog API answer, fetched by the browser. */
export async function fetchAnswer(url: string, signal?: AbortSignal): Promise<ApiAnswer> {
  const response = await fetch(url, { signal });
  return { status: response.status, body: await response.json().catch(() => null) };
}

export async function getJson<T>(url: string, signal?: AbortSignal): Promise<T> {
  const loaded = loadableOf<T>(await fetchAnswer(url, signal));
  if (loaded.state === "error") throw loaded.error;
  return (loaded as { data: T }).data;
}

export const fetchSuggestions = (q: string, signal?: AbortSignal) =>
  getJson<{ suggestions: Suggestion[] }>(`/api/catalog/suggest?q=${encodeURIComponent(q)}`, signal).then((r) => r.suggestions);
