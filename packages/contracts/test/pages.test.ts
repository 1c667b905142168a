import { describe, expect, it } from "vitest";
import { catalogShelfUrl, HEADER_ISLANDS, HEADER_WIDGETS, listingApiUrl, matchPage, PAGES, pageIslands, pageWidgets } from "../src/browser";

const pageOf = (path: string) => {
  const url = new URL(path, "http://shop.test");
  const found = matchPage(url.pathname, url.searchParams);
  return (
    found && {
      module: found.page.module,
      params: found.match.params,
      render: found.page.render,
      data: found.page.data?.(found.match) ?? [],
      widgets: pageWidgets(found.page, found.match),
    }
  );
};

describe("the page table", () => {
  it.each([
    ["/", "catalog/App", {}, "edge"],
    ["/c/shoes", "catalog/App", { slug: "shoes" }, "edge"],
    ["/c/shoes/", "catalog/App", { slug: "shoes" }, "edge"],
    ["/search", "catalog/App", {}, "edge"],
    ["/p/trail-runner-0000042", "catalog/App", { slug: "trail-runner-0000042" }, "edge"],
    ["/cart", "cart/CartPage", {}, "edge"],
    ["/checkout", "checkout/App", { "*": "" }, "browser"],
    ["/checkout/payment", "checkout/App", { "*": "payment" }, "browser"],
    ["/orders/A1B2C3", "checkout/App", { "*": "A1B2C3" }, "browser"],
    ["/account", "account/App", { "*": "" }, "browser"],
    ["/account/orders/7", "account/App", { "*": "orders/7" }, "browser"],
  ])("%s is %s's, rendered %s", (path, module, params, render) => {
    expect(pageOf(path)).toMatchObject({ module, params, render });
  });

  it.each(["/p", "/p/a/b", "/c", "/nope", "/cart/extra"])("%s is no page (404)", (path) => {
    expect(pageOf(path)).toBeUndefined();
  });

  it("says which widgets and data each page starts with", () => {
    expect(pageOf("/p/x")).toMatchObject({
      widgets: ["catalog/ProductBuying", "cart/AddToCartButton", "account/WishlistHeart"],
      data: ["/api/catalog/products/x"],
    });
    expect(pageOf("/")!.data).toEqual(["/api/catalog/categories", catalogShelfUrl("newest")]);
    expect(pageOf("/checkout")!.widgets).toEqual(["cart/CartSummary"]);
    expect(pageOf("/checkout/shipping")!.widgets).toEqual(["cart/CartSummary"]);
    expect(pageOf("/checkout/payment")!.widgets).toEqual([]);
  });

  it("says which pages are islands, and when each island loads; the header's widgets are islands there too", () => {
    const islands = pageIslands(matchPage("/p/x")!.page)!;
    expect(islands).toMatchObject({
      "catalog/ProductBuying": "interaction",
      "catalog/ProductReviews": "visible",
      "catalog/RecentlyViewed": "visible",
      "cart/MiniCart": "with-its-remote",
    });
    expect(Object.keys(HEADER_ISLANDS).sort()).toEqual([...HEADER_WIDGETS].sort());
    for (const module of HEADER_WIDGETS) expect(islands[module]).toBe(HEADER_ISLANDS[module]);
    // Home and the listings: their cards' widgets; the listings' filters, sort and filters in use.
    const cards = { "cart/AddToCartButton": "interaction", "account/WishlistHeart": "interaction" };
    expect(pageIslands(matchPage("/")!.page)).toEqual({ ...HEADER_ISLANDS, ...cards });
    for (const path of ["/c/shoes", "/search"])
      expect(pageIslands(matchPage(path)!.page)).toEqual({
        ...HEADER_ISLANDS,
        ...cards,
        "catalog/FiltersDrawer": "interaction",
        "catalog/Facets": "interaction",
        "catalog/ListingSort": "interaction",
        "catalog/ActiveFilters": "interaction",
        "catalog/NoResults": "visible",
      });
    // Hydrated whole (or rendered in the browser): no islands.
    for (const path of ["/cart", "/checkout", "/account", "/admin"]) expect(pageIslands(matchPage(path)!.page)).toBeUndefined();
  });

  it("declares each path once", () => {
    expect(new Set(PAGES.map((p) => p.path)).size).toBe(PAGES.length);
  });
});

describe("listing API requests from a page's URL", () => {
  const api = (search: string, category?: string) => listingApiUrl(new URLSearchParams(search), category, 1);

  it("passes the filters through and drops what the API does not take", () => {
    expect(api("q=rain jacket&sort=price_asc&utm_source=x&page=4")).toBe("/api/catalog/products?q=rain+jacket&sort=price_asc&page=1");
    expect(api("brand=kestrel", "shoes")).toBe("/api/catalog/products?brand=kestrel&category=shoes&page=1");
  });

  it("reads a filter form sent without JavaScript: several brands, a price bucket by key", () => {
    expect(api("brand=kestrel&brand=juniper&price=25-50")).toBe("/api/catalog/products?brand=kestrel%2Cjuniper&minPrice=2500&maxPrice=4999&page=1");
    expect(api("price=under-25")).toBe("/api/catalog/products?maxPrice=2499&page=1");
    expect(api("price=over-250")).toBe("/api/catalog/products?minPrice=25000&page=1");
    // An unknown bucket is no filter; explicit bounds still are.
    expect(api("price=cheap&minPrice=100")).toBe("/api/catalog/products?minPrice=100&page=1");
  });
});
