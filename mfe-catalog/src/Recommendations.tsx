import type { Recommendations as Suggested } from "@shop/contracts";
import { type RecommendationsProps, recommendationsApiUrl } from "@shop/contracts/browser";
import { ProductShelf } from "./ProductShelf";
import { injectCatalogStyles } from "./styles";
import { useFetch } from "./useFetch";

/** What goes with a set of products, for other remotes' pages (the cart's): exposed as catalog/Recommendations. */
export default function Recommendations({ products }: RecommendationsProps) {
  injectCatalogStyles();
  const result = useFetch<Suggested>(recommendationsApiUrl(products));
  if (products.length === 0 || result.state !== "ready") return null;
  return <ProductShelf id="bought-together" title="Frequently bought together" products={result.data.items.filter((p) => !products.includes(p.slug))} />;
}
