import { CATEGORY_TREE_URL, catalogShelfUrl, listingApiUrl, productApiUrl } from "./constants";

// The page table: which remote owns which path, what the document's head says, what the page
// preloads and whether the edge renders it. Declared once; the shell's router, the edge's document
// and the edge's render all read it.

export interface PageMatch {
  params: Record<string, string>;
  search: URLSearchParams;
}

export interface Page {
  /** A react-router path: `:name` is one segment, a trailing `*` the rest. */
  path: string;
  /** The exposed module (`remote/Module`) that renders the page's main area. */
  module: string;
  /** Names the area in its fallback ("The catalog is unavailable right now"). */
  label: string;
  /** Other remotes' modules the page shows at once, preloaded with it. */
  widgets?: string[] | ((match: PageMatch) => string[]);
  /** The API answers the page starts from: preloaded with the document, rendered from at the edge. */
  data?: (match: PageMatch) => string[];
  /** The document's title: the catalog's own metadata for its pages, else fixed. */
  head: { catalog: "home" | "category" | "product" } | { title: (match: PageMatch) => string };
  /** `edge`: the document carries the page's HTML and the browser hydrates it; `browser`: it renders there only. */
  render: "edge" | "browser";
  /**
   * Islands: the edge's HTML is the page and only these areas hydrate (with the header's,
   * HEADER_ISLANDS), each on its own root when its load says; nothing else of the shell or the
   * remotes runs. A rendered page without islands is hydrated whole.
   */
  islands?: Record<string, IslandLoad>;
  /** A back-office page: for operators only (the edge refuses anyone else), listed in its navigation under `nav`. */
  backOffice?: { nav: string };
}

/**
 * When an island's code loads and hydrates it: at the first pointer or keyboard contact with it
 * (`interaction`), when it scrolls into view (`visible`), or as soon as code of its remote is loaded
 * for another island, or at its own first touch (`with-its-remote`: the mini cart, so it shows what
 * Add to cart did).
 */
export type IslandLoad = "interaction" | "visible" | "with-its-remote";

/** On every page, in the shell's header; rendered at the edge with the page. */
export const HEADER_WIDGETS = ["catalog/SearchBox", "account/AccountMenu", "cart/MiniCart"] as const;

/** The header's widgets on a page of islands. */
export const HEADER_ISLANDS: Record<(typeof HEADER_WIDGETS)[number], IslandLoad> = {
  "catalog/SearchBox": "interaction",
  "account/AccountMenu": "interaction",
  "cart/MiniCart": "with-its-remote",
};

/** A product card's widgets (its Add to cart, its heart): islands wherever cards are. */
const CARD_ISLANDS: Record<string, IslandLoad> = { "cart/AddToCartButton": "interaction", "account/WishlistHeart": "interaction" };

/**
 * A listing's parts that run: its filters (on a phone, in a drawer), sort and filters in use, applied
 * as they are chosen (a document navigation, the focus kept on the control), an empty result's
 * suggestions, and its cards' widgets. "Load more" is a link to the next page that goes on from its
 * first new product.
 */
const LISTING_ISLANDS: Record<string, IslandLoad> = {
  "catalog/FiltersDrawer": "interaction",
  "catalog/Facets": "interaction",
  "catalog/ListingSort": "interaction",
  "catalog/ActiveFilters": "interaction",
  // An empty result's suggestions are fetched by the browser.
  "catalog/NoResults": "visible",
  ...CARD_ISLANDS,
};

const CATALOG = "catalog/App";
const CHECKOUT = "checkout/App";
const title = (text: string) => ({ title: () => text });

