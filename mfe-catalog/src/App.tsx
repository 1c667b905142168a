import type { CategoryNode } from "@shop/contracts";
import { CATEGORY_TREE_URL } from "@shop/contracts/browser";
import { Route, Routes, useParams, useSearchParams } from "@shop/router";
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

function CategoryListing() {
  const { slug = "" } = useParams();
  const tree = useFetch<{ categories: CategoryNode[] }>(CATEGORY_TREE_URL);
  const name = tree.state === "ready" ? (categoryName(tree.data.categories, slug) ?? "Category not found") : "…";
  return <Listing key={slug} title={name} category={slug} />;
}

function SearchResults() {
  const q = useSearchParams()[0].get("q")?.trim();
  return <Listing title={q ? `Results for “${q}”` : "All products"} />;
}

function Product() {
  const { slug = "" } = useParams();
  return (
    <Suspense fallback={<div className="area-loading" role="status" aria-busy="true" aria-label="Loading product" />}>
      <ProductPage slug={slug} />
    </Suspense>
  );
}

/** The catalog's pages (the page table gives it /, /c/:slug, /search and /p/:slug). */
export default function CatalogApp() {
  injectCatalogStyles();
  return (
    <Routes>
      <Route path="/" element={<Home />} />
      <Route path="/c/:slug" element={<CategoryListing />} />
      <Route path="/search" element={<SearchResults />} />
      <Route path="/p/:slug" element={<Product />} />
    </Routes>
  );
}
