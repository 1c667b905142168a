import type { AppConfig } from "@shop/build-preset";

const storefront = {
  "./AddToCartButton": "./src/AddToCartButton.tsx",
  "./MiniCart": "./src/MiniCart.tsx",
  "./CartSummary": "./src/CartSummary.tsx",
  "./CartPage": "./src/CartPage.tsx",
};

// Every storefront module of the cart renders at the edge as well as in the browser; its back
// office (coupons) only in the browser, and only on its pages.
export default { name: "cart", exposes: { ...storefront, "./Admin": "./src/admin/Admin.tsx" }, edgeRendered: storefront } satisfies AppConfig;
