import { PAGES, RemoteArea } from "@shop/federation";
import { Route, Routes } from "@shop/router";
import { Header, STORE_NAME } from "./Header";
import { NotFound } from "./NotFound";
import { PreviewNotice } from "./PreviewNotice";
import { usePageFocusAndTitle } from "./pageFocus";

const pageLoading = <div className="area-loading" role="status" aria-busy="true" aria-label="Loading" />;

export default function App() {
  usePageFocusAndTitle(STORE_NAME);
  return (
    <>
      <Header />
      <main id="main" className="shop-main" tabIndex={-1}>
        <Routes>
          {/* The page table's pages; pages of one module share its area, which stays as the shopper moves between them. */}
          {PAGES.map((page) => (
            <Route key={page.path} path={page.path} element={<RemoteArea module={page.module} label={page.label} loading={pageLoading} />} />
          ))}
          <Route path="*" element={<NotFound />} />
        </Routes>
      </main>
      <footer className="shop-footer">Prices include no tax until checkout. Free returns within 30 days.</footer>
      <PreviewNotice />
    </>
  );
}
