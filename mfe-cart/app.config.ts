import type { AppConfig } from "@shop/build-preset";

const exposes = {
  "./AddToCartButton": "./src/AddToCartButton.tsx",
  "./MiniCart": "./src/MiniCart.tsx",
  "./CartSummary": "./src/CartSummary.tsx",
  "./CartPage": "./src/CartPage.tsx",
};

// Every module of the cart renders at the edge as well as in the browser.
export default { name: "cart", exposes, edgeRendered: exposes } satisfies AppConfig;
