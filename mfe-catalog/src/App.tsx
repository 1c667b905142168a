import { useLocation, useSearchParams } from "@shop/router";
import { lazy, Suspense, useEffect, useState } from "react";
import { fetchCategories } from "./api";
import { Home } from "./Home";
import { Listing } from "./listing/Listing";
import { injectCatalogStyles } from "./styles";

// The product page brings the HTML sanitiser; listings do not need it.
const ProductPage = lazy(() => import("./product/ProductPage"));

function CategoryListing({ slug }: { slug: string }) {
  const [name, setName] = useState<string | null>(null);
  useEffect(() => {
    const controller = new AbortController();
    fetchCategories(controller.signal).then((tree) => {
      const find = (nodes: typeof tree): string | undefined => {
        for (const n of nodes) if (n.slug === slug) return n.name;
        for (const n of nodes) {
          const found = find(n.children);
          if (found) return found;
        }
        return undefined;
      };
      setName(find(tree) ?? "Category not found");
    }, () => {});
    return () => controller.abort();
  }, [slug]);
  return <Listing key={slug} title={name ?? "…"} category={slug} />;
}

/** The catalog area: home, category listings, search results and product pages. */
export default function CatalogApp() {
  injectCatalogStyles();
  const { pathname } = useLocation();
  const [params] = useSearchParams();
  const [, area, slug] = pathname.split("/");
  if (area === "p" && slug) {
    return (
      <Suspense fallback={<div className="area-loading" aria-busy="true" aria-label="Loading product" />}>
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
