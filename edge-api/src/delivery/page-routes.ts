import { catalogListUrl, pageFromQuery } from "@shop/contracts";

export interface PageRoute {
  status: 200 | 404;
  /** Exposed modules (`remote/Expose`) this page renders, preloaded with the shell so they load in parallel. */
  modules: string[];
  /** API responses the page's remote fetches first, preloaded so data and code arrive together. */
  data: string[];
}

// The header shows the cart count on every page.
const HEADER = ["cart/CartCount"];
const ROUTES: Array<[RegExp, string[]]> = [
  [/^\/(?:c\/.+|p\/.+|search)?$/, ["catalog/App", "cart/AddToCartButton"]],
  [/^\/cart$/, ["cart/CartPage"]],
  [/^\/checkout(?:\/.*)?$/, ["checkout/App", "cart/CartSummary"]],
  [/^\/account(?:\/.*)?$/, ["account/App"]],
];

/** Mirrors the shell's router: which remotes a path needs, and 404 for paths no area owns. */
export function pageRoute(url: URL): PageRoute {
  const path = url.pathname.length > 1 ? url.pathname.replace(/\/+$/, "") : url.pathname;
  for (const [pattern, modules] of ROUTES) {
    if (!pattern.test(path)) continue;
    const data = path === "/" ? [catalogListUrl(pageFromQuery(url.searchParams.get("page")))] : [];
    return { status: 200, modules: [...modules, ...HEADER], data };
  }
  return { status: 404, modules: HEADER, data: [] };
}