export const PAGES: Page[] = [
  // Home is islands: only its cards' Add to cart and heart hydrate, at the first touch (the header's
  // widgets as everywhere). The best-rated shelf is below the fold: rendered at the edge, but not
  // preloaded before what is seen.
  {
    path: "/",
    module: CATALOG,
    label: "The catalog",
    head: { catalog: "home" },
    render: "edge",
    islands: CARD_ISLANDS,
    data: () => [CATEGORY_TREE_URL, catalogShelfUrl("newest")],
  },
  {
    path: "/c/:slug",
    module: CATALOG,
    label: "The catalog",
    head: { catalog: "category" },
    render: "edge",
    islands: LISTING_ISLANDS,
    data: ({ params, search }) => [CATEGORY_TREE_URL, listingApiUrl(search, params.slug, 1)],
  },
  {
    path: "/search",
    module: CATALOG,
    label: "The catalog",
    head: { title: ({ search }) => (search.get("q")?.trim() ? `Results for “${search.get("q")!.trim()}”` : "All products") },
    render: "edge",
    islands: LISTING_ISLANDS,
    data: ({ search }) => [listingApiUrl(search, undefined, 1)],
  },
  // A product page is islands: its pictures and buying (with the cart's Add to cart and the
  // account's heart inside) hydrate at the first touch, as do the shelves' cards' own; its reviews
  // and the shopper's recently viewed products when they come into view; the description, details
  // and the rest of the shelves never do.
  {
    path: "/p/:slug",
    module: CATALOG,
    label: "The catalog",
    // Preloaded only where the page is hydrated whole (a live shell from before islands).
    widgets: ["catalog/ProductBuying", "cart/AddToCartButton", "account/WishlistHeart"],
    head: { catalog: "product" },
    render: "edge",
    islands: {
      "catalog/ProductBuying": "interaction",
      "catalog/ProductReviews": "visible",
      "catalog/RecentlyViewed": "visible",
      ...CARD_ISLANDS,
    },
    data: ({ params }) => [productApiUrl(params.slug!)],
  },
  { path: "/cart", module: "cart/CartPage", label: "Your cart", head: title("Your cart"), render: "edge" },
  // Checkout needs the browser (payment) and routes its steps itself (`*`); its first two steps show
  // the cart's summary.
  {
    path: "/checkout/*",
    module: CHECKOUT,
    label: "Checkout",
    widgets: ({ params }) => (["", "details", "shipping"].includes(params["*"] ?? "") ? ["cart/CartSummary"] : []),
    head: title("Checkout"),
    render: "browser",
  },
  { path: "/orders/*", module: CHECKOUT, label: "Checkout", head: title("Your order"), render: "browser" },
  { path: "/account/*", module: "account/App", label: "Your account", head: title("Your account"), render: "browser" },
  // The back office: each team's pages in its own remote (`<remote>/Admin`, loaded only here), the
  // platform's in the shell. Applications inside their area, like checkout.
  backOfficePage("/admin", "shell/Home", "Home", "The back office"),
  backOfficePage("/admin/products/*", "catalog/Admin", "Products", "Products"),
  backOfficePage("/admin/reviews/*", "catalog/Admin", "Reviews", "Reviews"),
  backOfficePage("/admin/orders/*", "checkout/Admin", "Orders", "Orders"),
  backOfficePage("/admin/returns/*", "checkout/Admin", "Returns", "Returns"),
  backOfficePage("/admin/stock/*", "checkout/Admin", "Stock", "Stock"),
  backOfficePage("/admin/coupons/*", "cart/Admin", "Coupons", "Coupons"),
  backOfficePage("/admin/customers/*", "account/Admin", "Customers", "Customers"),
  backOfficePage("/admin/releases", "shell/Releases", "Releases", "Releases"),
  backOfficePage("/admin/audit", "shell/AuditLog", "Audit log", "The audit log"),
];

/** Back-office pages rendered by the edge outright (no remote): linked from the back office's navigation. */
export const EDGE_BACK_OFFICE_PAGES: Array<[path: string, nav: string]> = [
  ["/admin/experiments", "Experiments"],
  ["/admin/messages", "Undelivered emails"],
];

function backOfficePage(path: string, module: string, nav: string, label: string): Page {
  return { path, module, label, head: title(`${nav} · Back office`), render: "browser", backOffice: { nav } };
}

/** A page's islands with the header's, or undefined for a page hydrated whole (or rendered in the browser). */
export const pageIslands = (page: Page | undefined): Record<string, IslandLoad> | undefined =>
  page?.islands && page.render === "edge" ? { ...HEADER_ISLANDS, ...page.islands } : undefined;

/** The modules a page shows at once besides its own: its widgets, for this URL. */
export const pageWidgets = (page: Page, match: PageMatch): string[] => (typeof page.widgets === "function" ? page.widgets(match) : (page.widgets ?? []));

/** The page a path belongs to, with its parameters, or undefined (404). A trailing slash does not matter. */
export function matchPage(pathname: string, search = new URLSearchParams()): { page: Page; match: PageMatch } | undefined {
  const segments = pathname.split("/").filter(Boolean);
  for (const page of PAGES) {
    const params = matchSegments(page.path.split("/").filter(Boolean), segments);
    if (params) return { page, match: { params, search } };
  }
  return undefined;
}

function matchSegments(pattern: string[], segments: string[]): Record<string, string> | undefined {
  const params: Record<string, string> = {};
  for (const [i, part] of pattern.entries()) {
    if (part === "*") {
      params["*"] = segments.slice(i).join("/");
      return params;
    }
    const segment = segments[i];
    if (segment === undefined) return undefined;
    if (part.startsWith(":")) params[part.slice(1)] = safeDecode(segment);
    else if (part !== segment) return undefined;
  }
  return segments.length === pattern.length ? params : undefined;
}

function safeDecode(segment: string) {
  try {
    return decodeURIComponent(segment);
  } catch {
    return segment;
  }
}
