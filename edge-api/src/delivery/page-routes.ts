import { catalogListUrl, pageFromQuery, type RemoteName } from "@shop/contracts";

export interface PageRoute {
  status: 200 | 404;
  /** Remotes this page renders, preloaded with the shell so they load in parallel. */
  remotes: RemoteName[];
  /** API responses the page's remote fetches first, preloaded so data and code arrive together. */
  data: string[];
}

// The header shows the cart count on every page, so the cart remote is always needed.
const ROUTES: Array<[RegExp, RemoteName[]]> = [
  [/^\/(?:c\/.+|p\/.+|search)?$/, ["catalog", "cart"]],
  [/^\/cart$/, ["cart"]],
  [/^\/checkout(?:\/.*)?$/, ["checkout", "cart"]],
  [/^\/account(?:\/.*)?$/, ["account", "cart"]],
];

/** Mirrors the shell's router: which remotes a path needs, and 404 for paths no area owns. */
export function pageRoute(url: URL): PageRoute {
  const path = url.pathname.length > 1 ? url.pathname.replace(/\/+$/, "") : url.pathname;
  for (const [pattern, remotes] of ROUTES) {
    if (pattern.test(path)) return { status: 200, remotes, data: path === "/" ? [catalogListUrl(pageFromQuery(url.searchParams.get("page")))] : [] };
  }
  return { status: 404, remotes: ["cart"], data: [] };
}
