import type { ApiError, CategoryNode, ProductDetail, ProductList, Suggestion } from "@shop/contracts";
import { CATEGORY_TREE_URL, catalogShelfUrl, listingApiUrl, productApiUrl } from "@shop/contracts/browser";

export class NotFound extends Error {}

async function getJson<T>(url: string, signal?: AbortSignal): Promise<T> {
  const response = await fetch(url, { signal });
  if (response.status === 404) throw new NotFound("Not found");
  if (!response.ok) {
    const body = (await response.json().catch(() => null)) as ApiError | null;
    throw new Error(body?.error.message ?? `The catalog could not be loaded (HTTP ${response.status}).`);
  }
  return (await response.json()) as T;
}

export const fetchListingPage = (pageParams: URLSearchParams, category: string | undefined, page: number, signal?: AbortSignal) =>
  getJson<ProductList>(listingApiUrl(pageParams, category, page), signal);

export const fetchShelf = (sort: "newest" | "rating", signal?: AbortSignal) => getJson<ProductList>(catalogShelfUrl(sort), signal);

export const fetchProduct = (slug: string, signal?: AbortSignal) => getJson<ProductDetail>(productApiUrl(slug), signal);

export const fetchCategories = (signal?: AbortSignal) => getJson<{ categories: CategoryNode[] }>(CATEGORY_TREE_URL, signal).then((r) => r.categories);

export const fetchSuggestions = (q: string, signal?: AbortSignal) =>
  getJson<{ suggestions: Suggestion[] }>(`/api/catalog/suggest?q=${encodeURIComponent(q)}`, signal).then((r) => r.suggestions);
