import type { Image, Money, ProductDetail } from "@shop/contracts";
import { formatMoney, productApiUrl } from "@shop/contracts/browser";
import { Link } from "@shop/router";
import { useEffect, useState } from "react";
import { useFetch } from "../useFetch";

// The products this browser looked at last, newest first: kept in its own storage (no server state,
// no cookie), shown on product pages once the page runs. Nothing of it reaches the shop.

const KEY = "shop:recently-viewed";
const KEPT = 12;
const SHOWN = 6;
const SLUG = /^[a-z0-9]+(?:-[a-z0-9]+)*$/;

interface Seen {
  slug: string;
  name: string;
  image: Pick<Image, "url" | "width" | "height"> | null;
  price: Money | null;
}

/** What storage holds, trusting nothing of it: another tab, an older version or a person may have written it. */
function readSeen(): Seen[] {
  try {
    const stored: unknown = JSON.parse(localStorage.getItem(KEY) ?? "[]");
    if (!Array.isArray(stored)) return [];
    return stored.filter(
      (s): s is Seen =>
        typeof s?.slug === "string" &&
        SLUG.test(s.slug) &&
        typeof s.name === "string" &&
        (s.image === null || (typeof s.image?.url === "string" && s.image.url.startsWith("/") && !s.image.url.startsWith("//"))) &&
        (s.price === null || (Number.isInteger(s.price?.amount) && typeof s.price.currency === "string")),
    );
  } catch {
    return [];
  }
}

/**
 * Remembers that the shopper looked at this product (on a page of islands: once they touch its
 * buying part or read to the page's end), and says what they looked at before it.
 */
export function rememberViewed(product: ProductDetail): Seen[] {
  const before = readSeen().filter((s) => s.slug !== product.slug);
  const image = product.images[0];
  const now: Seen = {
    slug: product.slug,
    name: product.name,
    image: image ? { url: image.url, width: image.width, height: image.height } : null,
    price: product.variants[0]?.price ?? null,
  };
  try {
    localStorage.setItem(KEY, JSON.stringify([now, ...before].slice(0, KEPT)));
  } catch {
    // Storage full or refused (private browsing): the list is a nicety.
  }
  return before;
}

function RecentlyViewed({ product }: { product: ProductDetail }) {
  const [seen, setSeen] = useState<Seen[]>([]);
  // biome-ignore lint/correctness/useExhaustiveDependencies: once per product shown
  useEffect(() => setSeen(rememberViewed(product).slice(0, SHOWN)), [product.slug]);
  if (seen.length === 0) return null;
  return (
    <section aria-labelledby="recently-viewed" data-testid="recently-viewed">
      <h2 id="recently-viewed">Recently viewed</h2>
      <ul className="recently-viewed">
        {seen.map((s) => (
          <li key={s.slug}>
            <Link to={`/p/${s.slug}`}>
              {s.image && <img src={s.image.url} width={s.image.width} height={s.image.height} alt="" loading="lazy" />}
              <span>{s.name}</span>
            </Link>
            {s.price && <span className="price">{formatMoney(s.price)}</span>}
          </li>
        ))}
      </ul>
    </section>
  );
}

/**
 * An area of its own (`catalog/RecentlyViewed`): on a page of islands, it hydrates (and records this
 * product) when the end of the page comes into view. Its box is always there, empty at the edge, so
 * that can be seen.
 */
export default function RecentlyViewedArea({ slug }: { slug: string }) {
  const result = useFetch<ProductDetail>(productApiUrl(slug));
  return <div className="recently-viewed-area">{result.state === "ready" && <RecentlyViewed key={result.data.slug} product={result.data} />}</div>;
}
