import type { AdminProduct, AdminProductList, CatalogTerms, ModeratedReview, ModerationDecision, ModerationPage } from "@shop/contracts";
import { requestJson } from "@shop/contracts/browser";

// The catalog team's back-office calls (under /api/admin).

const PRODUCTS = "/api/admin/products";
const one = (slug: string) => `${PRODUCTS}/${encodeURIComponent(slug)}`;
const send = (method: string, body: unknown) => ({ method, body: JSON.stringify(body) });

export const listProducts = (query: URLSearchParams) => requestJson<AdminProductList>(`${PRODUCTS}?${query}`);
export const fetchTerms = () => requestJson<CatalogTerms>("/api/admin/catalog-terms");
export const fetchProduct = (slug: string) => requestJson<AdminProduct>(one(slug));
export const createProduct = (draft: Record<string, unknown>) => requestJson<AdminProduct>(PRODUCTS, send("POST", draft));
export const changeProduct = (slug: string, change: Record<string, unknown>) => requestJson<AdminProduct>(one(slug), send("PATCH", change));
export const addVariant = (slug: string, variant: Record<string, unknown>) => requestJson<AdminProduct>(`${one(slug)}/variants`, send("POST", variant));
export const changeVariant = (sku: string, change: Record<string, unknown>) =>
  requestJson<{ ok: true }>(`/api/admin/variants/${encodeURIComponent(sku)}`, send("PATCH", change));

export function uploadPicture(slug: string, file: File, alt: string) {
  const form = new FormData();
  form.append("file", file);
  form.append("alt", alt);
  return requestJson<AdminProduct>(`${one(slug)}/images`, { method: "POST", body: form });
}
export const removePicture = (slug: string, position: number) => requestJson<AdminProduct>(`${one(slug)}/images/${position}`, { method: "DELETE" });

export const listReviews = (status: string, after?: string) =>
  requestJson<ModerationPage>(`/api/admin/reviews?${new URLSearchParams({ status, ...(after && { after }) })}`);
export const moderateReview = (id: string, decision: ModerationDecision) =>
  requestJson<ModeratedReview>(`/api/admin/reviews/${id}/moderation`, send("POST", decision));
