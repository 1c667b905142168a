import { PRICE_BUCKETS, pageFromQuery, type Sort } from "@shop/contracts/browser";

// Everything a listing shows lives in the URL, so it can be shared and back/forward restore it.

export interface ListingState {
  q: string;
  brands: string[];
  minPrice?: number;
  maxPrice?: number;
  inStock: boolean;
  minRating?: number;
  sort?: Sort;
  /** How many pages are shown ("load more" adds one). */
  pages: number;
}

const number = (value: string | null) => (value !== null && value !== "" && Number.isFinite(Number(value)) ? Number(value) : undefined);

export function readListingState(params: URLSearchParams): ListingState {
  return {
    q: params.get("q")?.trim() ?? "",
    brands: (params.get("brand") ?? "").split(",").filter(Boolean),
    minPrice: number(params.get("minPrice")),
    maxPrice: number(params.get("maxPrice")),
    inStock: params.get("inStock") === "true",
    minRating: number(params.get("minRating")),
    sort: (params.get("sort") as Sort | null) ?? undefined,
    pages: pageFromQuery(params.get("page")),
  };
}

/** A copy of the URL's parameters with some changed (undefined removes); any change starts again at page 1. */
export function withParams(params: URLSearchParams, changes: Record<string, string | undefined>): URLSearchParams {
  const next = new URLSearchParams(params);
  for (const [name, value] of Object.entries(changes)) {
    if (value === undefined || value === "") next.delete(name);
    else next.set(name, value);
  }
  if (!("page" in changes)) next.delete("page");
  return next;
}

export const priceBucketOf = (state: ListingState) =>
  PRICE_BUCKETS.find((b) => b.min === (state.minPrice ?? 0) && (b.max === null ? state.maxPrice === undefined : b.max - 1 === state.maxPrice));

/** The URL changes that take every filter off (search text, category and sort stay). */
export const CLEARED_FILTERS = { brand: undefined, minPrice: undefined, maxPrice: undefined, minRating: undefined, inStock: undefined };
