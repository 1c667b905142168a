import type { ProductDetail } from "@shop/contracts";
import { ApiRequestError, productApiUrl } from "@shop/contracts/browser";
// Its own entry: js-xss stays out of every bundle that imports the browser barrel.
import { sanitizeDescription } from "@shop/contracts/description";
import { RemoteArea } from "@shop/federation";
import { Link } from "@shop/router";
import { useMemo } from "react";
import { ProductShelf } from "../ProductShelf";
import { useFetch } from "../useFetch";

// A product page: what it is (breadcrumbs, description, details, shelves) and, each in an area of
// its own, buying it, its reviews and the shopper's recently viewed products: the parts that run
// (on a page of islands, the only parts that hydrate).

const buyingLoading = <div className="product__main area-loading" role="status" aria-busy="true" aria-label="Loading" />;

function Product({ product }: { product: ProductDetail }) {
  // A description is operator-written HTML: sanitised (here and at the edge alike), so a <script> in it never runs.
  const description = useMemo(() => sanitizeDescription(product.descriptionHtml), [product.descriptionHtml]);
  const props = { slug: product.slug };
  return (
    <article className="product" data-testid="product-page">
      <nav aria-label="Breadcrumb" className="breadcrumbs">
        <ol>
          <li>
            <Link to="/">Home</Link>
          </li>
          {product.breadcrumbs.map((c) => (
            <li key={c.slug}>
              <Link to={`/c/${c.slug}`}>{c.name}</Link>
            </li>
          ))}
        </ol>
      </nav>
      <RemoteArea module="catalog/ProductBuying" label="Buying this product" variant="widget" loading={buyingLoading} props={props} />
      <section className="product__details">
        <h2>About this product</h2>
        {/* biome-ignore lint/security/noDangerouslySetInnerHtml: sanitised above (sanitize.ts: an allow-list of tags and attributes) */}
        <div className="product__description" data-testid="description" dangerouslySetInnerHTML={{ __html: description }} />
        <table className="attributes">
          <tbody>
            {Object.entries(product.attributes).map(([name, value]) => (
              <tr key={name}>
                <th scope="row">{name}</th>
                <td>{value}</td>
              </tr>
            ))}
          </tbody>
        </table>
      </section>
      <RemoteArea module="catalog/ProductReviews" label="Reviews" variant="widget" loading={null} props={props} />
      <ProductShelf id="bought-together" title="Frequently bought together" products={product.boughtTogether} />
      <ProductShelf id="more-like-this" title={`More ${product.category.name.toLowerCase()} like this`} products={product.related} />
      <RemoteArea module="catalog/RecentlyViewed" label="Recently viewed" variant="widget" loading={null} props={props} />
    </article>
  );
}

export default function ProductPage({ slug }: { slug: string }) {
  const result = useFetch<ProductDetail>(productApiUrl(slug));
  if (result.state === "loading") return <div className="area-loading" role="status" aria-busy="true" aria-label="Loading product" />;
  if (result.state === "error") {
    if (result.error instanceof ApiRequestError && result.error.status === 404) {
      return (
        <section className="not-found">
          <h1>We could not find that product</h1>
          <p>It may have been removed, or the link may be wrong.</p>
          <Link to="/">Continue shopping</Link>
        </section>
      );
    }
    return (
      <p role="alert" className="form-error">
        {result.error.message}
      </p>
    );
  }
  return <Product key={result.data.slug} product={result.data} />;
}
