import { RemoteArea } from "@shop/federation";
import { Link } from "@shop/router";

export const STORE_NAME = "Edge Shop";

/** Until the catalog's search box arrives (or if it cannot), a plain search form that still works. */
const plainSearch = (
  // biome-ignore lint/a11y/useSemanticElements: a form with role="search" is the landmark every browser and reader knows
  <form className="shop-search" role="search" action="/search">
    <input name="q" type="search" placeholder="Search products" aria-label="Search products" />
  </form>
);

export function Header() {
  return (
    <header className="shop-header">
      <a className="skip-link" href="#main">
        Skip to main content
      </a>
      <Link className="shop-brand" to="/">
        {STORE_NAME}
      </Link>
      <RemoteArea module="catalog/SearchBox" label="Search" variant="widget" loading={plainSearch} />
      <nav className="shop-nav" aria-label="Account and cart">
        {/* Until the account's menu arrives, a plain link to the account pages. */}
        <RemoteArea module="account/AccountMenu" label="Your account" variant="widget" loading={<Link to="/account">Account</Link>} />
        {/* Until the cart's mini-cart arrives, a plain link to the cart page. */}
        <RemoteArea module="cart/MiniCart" label="The cart" variant="widget" loading={<Link to="/cart">Cart</Link>} />
      </nav>
    </header>
  );
}
