import type { LoadOptions } from "./load";

/**
 * Asks for each of `paths` twice before an uncached scenario measures, with a price filter outside
 * the measured range (so nothing measured is answered from the edge cache). A Postgres backend's
 * first read of a page it has not mapped yet costs far more on these VMs (a search's 4,300 pages:
 * 85 instead of 14 ms); the relay's pooled backends, like Neon's, pay it once, not per request.
 */
async function warm(base: string, paths: string[]) {
  for (let round = 0; round < 2; round++) for (const path of paths) await (await fetch(`${base}${path}&minPrice=${5000 + round}`)).arrayBuffer();
}

/** The catalog's cached and uncached reads; uncached ones one request at a time (their latency, not the 2-core queue). */
export function catalogScenarios(
  base: string,
  categories: string[],
): Array<Omit<LoadOptions, "seconds" | "connections"> & { connections?: number; before?: () => Promise<unknown> }> {
  const terms = ["jacket", "headphones", "running shoes", "hedphones", "merino sweater", "coffee grinder", "tent", "notebook", "kestrel", "wireless earbuds"];
  const bust = () => Math.floor(Math.random() * 5000);
  return [
    { name: "shell document (GET /)", url: `${base}/` },
    { name: "catalog listing, cached (category)", url: `${base}/api/catalog/products?category=clothing` },
    {
      name: "catalog listing, uncached (category + price, 1 connection)",
      connections: 1,
      before: () =>
        warm(
          base,
          categories.map((category) => `/api/catalog/products?category=${category}`),
        ),
      url: `${base}/api/catalog/products`,
      request: () => ({ path: `/api/catalog/products?category=${categories[bust() % categories.length]}&minPrice=${bust()}` }),
    },
    { name: "search, cached (q=jacket)", url: `${base}/api/catalog/products?q=jacket` },
    {
      name: "search, uncached (q + price, 1 connection)",
      connections: 1,
      before: () =>
        warm(
          base,
          terms.map((term) => `/api/catalog/products?q=${encodeURIComponent(term)}`),
        ),
      url: `${base}/api/catalog/products`,
      request: () => ({ path: `/api/catalog/products?q=${encodeURIComponent(terms[bust() % terms.length]!)}&minPrice=${bust()}` }),
    },
  ];
}
