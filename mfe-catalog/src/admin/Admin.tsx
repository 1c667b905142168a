import { Route, Routes } from "@shop/router";
import { injectCatalogStyles } from "../styles";
import { ProductEditor } from "./ProductEditor";
import { ProductList } from "./ProductList";

/** The catalog team's back office (the page table gives it /admin/products/*): products, variants, pictures. */
export default function CatalogAdmin() {
  injectCatalogStyles();
  return (
    <Routes>
      <Route path="/admin/products" element={<ProductList />} />
      <Route path="/admin/products/:slug" element={<ProductEditor />} />
    </Routes>
  );
}
