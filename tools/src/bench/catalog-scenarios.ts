import type { LoadOptions } from "../load";

/** The catalog's cached and uncached reads; uncached ones one request at a time (their latency, not the 2-core queue). */
export function catalogScenarios(base: string, categories: string[]): Array<Omit<LoadOptions, "seconds" | "connections"> & { connections?: number }> {
  const terms = ["jacket", "headphones", "running shoes", "hedphones", "merino sweater", "coffee grinder", "tent", "notebook", "kestrel", "wireless earbuds"];
  const bust = () => Math.floor(Math.random() * 5000);
  return [
    { name: "shell document (GET /)", url: `${base}/` },
    { name: "catalog listing, cached (category)", url: `${base}/api/catalog/products?category=clothing` },
    {
      name: "catalog listing, uncached (category + price, 1 connection)",
      connections: 1,
      url: `${base}/api/catalog/products`,
      request: () => ({ path: `/api/catalog/products?category=${categories[bust() % categories.length]}&minPrice=${bust()}` }),
    },
    { name: "search, cached (q=jacket)", url: `${base}/api/catalog/products?q=jacket` },
    {
      name: "search, uncached (q + price, 1 connection)",
      connections: 1,
      url: `${base}/api/catalog/products`,
      request: () => ({ path: `/api/catalog/products?q=${encodeURIComponent(terms[bust() % terms.length]!)}&minPrice=${bust()}` }),
    },
  ];
}
