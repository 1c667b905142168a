import { useLocation, useSearchParams } from "@shop/router";
import { ProductGrid } from "./ProductGrid";

/** The catalog area: home, category, product and search routes all start from the product list. */
export default function CatalogApp() {
  const { pathname } = useLocation();
  const [params] = useSearchParams();
  const query = params.get("q");
  return (
    <section>
      <h1 className="page-title">{pathname === "/search" && query ? `Results for “${query}”` : "All products"}</h1>
      {pathname === "/search" && (
        <p className="notice">Search by keyword is on its way; meanwhile, here is everything we sell.</p>
      )}
      <ProductGrid />
    </section>
  );
}
