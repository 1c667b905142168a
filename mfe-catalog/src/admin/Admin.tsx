import { Route, Routes } from "@shop/router";
import { injectCatalogStyles } from "../styles";
import { ProductEditor } from "./ProductEditor";
import { ProductList } from "./ProductList";
import { ReviewQueue } from "./ReviewQueue";

/** The catalog team's back office (the page table gives it /admin/products/* and /admin/reviews/*): products, variants, pictures, and the reviews' moderation. */
export default function CatalogAdmin() {
  injectCatalogStyles();
  return (
    <Routes>
      <Route path="/admin/products" element={<ProductList />} />
      <Route path="/admin/products/:slug" element={<ProductEditor />} />
      <Route path="/admin/reviews" element={<ReviewQueue />} />
    </Routes>
  );
}
