import type { CategoryNode } from "@shop/contracts";
import { CATEGORY_TREE_URL } from "@shop/contracts/browser";
import { useLocation, useSearchParams } from "@shop/router";
import { lazy, Suspense } from "react";
import { Home } from "./Home";
import { Listing } from "./listing/Listing";
import { injectCatalogStyles } from "./styles";
import { useFetch } from "./useFetch";

// The product page brings the HTML sanitiser; listings do not need it.
const ProductPage = lazy(() => import("./product/ProductPage"));

function categoryName(nodes: CategoryNode[], slug: string): string | undefined {
  for (const node of nodes) if (node.slug === slug) return node.name;
  for (const node of nodes) {
    const found = categoryName(node.children, slug);
    if (found) return found;
  }
  return undefined;
}

function CategoryListing({ slug }: { slug: string }) {
  const tree = useFetch<{ categories: CategoryNode[] }>(CATEGORY_TREE_URL);
  const name = tree.state === "ready" ? (categoryName(tree.data.categories, slug) ?? "Category not found") : "…";
  return <Listing key={slug} title={name} category={slug} />;
}

/** The catalog area: home, category listings, search results and product pages. */
export default function CatalogApp() {
  injectCatalogStyles();
  const { pathname } = useLocation();
  const [params] = useSearchParams();
  const [, area, slug] = pathname.split("/");
  if (area === "p" && slug) {
    return (
      <Suspense fallback={<div className="area-loading" role="status" aria-busy="true" aria-label="Loading product" />}>
        <ProductPage slug={decodeURIComponent(slug)} />
      </Suspense>
    );
  }
  if (area === "c" && slug) return <CategoryListing slug={decodeURIComponent(slug)} />;
  if (area === "search") {
    const q = params.get("q")?.trim();
    return <Listing title={q ? `Results for “${q}”` : "All products"} />;
  }
  return <Home />;
}
