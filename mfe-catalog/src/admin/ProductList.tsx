import type { CatalogTerms } from "@shop/contracts";
import { formatMoney, SHOP_CURRENCY } from "@shop/contracts/browser";
import { Field, PagedTable, SearchForm, SelectField, usePagedList } from "@shop/forms";
import { Link, useSearchParams } from "@shop/router";
import { useEffect, useState } from "react";
import { fetchTerms, listProducts } from "./api";

const FILTERS = ["q", "brand", "category", "stock"] as const;
type Filters = Record<(typeof FILTERS)[number], string>;

/** The brands and categories to choose from, once per page. */
export function useTerms() {
  const [terms, setTerms] = useState<CatalogTerms | null>(null);
  useEffect(() => {
    fetchTerms().then(setTerms, () => setTerms({ brands: [], categories: [] }));
  }, []);
  return terms;
}

/** Products newest first, found by name or SKU, brand, category and stock. */
export function ProductList() {
  const [params, setParams] = useSearchParams();
  const shown = Object.fromEntries(FILTERS.map((name) => [name, params.get(name) ?? ""])) as Filters;
  const [typed, setTyped] = useState<Filters>(shown);
  const terms = useTerms();
  const chosen = Object.fromEntries(Object.entries(shown).filter(([, value]) => value));
  const paged = usePagedList((after) => listProducts(new URLSearchParams({ ...chosen, ...(after && { after }) })), JSON.stringify(chosen));
  const set = (name: keyof Filters) => (value: string) => setTyped({ ...typed, [name]: value });
  return (
    <section>
      <h1 className="page-title">Products</h1>
      <p>
        <Link className="btn" to="/admin/products/new">
          New product
        </Link>
      </p>
      <SearchForm label="Find products" onSearch={() => setParams(Object.fromEntries(Object.entries(typed).filter(([, value]) => value.trim())))}>
        <Field id="product-q" label="Name or SKU" type="search" value={typed.q} onValue={set("q")} />
        <SelectField
          id="product-brand"
          label="Brand"
          value={typed.brand}
          onChange={set("brand")}
          options={[["", "Any brand"], ...(terms?.brands.map((b): [string, string] => [b.slug, b.name]) ?? [])]}
        />
        <SelectField
          id="product-category"
          label="Category"
          value={typed.category}
          onChange={set("category")}
          options={[["", "Any category"], ...(terms?.categories.map((c): [string, string] => [c.slug, c.name]) ?? [])]}
        />
        <SelectField
          id="product-stock"
          label="Stock"
          value={typed.stock}
          onChange={set("stock")}
          options={[
            ["", "In or out of stock"],
            ["in", "In stock"],
            ["out", "Out of stock"],
          ]}
        />
        <button className="btn" type="submit">
          Show
        </button>
      </SearchForm>
      <PagedTable paged={paged} label="Products" loading="Loading products…" empty={"No product matches."}>
        {(items) => (
          <>
            <caption className="visually-hidden">Products, newest first</caption>
            <thead>
              <tr>
                <th scope="col">Product</th>
                <th scope="col">Brand</th>
                <th scope="col">Category</th>
                <th scope="col" className="number">
                  From
                </th>
                <th scope="col" className="number">
                  Variants
                </th>
                <th scope="col">Stock</th>
              </tr>
            </thead>
            <tbody>
              {items.map((product) => (
                <tr key={product.slug}>
                  <th scope="row">
                    <span className="admin-product">
                      {product.image && (
                        <img src={product.image.url} alt="" width={40} height={Math.round((40 * product.image.height) / product.image.width)} loading="lazy" />
                      )}
                      <Link to={`/admin/products/${product.slug}`}>{product.name}</Link>
                    </span>
                  </th>
                  <td>{product.brand}</td>
                  <td>{product.category}</td>
                  <td className="number">{formatMoney({ amount: product.price, currency: SHOP_CURRENCY })}</td>
                  <td className="number">{product.variants}</td>
                  <td>{product.inStock ? "In stock" : "Out of stock"}</td>
                </tr>
              ))}
            </tbody>
          </>
        )}
      </PagedTable>
    </section>
  );
}
