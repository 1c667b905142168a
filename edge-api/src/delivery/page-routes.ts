import { CATEGORY_TREE_URL, catalogShelfUrl, listingApiUrl, productApiUrl } from "@shop/contracts";

export interface PageRoute {
  status: 200 | 404;
  /** Exposed modules (`remote/Expose`) this page renders, preloaded with the shell so they load in parallel. */
  modules: string[];
  /** API responses the page's remote fetches first, preloaded so data and code arrive together. */
  data: string[];
}

// The header shows the search box, the account menu and the cart count on every page.
const HEADER = ["catalog/SearchBox", "account/AccountMenu", "cart/MiniCart"];
// A product page always shows Add to cart; a listing only for products without options, which its
// data decides, so there the button's chunk loads when a card needs it (a preload it might not use
// costs every shopper the bandwidth).
const ROUTES: Array<[RegExp, string[]]> = [
  [/^\/p\/[^/]+$/, ["catalog/App", "cart/AddToCartButton", "account/WishlistHeart"]],
  [/^\/(?:c\/[^/]+|search)?$/, ["catalog/App"]],
  [/^\/cart$/, ["cart/CartPage"]],
  // The first two steps show the cart's summary; later ones show checkout's own totals.
  [/^\/checkout(?:\/(?:details|shipping))?$/, ["checkout/App", "cart/CartSummary"]],
  [/^\/checkout\/.+$/, ["checkout/App"]],
  [/^\/orders\/[^/]+$/, ["checkout/App"]],
  [/^\/account(?:\/.*)?$/, ["account/App"]],
];

/** Mirrors the shell's router: which remotes a path needs, and 404 for paths no area owns. */
export function pageRoute(url: URL): PageRoute {
  const path = url.pathname.length > 1 ? url.pathname.replace(/\/+$/, "") : url.pathname;
  for (const [pattern, modules] of ROUTES) {
    if (!pattern.test(path)) continue;
    return { status: 200, modules: [...modules, ...HEADER], data: catalogData(path, url.searchParams) };
  }
  return { status: 404, modules: HEADER, data: [] };
}

/** The catalog requests a page starts with, built by the same functions the catalog remote uses. */
function catalogData(path: string, search: URLSearchParams): string[] {
  const [, area, slug] = path.split("/");
  // The best-rated shelf is below the fold and loads when scrolled to: not preloaded.
  if (path === "/") return [CATEGORY_TREE_URL, catalogShelfUrl("newest")];
  if (area === "c" && slug) return [CATEGORY_TREE_URL, listingApiUrl(search, slug, 1)];
  if (area === "search") return [listingApiUrl(search, undefined, 1)];
  if (area === "p" && slug) return [productApiUrl(slug)];
  return [];
}
