import type { AppConfig } from "@shop/build-preset";

const storefront = {
  "./App": "./src/App.tsx",
  "./SearchBox": "./src/SearchBox.tsx",
  "./Recommendations": "./src/Recommendations.tsx",
  // The product page's parts that run: on a page of islands, each hydrates on its own.
  "./ProductBuying": "./src/product/ProductBuying.tsx",
  "./ProductReviews": "./src/product/ProductReviews.tsx",
  "./RecentlyViewed": "./src/product/RecentlyViewed.tsx",
  // A listing's parts that run, likewise.
  "./Facets": "./src/listing/Facets.tsx",
  "./ListingSort": "./src/listing/Sort.tsx",
  "./ActiveFilters": "./src/listing/ActiveFilters.tsx",
  "./FiltersDrawer": "./src/listing/FiltersDrawer.tsx",
  "./NoResults": "./src/listing/NoResults.tsx",
};

// Every storefront page and widget of the catalog renders at the edge as well as in the browser; its
// back office (products) only in the browser, and only on its pages.
export default { name: "catalog", exposes: { ...storefront, "./Admin": "./src/admin/Admin.tsx" }, edgeRendered: storefront } satisfies AppConfig;
