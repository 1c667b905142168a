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

/** The form the filters and the sort belong to, which a page without JavaScript submits. */
export const FILTERS_FORM = "listing-filters";

export function readListingState(params: URLSearchParams): ListingState {
  // The form sends a price bucket by its key (`price=25-50`); the page's own links send its bounds.
  const bucket = PRICE_BUCKETS.find((b) => b.key === params.get("price"));
  return {
    q: params.get("q")?.trim() ?? "",
    brands: params
      .getAll("brand")
      .flatMap((value) => value.split(","))
      .filter(Boolean),
    minPrice: bucket ? bucket.min || undefined : number(params.get("minPrice")),
    maxPrice: bucket ? (bucket.max === null ? undefined : bucket.max - 1) : number(params.get("maxPrice")),
    inStock: params.get("inStock") === "true",
    minRating: number(params.get("minRating")),
    sort: (params.get("sort") as Sort | null) ?? undefined,
    pages: pageFromQuery(params.get("page")),
  };
}

/** A copy of the URL's parameters with some changed (undefined removes); any change starts again at page 1. */
export function withParams(params: URLSearchParams, changes: Record<string, string | undefined>): URLSearchParams {
  const next = new URLSearchParams(params);
  // A form's way of saying a filter (several `brand`s, a `price` bucket) gives way to the page's own.
  if ("brand" in changes) next.delete("brand");
  if ("minPrice" in changes || "maxPrice" in changes) next.delete("price");
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
