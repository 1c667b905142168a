import type { AppConfig } from "@shop/build-preset";

export default {
  name: "cart",
  exposes: {
    "./AddToCartButton": "./src/AddToCartButton.tsx",
    "./MiniCart": "./src/MiniCart.tsx",
    "./CartSummary": "./src/CartSummary.tsx",
    "./CartPage": "./src/CartPage.tsx",
  },
} satisfies AppConfig;
