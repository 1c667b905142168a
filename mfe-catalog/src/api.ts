import type { ApiError, ProductList } from "@shop/contracts";

export async function fetchProducts(page: number, limit: number, signal?: AbortSignal): Promise<ProductList> {
  const response = await fetch(`/api/catalog/products?page=${page}&limit=${limit}`, { signal });
  if (!response.ok) {
    const body = (await response.json().catch(() => null)) as ApiError | null;
    throw new Error(body?.error.message ?? `Products could not be loaded (HTTP ${response.status}).`);
  }
  return (await response.json()) as ProductList;
}
