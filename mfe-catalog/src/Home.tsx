import type { ProductList } from "@shop/contracts";
import { SHELF_SIZE } from "@shop/contracts/browser";
import { Link } from "@shop/router";
import { fetchCategories, fetchShelf } from "./api";
import { ProductCard, ProductCardSkeleton } from "./ProductCard";
import { useFetch } from "./useFetch";

function Shelf({ title, sort, link }: { title: string; sort: "newest" | "rating"; link: string }) {
  const shelf = useFetch<ProductList>(`shelf:${sort}`, (signal) => fetchShelf(sort, signal));
  return (
    <section className="shelf" aria-labelledby={`shelf-${sort}`}>
      <header className="shelf__header">
        <h2 id={`shelf-${sort}`}>{title}</h2>
        <Link to={link}>See all</Link>
      </header>
      {shelf.state === "error" ? (
        <p role="alert" className="form-error">{shelf.error.message}</p>
      ) : (
        <ul className="product-grid">
          {shelf.state === "ready"
            ? shelf.data.items.map((p, i) => <ProductCard key={p.id} product={p} eager={sort === "newest" && i < 4} />)
            : Array.from({ length: SHELF_SIZE }, (_, i) => <ProductCardSkeleton key={i} />)}
        </ul>
      )}
    </section>
  );
}

export function Home() {
  const categories = useFetch("categories", fetchCategories);
  return (
    <div className="home">
      <section aria-labelledby="featured-categories">
        <h1 id="featured-categories" className="page-title">Shop by category</h1>
        <ul className="category-tiles">
          {categories.state === "ready"
            ? categories.data.map((c) => (
                <li key={c.slug}>
                  <Link to={`/c/${c.slug}`} className="category-tile">
                    {c.name}
                  </Link>
                </li>
              ))
            : Array.from({ length: 6 }, (_, i) => <li key={i} className="category-tile skeleton" aria-hidden="true" />)}
        </ul>
      </section>
      <Shelf title="New arrivals" sort="newest" link="/search?sort=newest" />
      <Shelf title="Best rated" sort="rating" link="/search?sort=rating" />
    </div>
  );
}
