import type { AppConfig } from "@shop/build-preset";

export default {
  name: "account",
  exposes: { "./App": "./src/App.tsx", "./AccountMenu": "./src/AccountMenu.tsx", "./WishlistHeart": "./src/WishlistHeart.tsx" },
} satisfies AppConfig;
