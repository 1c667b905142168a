import { RemoteArea } from "@shop/federation";
import { Route, Routes } from "@shop/router";
import { Header, STORE_NAME } from "./Header";
import { NotFound } from "./NotFound";
import { PreviewNotice } from "./PreviewNotice";
import { usePageFocusAndTitle } from "./pageFocus";

const pageLoading = <div className="area-loading" aria-busy="true" aria-label="Loading" />;

const catalog = <RemoteArea module="catalog/App" label="The catalog" loading={pageLoading} />;
const checkout = <RemoteArea module="checkout/App" label="Checkout" loading={pageLoading} />;

export function App() {
  usePageFocusAndTitle(STORE_NAME);
  return (
    <>
      <Header />
      <main id="main" className="shop-main" tabIndex={-1}>
        <Routes>
          <Route path="/" element={catalog} />
          <Route path="/c/*" element={catalog} />
          <Route path="/p/*" element={catalog} />
          <Route path="/search" element={catalog} />
          <Route path="/cart" element={<RemoteArea module="cart/CartPage" label="Your cart" loading={pageLoading} />} />
          <Route path="/checkout/*" element={checkout} />
          <Route path="/orders/*" element={checkout} />
          <Route path="/account/*" element={<RemoteArea module="account/App" label="Your account" loading={pageLoading} />} />
          <Route path="*" element={<NotFound />} />
        </Routes>
      </main>
      <footer className="shop-footer">Prices include no tax until checkout. Free returns within 30 days.</footer>
      <PreviewNotice />
    </>
  );
}
