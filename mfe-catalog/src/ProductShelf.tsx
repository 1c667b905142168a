import type { ProductSummary } from "@shop/contracts";
import { ProductCard } from "./ProductCard";
import { useCartProducts } from "./useCartProducts";

/** A titled row of product cards that suggest something: never what the cart holds already; nothing at all when none is left. */
export function ProductShelf({ id, title, products }: { id: string; title: string; products: ProductSummary[] }) {
  const inCart = useCartProducts();
  const shown = products.filter((p) => !inCart.has(p.slug));
  if (shown.length === 0) return null;
  return (
    <section aria-labelledby={id} data-testid={id}>
      <h2 id={id}>{title}</h2>
      <ul className="product-grid">
        {shown.map((p) => (
          <ProductCard key={p.id} product={p} eager={false} />
        ))}
      </ul>
    </section>
  );
}
