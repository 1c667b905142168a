import { matchPage, RemoteArea } from "@shop/federation";
import { useLocation } from "@shop/router";
import { Header, STORE_NAME } from "./Header";
import { NotFound } from "./NotFound";
import { PreviewNotice } from "./PreviewNotice";
import { usePageFocusAndTitle } from "./pageFocus";
import { useScrollPlaces } from "./scrollPlaces";

const pageLoading = <div className="area-loading" role="status" aria-busy="true" aria-label="Loading" />;

/**
 * What a page that only the browser renders (checkout, the account) shows before its code runs, and
 * says plainly when scripts are off: which part needs JavaScript, and what works without it.
 */
const browserPageLoading = (label: string) => (
  <div className="area-loading" role="status" aria-busy="true" aria-label="Loading">
    <noscript>
      <div className="notice notice--error">
        <p>
          <strong>{label} needs JavaScript.</strong> Turn JavaScript on in your browser to continue here.
        </p>
        <p>
          Browsing, search and the cart work without it: <a href="/">back to the shop</a> or <a href="/cart">your cart</a>.
        </p>
      </div>
    </noscript>
  </div>
);

/**
 * The page table decides which remote's module renders the main area, as it does at the edge; the
 * module routes its own pages with `<Routes>` from there. Pages of one module share its area, which
 * stays as the shopper moves between them.
 */
function PageArea() {
  const { pathname } = useLocation();
  const page = matchPage(pathname)?.page;
  if (!page) return <NotFound />;
  return <RemoteArea module={page.module} label={page.label} loading={page.render === "browser" ? browserPageLoading(page.label) : pageLoading} />;
}

export default function App() {
  usePageFocusAndTitle(STORE_NAME);
  useScrollPlaces();
  return (
    <>
      <Header />
      <main id="main" className="shop-main" tabIndex={-1}>
        <PageArea />
      </main>
      <footer className="shop-footer">Tax is estimated in the cart and charged by destination at checkout. Free returns within 30 days.</footer>
      <PreviewNotice />
    </>
  );
}
