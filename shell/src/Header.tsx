import { RemoteArea } from "@shop/federation";
import { Link, useNavigate, useSearchParams } from "@shop/router";

export const STORE_NAME = "Edge Shop";

export function Header() {
  const navigate = useNavigate();
  const [params] = useSearchParams();
  return (
    <header className="shop-header">
      <Link className="shop-brand" to="/">
        {STORE_NAME}
      </Link>
      <form
        className="shop-search"
        role="search"
        action="/search"
        onSubmit={(event) => {
          event.preventDefault();
          const q = new FormData(event.currentTarget).get("q")?.toString().trim() ?? "";
          navigate(q ? `/search?q=${encodeURIComponent(q)}` : "/search");
        }}
      >
        <input name="q" type="search" placeholder="Search products" aria-label="Search products" defaultValue={params.get("q") ?? ""} />
      </form>
      <nav className="shop-nav" aria-label="Account and cart">
        <Link to="/account">Account</Link>
        <Link to="/cart" className="shop-cart-link">
          Cart <RemoteArea module="cart/CartCount" label="Cart count" variant="widget" loading={<span className="cart-count" />} />
        </Link>
      </nav>
    </header>
  );
}
