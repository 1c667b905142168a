import type { ApiError, ProductList } from "@shop/contracts";
import { catalogListUrl } from "@shop/contracts/browser";

export async function fetchProducts(page: number, signal?: AbortSignal): Promise<ProductList> {
  const response = await fetch(catalogListUrl(page), { signal });
  if (!response.ok) {
    const body = (await response.json().catch(() => null)) as ApiError | null;
    throw new Error(body?.error.message ?? `Products could not be loaded (HTTP ${response.status}).`);
  }
  return (await response.json()) as ProductList;
}
