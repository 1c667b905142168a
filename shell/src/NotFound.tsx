import { Link } from "@shop/router";

export function NotFound() {
  return (
    <section className="not-found">
      <h1>Page not found</h1>
      <p>We could not find that page. It may have moved, or the link may be wrong.</p>
      <Link to="/">Continue shopping</Link>
    </section>
  );
}
