export const MAX_LINE_QUANTITY = 10;

/** The currency the shop sells in: its prices, and a coupon's fixed amount off. */
export const SHOP_CURRENCY = "USD";

/** Id of the `<script type="application/json">` in which the edge inlines the remote map. */
export const REMOTE_MAP_ELEMENT_ID = "remote-map";
/** A document that exposed its visitor to an experiment carries `<meta name=…>`: its shell confirms it ran. */
export const CONFIRM_EXPOSURES_META = "shop:confirm-exposures";

/** Id of the `<script type="application/json">` holding the API answers an edge-rendered page was made from (`{ page, answers }`). */
export const RENDERED_DATA_ELEMENT_ID = "rendered-data";

/** What the shell document inlines: the version and entry URL of each remote this visitor gets; `pinned` marks a QA override. */
export type RemoteMap = Record<"catalog" | "cart" | "checkout" | "account", { version: string; entry: string; pinned?: true }>;

// The catalog requests a page starts with. One definition for the remote that makes them and the
// edge that preloads them, so the preloaded response is exactly the one the remote asks for.
export const CATEGORY_TREE_URL = "/api/catalog/categories";
export const SHELF_SIZE = 8;
export const catalogShelfUrl = (sort: "newest" | "rating") => `/api/catalog/products?sort=${sort}&limit=${SHELF_SIZE}&page=1`;
export const productApiUrl = (slug: string) => `/api/catalog/products/${encodeURIComponent(slug)}`;

/** How a product's reviews are ordered, the first the page's default. */
export const REVIEW_SORTS = ["newest", "helpful", "highest", "lowest"] as const;
export type ReviewSort = (typeof REVIEW_SORTS)[number];
export const REVIEWS_PER_PAGE = 5;
/** The longest title and text a review may have (characters). */
export const REVIEW_TEXT = { title: 120, text: 5000 } as const;
/** Where on a product page its review form is: the review request email links straight to it. */
export const WRITE_REVIEW_ANCHOR = "write-review";
/** A page of a product's published reviews: the product page asks for it, the edge renders it the same. */
export const reviewsApiUrl = (slug: string, sort: ReviewSort = "newest", page = 1) => `${productApiUrl(slug)}/reviews?sort=${sort}&page=${page}`;

/** What goes with a set of products (a cart's): the one URL the widget asks and the edge renders it from. */
export const MAX_RECOMMENDED_FOR = 20;
export const recommendationsApiUrl = (products: string[]) =>
  `/api/catalog/recommendations?products=${[...new Set(products)].sort().slice(0, MAX_RECOMMENDED_FOR).map(encodeURIComponent).join(",")}`;

/** Listing parameters that live in the page URL and pass straight to the API. */
export const LISTING_FILTER_PARAMS = ["q", "brand", "minPrice", "maxPrice", "inStock", "minRating", "sort"] as const;

/**
 * The API request for one page of a listing (the category comes from the path). A page without
 * JavaScript sends its filter form as it is: several `brand`s, a price bucket by key (`price=25-50`).
 */
export function listingApiUrl(pageParams: URLSearchParams, category: string | undefined, page: number): string {
  const query = new URLSearchParams();
  const bucket = PRICE_BUCKETS.find((b) => b.key === pageParams.get("price"));
  for (const name of LISTING_FILTER_PARAMS) {
    const value = name === "brand" ? pageParams.getAll(name).filter(Boolean).join(",") : pageParams.get(name);
    if (bucket && name === "minPrice") {
      if (bucket.min) query.set(name, String(bucket.min));
    } else if (bucket && name === "maxPrice") {
      if (bucket.max !== null) query.set(name, String(bucket.max - 1));
    } else if (value) query.set(name, value);
  }
  if (category) query.set("category", category);
  query.set("page", String(page));
  return `/api/catalog/products?${query.toString()}`;
}

/** The listing page a `?page=` value asks for: a whole number from 1, anything else is page 1. */
export function pageFromQuery(value: string | null): number {
  const page = Number(value);
  return Number.isInteger(page) && page > 1 ? page : 1;
}

export const SORTS = ["relevance", "price_asc", "price_desc", "rating", "newest"] as const;
export type Sort = (typeof SORTS)[number];

/** Price buckets shoppers filter by, in minor units: [min, max). */
export const PRICE_BUCKETS = [
  { key: "under-25", label: "Under $25", min: 0, max: 2500 },
  { key: "25-50", label: "$25 to $50", min: 2500, max: 5000 },
  { key: "50-100", label: "$50 to $100", min: 5000, max: 10000 },
  { key: "100-250", label: "$100 to $250", min: 10000, max: 25000 },
  { key: "over-250", label: "Over $250", min: 25000, max: null },
] as const;

// The shop's currencies as en-US writes them. A browser's first Intl.NumberFormat loads its number
// data (30–60 ms on a phone-class CPU, in the middle of hydration), so these are written directly;
// any other currency goes through Intl. The test holds them equal to Intl's output.
const CURRENCY_SYMBOLS: Record<string, string> = { USD: "$", EUR: "€", GBP: "£" };
const otherFormats = new Map<string, Intl.NumberFormat>();

/** "12,345": a whole number as en-US writes it (without Intl, for the reason above). */
export function formatCount(n: number): string {
  return Number.isSafeInteger(n) ? String(n).replace(/\B(?=(\d{3})+$)/g, ",") : n.toLocaleString("en-US");
}

/** "$12.99" from integer minor units: the one money format every remote shows. */
export function formatMoney(money: { amount: number; currency: string }): string {
  const symbol = CURRENCY_SYMBOLS[money.currency];
  if (symbol !== undefined && Number.isSafeInteger(money.amount)) {
    const cents = Math.abs(money.amount);
    return `${money.amount < 0 ? "-" : ""}${symbol}${formatCount(Math.floor(cents / 100))}.${String(cents % 100).padStart(2, "0")}`;
  }
  let format = otherFormats.get(money.currency);
  if (!format) {
    format = new Intl.NumberFormat("en-US", { style: "currency", currency: money.currency });
    otherFormats.set(money.currency, format);
  }
  return format.format(money.amount / 100);
}

/**
 * The cart's forms for pages without JavaScript (`POST /cart/add`, `/cart/quantity`, `/cart/remove`,
 * `/cart/coupon`, `/cart/coupon/remove`)
 * send the shopper back to the page with what happened: `?added=<sku>`, or `?cart_refused=<sku>`
 * and `cart_reason=<message>`.
 */
export const CART_FORM_RESULT = { added: "added", refused: "cart_refused", reason: "cart_reason" } as const;
/** What a refused coupon form names in `cart_refused` (a line's form names its SKU). */
export const CART_FORM_COUPON = "coupon";
/** What the restock form (POST /notify/restock, pages without JavaScript) says on the page it returns to. */
export const RESTOCK_FORM_RESULT = { asked: "restock", message: "restock_message", refused: "restock_refused", reason: "restock_reason" } as const;

/** Largest product picture an operator may upload, and the types taken (by their bytes, not their name). */
export const MAX_IMAGE_BYTES = 5 * 1024 * 1024;
export const IMAGE_TYPES = ["image/png", "image/jpeg", "image/webp", "image/avif"] as const;

/**
 * `<img sizes>` of a product card's picture and a product page's main one. The edge preloads the
 * first of them with the same `imagesizes` and `imagesrcset`, so the browser fetches the file the
 * page then shows.
 */
export const PICTURE_SIZES = { card: "(max-width: 640px) 50vw, 240px", product: "(max-width: 640px) 100vw, 560px" } as const;
