import type { ProductSummary } from "@shop/contracts";
import { formatMoney, PICTURE_SIZES } from "@shop/contracts/browser";
import { Link } from "@shop/router";
import { Stars } from "./Stars";
import { AddToCart, WishlistHeart } from "./widgets";

/** A product in a grid; `id` (on its link: a page opened there focuses it) names where a listing's later page starts. */
export function ProductCard({ product, eager, id }: { product: ProductSummary; eager: boolean; id?: string }) {
  const href = `/p/${product.slug}`;
  return (
    <li className="product-card" data-testid="product-card">
      <Link to={href} className="product-card__link" id={id}>
        <img
          src={product.image.url}
          srcSet={product.image.srcset}
          sizes={PICTURE_SIZES.card}
          width={product.image.width}
          height={product.image.height}
          alt={product.image.alt}
          loading={eager ? "eager" : "lazy"}
          fetchPriority={eager ? "high" : "auto"}
        />
        <span className="product-card__brand">{product.brand.name}</span>
        <h2>{product.name}</h2>
      </Link>
      <WishlistHeart slug={product.slug} name={product.name} />
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
        <AddToCart sku={product.sku} name={product.name} inStock={product.inStock} />
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
