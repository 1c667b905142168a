import type { ProductSummary } from "@shop/contracts";
import { RemoteArea } from "@shop/federation";
import type { AddToCartButtonProps } from "@shop/contracts/browser";

const formatPrice = (p: ProductSummary["price"]) =>
  new Intl.NumberFormat("en-US", { style: "currency", currency: p.currency }).format(p.amount / 100);

export function ProductCard({ product, eager }: { product: ProductSummary; eager: boolean }) {
  return (
    <li className="product-card" data-testid="product-card">
      <img
        src={product.image.url}
        width={product.image.width}
        height={product.image.height}
        alt={product.name}
        loading={eager ? "eager" : "lazy"}
        fetchPriority={eager ? "high" : "auto"}
      />
      <h2>{product.name}</h2>
      <span className="price">{formatPrice(product.price)}</span>
      {!product.inStock && <span className="stock-out">Out of stock</span>}
      <RemoteArea<AddToCartButtonProps>
        module="cart/AddToCartButton"
        label="Add to cart"
        variant="widget"
        loading={<button type="button" className="btn" disabled>Add to cart</button>}
        props={{ sku: product.sku, name: product.name, inStock: product.inStock }}
      />
    </li>
  );
}
