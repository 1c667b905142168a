import { HEADER_WIDGETS, matchPage, type Page, type PageMatch, pageWidgets } from "@shop/contracts";

export interface UrlPage {
  status: 200 | 404;
  /** The page table's page, or undefined for paths no page owns (404). */
  page?: Page;
  match?: PageMatch;
  /** Exposed modules (`remote/Expose`) this page renders, preloaded with the shell so they load in parallel. */
  modules: string[];
  /**
   * API responses the page's remote fetches first, preloaded so data and code arrive together (asked
   * only for pages the browser renders: a rendered page carries its data).
   */
  data: () => string[];
}

/** What the page table says of a URL: its page, the modules it shows and the data it starts from. */
export function pageOfUrl(url: URL): UrlPage {
  const found = matchPage(url.pathname, url.searchParams);
  if (!found) return { status: 404, modules: [...HEADER_WIDGETS], data: () => [] };
  const { page, match } = found;
  return { status: 200, page, match, modules: [page.module, ...pageWidgets(page, match), ...HEADER_WIDGETS], data: () => page.data?.(match) ?? [] };
}
