export const MAX_LINE_QUANTITY = 10;

/** Id of the `<script type="application/json">` in which the edge inlines the remote map. */
export const REMOTE_MAP_ELEMENT_ID = "remote-map";

/** What the shell document inlines: the entry URL of each remote this visitor gets. */
export type RemoteMap = Record<"catalog" | "cart" | "checkout" | "account", { version: string; entry: string }>;

/** Products per page of the catalog listing. */
export const CATALOG_PAGE_SIZE = 24;

/** The listing request of a catalog page: one definition, so the edge can preload exactly what the remote fetches. */
export const catalogListUrl = (page: number, limit = CATALOG_PAGE_SIZE) => `/api/catalog/products?page=${page}&limit=${limit}`;

/** The listing page a `?page=` value asks for: a whole number from 1, anything else is page 1. */
export function pageFromQuery(value: string | null): number {
  const page = Number(value);
  return Number.isInteger(page) && page > 1 ? page : 1;
}
