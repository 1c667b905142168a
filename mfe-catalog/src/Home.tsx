import type { CategoryNode, ProductList } from "@shop/contracts";
import { CATEGORY_TREE_URL, catalogShelfUrl, SHELF_SIZE } from "@shop/contracts/browser";
import { useRenderedAnswer } from "@shop/federation";
import { Link } from "@shop/router";
import { useEffect, useRef, useState } from "react";
import { ProductCard, ProductCardSkeleton } from "./ProductCard";
import { useFetch } from "./useFetch";

/** True once the element comes near the viewport: below-the-fold shelves load when they are about to be seen. */
function useNearViewport<T extends Element>(eager: boolean) {
  const ref = useRef<T>(null);
  const [near, setNear] = useState(eager);
  useEffect(() => {
    if (near || !ref.current) return;
    const observer = new IntersectionObserver((entries) => entries.some((e) => e.isIntersecting) && setNear(true), { rootMargin: "400px" });
    observer.observe(ref.current);
    return () => observer.disconnect();
  }, [near]);
  return [ref, near] as const;
}

function Shelf({ title, sort, link, eager }: { title: string; sort: "newest" | "rating"; link: string; eager: boolean }) {
  // The edge renders every shelf (a page without JavaScript shows them all); in the browser a shelf
  // below the fold loads when it is about to be seen.
  const rendered = useRenderedAnswer(catalogShelfUrl(sort)) !== undefined;
  const [ref, near] = useNearViewport<HTMLElement>(eager || rendered);
  return (
    <section className="shelf" aria-labelledby={`shelf-${sort}`} ref={ref}>
      <header className="shelf__header">
        <h2 id={`shelf-${sort}`}>{title}</h2>
        <Link to={link}>See all</Link>
      </header>
      {near ? <ShelfProducts sort={sort} /> : <SkeletonGrid />}
    </section>
  );
}

const SkeletonGrid = () => (
  <ul className="product-grid">
    {Array.from({ length: SHELF_SIZE }, (_, i) => (
      // biome-ignore lint/suspicious/noArrayIndexKey: identical placeholders, never reordered
      <ProductCardSkeleton key={i} />
    ))}
  </ul>
);

function ShelfProducts({ sort }: { sort: "newest" | "rating" }) {
  const shelf = useFetch<ProductList>(catalogShelfUrl(sort));
  if (shelf.state === "error")
    return (
      <p role="alert" className="form-error">
        {shelf.error.message}
      </p>
    );
  if (shelf.state !== "ready") return <SkeletonGrid />;
  return (
    <ul className="product-grid">
      {shelf.data.items.map((p, i) => (
        <ProductCard key={p.id} product={p} eager={sort === "newest" && i < 4} />
      ))}
    </ul>
  );
}

export function Home() {
  const categories = useFetch<{ categories: CategoryNode[] }>(CATEGORY_TREE_URL);
  return (
    <div className="home">
      <section aria-labelledby="featured-categories">
        {/* The home page's title is the shop's name alone. */}
        <h1 id="featured-categories" className="page-title" data-page-title="">
          Shop by category
        </h1>
        <ul className="category-tiles">
          {categories.state === "ready"
            ? categories.data.categories.map((c) => (
                <li key={c.slug}>
                  <Link to={`/c/${c.slug}`} className="category-tile">
                    {c.name}
                  </Link>
                </li>
              ))
            : Array.from({ length: 6 }, (_, i) => (
                // biome-ignore lint/suspicious/noArrayIndexKey: identical placeholders, never reordered
                <li key={i} className="category-tile skeleton" aria-hidden="true" />
              ))}
        </ul>
      </section>
      <Shelf title="New arrivals" sort="newest" link="/search?sort=newest" eager />
      <Shelf title="Best rated" sort="rating" link="/search?sort=rating" eager={false} />
    </div>
  );
}
