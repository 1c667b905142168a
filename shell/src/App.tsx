import { matchPage, RemoteArea } from "@shop/federation";
import { useLocation } from "@shop/router";
import { type ReactNode, Suspense, useSyncExternalStore } from "react";
import { BackOfficeFrame } from "./back-office/Frame";
import { SHELL_PAGES } from "./back-office/pages";
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
  const loading = page.render === "browser" ? browserPageLoading(page.label) : pageLoading;
  const area = SHELL_PAGES[page.module] ? (
    <ShellPage module={page.module} loading={loading} />
  ) : (
    <RemoteArea module={page.module} label={page.label} loading={loading} />
  );
  return page.backOffice ? <BackOfficeFrame>{area}</BackOfficeFrame> : area;
}

const subscribeNothing = () => () => {};

/** One of the shell's own pages (the platform's back office), rendered in the browser only, as a remote's browser page is. */
function ShellPage({ module, loading }: { module: string; loading: ReactNode }) {
  const inBrowser = useSyncExternalStore(
    subscribeNothing,
    () => true,
    () => false,
  );
  const Page = SHELL_PAGES[module]!;
  return inBrowser ? (
    <Suspense fallback={loading}>
      <Page />
    </Suspense>
  ) : (
    loading
  );
}

export default function App() {
  const backOffice = Boolean(matchPage(useLocation().pathname)?.page.backOffice);
  usePageFocusAndTitle(STORE_NAME);
  useScrollPlaces();
  return (
    <>
      <Header />
      <main id="main" className="shop-main" tabIndex={-1}>
        <PageArea />
      </main>
      {!backOffice && (
        <footer className="shop-footer">Tax is estimated in the cart and charged by destination at checkout. Free returns within 30 days.</footer>
      )}
      <PreviewNotice />
    </>
  );
}
