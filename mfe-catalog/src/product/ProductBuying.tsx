import type { ProductDetail, Variant } from "@shop/contracts";
import { formatMoney, PICTURE_SIZES, productApiUrl } from "@shop/contracts/browser";
import { useSearchParams } from "@shop/router";
import { useEffect, useState } from "react";
import { Stars } from "../Stars";
import { useFetch } from "../useFetch";
import { AddToCart, WishlistHeart } from "../widgets";
import { rememberViewed } from "./RecentlyViewed";
import { RestockAlert } from "./RestockAlert";

// Buying a product: its pictures, its options, price and stock, Add to cart and the wishlist heart.
// An area of its own (`catalog/ProductBuying`): on a page of islands, the part of the product page
// that hydrates at the shopper's first touch.

const LOW_STOCK = 5;

function StockBadge({ available }: { available: number }) {
  if (available === 0) return <span className="badge badge--out">Out of stock</span>;
  if (available <= LOW_STOCK) return <span className="badge badge--low">Only {available} left</span>;
  return <span className="badge badge--in">In stock</span>;
}

function pickVariant(product: ProductDetail, chosen: Record<string, string>): Variant | undefined {
  return product.variants.find((v) => product.options.every((o) => v.options[o] === chosen[o]));
}

/** The product's pictures, showing the chosen variant (its colour). */
function Gallery({ images }: { images: ProductDetail["images"] }) {
  const [index, setIndex] = useState(0);
  const image = images[index] ?? images[0];
  if (!image) return null;
  return (
    <div className="gallery">
      <img
        className="gallery__main"
        src={image.url}
        srcSet={image.srcset}
        sizes={PICTURE_SIZES.product}
        width={image.width}
        height={image.height}
        alt={image.alt}
        fetchPriority="high"
      />
      {images.length > 1 && (
        <ul className="gallery__thumbs" aria-label="More images">
          {images.map((img, i) => (
            <li key={img.url}>
              <button type="button" aria-label={`Show image ${i + 1}`} aria-pressed={i === index} onClick={() => setIndex(i)}>
                <img src={img.url} srcSet={img.srcset} sizes="64px" width={img.width} height={img.height} alt="" loading="lazy" />
              </button>
            </li>
          ))}
        </ul>
      )}
    </div>
  );
}

function Buying({ product }: { product: ProductDetail }) {
  // biome-ignore lint/correctness/useExhaustiveDependencies: once per product shown
  useEffect(() => void rememberViewed(product), [product.slug]);
  // The chosen variant lives in the URL (`?sku=`), so a shared link shows the same colour and size;
  // without JavaScript the options form sends each option by name (`?colour=Red&size=M`).
  const [params, setParams] = useSearchParams();
  const linked =
    product.variants.find((v) => v.sku === params.get("sku")) ?? pickVariant(product, Object.fromEntries(product.options.map((o) => [o, params.get(o) ?? ""])));
  const firstAvailable = product.variants.find((v) => v.available > 0) ?? product.variants[0];
  const [chosen, setChosen] = useState<Record<string, string>>((linked ?? firstAvailable)?.options ?? {});
  const variant = pickVariant(product, chosen);
  const choose = (option: string, value: string) => {
    const next = { ...chosen, [option]: value };
    setChosen(next);
    const sku = pickVariant(product, next)?.sku;
    const changed = new URLSearchParams(params);
    if (sku) changed.set("sku", sku);
    else changed.delete("sku");
    setParams(changed, { replace: true, preventScrollReset: true });
  };
  const values = (option: string) => [...new Set(product.variants.map((v) => v.options[option]).filter((v): v is string => Boolean(v)))];

  return (
    <div className="product__main">
      <Gallery images={(variant ?? firstAvailable)?.images ?? product.images} />
      <div className="product__buy">
        <p className="product__brand">{product.brand.name}</p>
        <h1 className="page-title">{product.name}</h1>
        <Stars rating={product.rating} />
        <p className="product__price" aria-live="polite">
          {variant ? (
            <>
              <span className="price" data-testid="variant-price">
                {formatMoney(variant.price)}
              </span>{" "}
              {variant.compareAtPrice && <s className="compare-at">{formatMoney(variant.compareAtPrice)}</s>}
            </>
          ) : (
            "This combination is not available"
          )}
        </p>
        <form method="get" className="product__options" onSubmit={(event) => event.preventDefault()}>
          {product.options.map((option) => (
            <fieldset key={option} className="option">
              <legend>
                {option[0]!.toUpperCase() + option.slice(1)}: <strong>{chosen[option]}</strong>
              </legend>
              {values(option).map((value) => {
                const candidate = pickVariant(product, { ...chosen, [option]: value });
                return (
                  <label key={value} className={`option__value${candidate?.available ? "" : " option__value--out"}`}>
                    <input type="radio" name={option} value={value} checked={chosen[option] === value} onChange={() => choose(option, value)} />
                    {value}
                  </label>
                );
              })}
            </fieldset>
          ))}
          {product.options.length > 0 && (
            <noscript>
              <button type="submit" className="btn btn-secondary">
                Show this choice
              </button>
            </noscript>
          )}
        </form>
        {variant && (
          <p className="product__stock" aria-live="polite">
            <StockBadge available={variant.available} /> <span className="product__sku">{variant.sku}</span>
          </p>
        )}
        <AddToCart
          key={variant?.sku}
          sku={variant?.sku ?? ""}
          name={product.name}
          inStock={Boolean(variant && variant.available > 0)}
          available={variant?.available ?? 0}
          showCart
        />
        {variant && variant.available === 0 && (
          <RestockAlert
            key={variant.sku}
            sku={variant.sku}
            name={product.options.length ? `${product.name} (${product.options.map((o) => variant.options[o]).join(", ")})` : product.name}
          />
        )}
        <WishlistHeart slug={product.slug} name={product.name} />
      </div>
    </div>
  );
}

export default function ProductBuying({ slug }: { slug: string }) {
  const result = useFetch<ProductDetail>(productApiUrl(slug));
  return result.state === "ready" ? <Buying key={result.data.slug} product={result.data} /> : null;
}
