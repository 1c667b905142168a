import type { ProductList } from "@shop/contracts";
import { pageFromQuery } from "@shop/contracts/browser";
import { useEffect, useState } from "react";
import { useSearchParams } from "@shop/router";
import { fetchProducts } from "./api";
import { ProductCard } from "./ProductCard";

export function ProductGrid() {
  const [params, setParams] = useSearchParams();
  const page = pageFromQuery(params.get("page"));
  const [list, setList] = useState<ProductList | null>(null);
  const [error, setError] = useState<string | null>(null);

  useEffect(() => {
    const controller = new AbortController();
    setError(null);
    fetchProducts(page, controller.signal).then(setList, (err: Error) => {
      if (!controller.signal.aborted) setError(err.message);
    });
    return () => controller.abort();
  }, [page]);

  if (error) return <p role="alert" className="form-error">{error}</p>;
  if (!list) return <div className="area-loading" aria-busy="true" aria-label="Loading products" />;
  const pages = Math.max(1, Math.ceil(list.total / list.limit));
  return (
    <>
      <p>{list.total} products</p>
      <ul className="product-grid">
        {list.items.map((product, i) => (
          <ProductCard key={product.id} product={product} eager={i < 4} />
        ))}
      </ul>
      {pages > 1 && (
        <nav className="pager" aria-label="Pages">
          <button type="button" className="btn btn-secondary" disabled={page <= 1} onClick={() => setParams({ page: String(page - 1) })}>
            Previous
          </button>
          <span>
            Page {page} of {pages}
          </span>
          <button type="button" className="btn btn-secondary" disabled={page >= pages} onClick={() => setParams({ page: String(page + 1) })}>
            Next
          </button>
        </nav>
      )}
    </>
  );
}
