import type { ProductSummary } from "@shop/contracts";
import { type AddToCartButtonProps, formatMoney, type WishlistHeartProps } from "@shop/contracts/browser";
import { RemoteArea } from "@shop/federation";
import { Link } from "@shop/router";
import { Stars } from "./Stars";

export function ProductCard({ product, eager }: { product: ProductSummary; eager: boolean }) {
  const href = `/p/${product.slug}`;
  return (
    <li className="product-card" data-testid="product-card">
      <Link to={href} className="product-card__link">
        <img
          src={product.image.url}
          width={product.image.width}
          height={product.image.height}
          alt={product.image.alt}
          loading={eager ? "eager" : "lazy"}
          fetchPriority={eager ? "high" : "auto"}
        />
        <span className="product-card__brand">{product.brand.name}</span>
        <h2>{product.name}</h2>
      </Link>
      <RemoteArea<WishlistHeartProps>
        module="account/WishlistHeart"
        label="Wishlist"
        variant="widget"
        loading={null}
        props={{ slug: product.slug, name: product.name }}
      />
      <Stars rating={product.rating} />
      <span>
        <span className="price">{formatMoney(product.price)}</span>{" "}
        {product.compareAtPrice && <s className="compare-at">{formatMoney(product.compareAtPrice)}</s>}
      </span>
      {/* A single product's button says it is out of stock; one with options says it here. */}
      {!product.inStock && product.variantCount > 1 && <span className="stock-out">Out of stock</span>}
      {product.variantCount > 1 ? (
        <Link className="btn btn-secondary" to={href} aria-label={`Choose options for ${product.name}`}>
          Choose options
        </Link>
      ) : (
        <RemoteArea<AddToCartButtonProps>
          module="cart/AddToCartButton"
          label="Add to cart"
          variant="widget"
          loading={
            <button type="button" className="btn" disabled>
              Add to cart
            </button>
          }
          props={{ sku: product.sku, name: product.name, inStock: product.inStock }}
        />
      )}
    </li>
  );
}

export function ProductCardSkeleton() {
  return (
    <li className="product-card product-card--skeleton" aria-hidden="true">
      <div className="skeleton skeleton--image" />
      <div className="skeleton skeleton--line" />
      <div className="skeleton skeleton--line skeleton--short" />
    </li>
  );
}
