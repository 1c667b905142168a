import type { AppConfig } from "@shop/build-preset";

export default {
  name: "cart",
  exposes: {
    "./store": "./src/store.ts",
    "./AddToCartButton": "./src/AddToCartButton.tsx",
    "./CartCount": "./src/CartCount.tsx",
    "./MiniCart": "./src/MiniCart.tsx",
    "./CartSummary": "./src/CartSummary.tsx",
    "./CartPage": "./src/CartPage.tsx",
  },
} satisfies AppConfig;
