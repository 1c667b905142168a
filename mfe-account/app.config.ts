import type { AppConfig } from "@shop/build-preset";

export default {
  name: "account",
  exposes: {
    "./App": "./src/App.tsx",
    "./AccountMenu": "./src/AccountMenu.tsx",
    "./WishlistHeart": "./src/WishlistHeart.tsx",
    // Its back office (customers and roles), loaded only on those pages.
    "./Admin": "./src/admin/Admin.tsx",
  },
  // The header's menu and the hearts on product cards render at the edge; the account's own pages
  // (sign-in, passkeys) render in the browser.
  edgeRendered: { "./AccountMenu": "./src/AccountMenu.tsx", "./WishlistHeart": "./src/WishlistHeart.tsx" },
} satisfies AppConfig;
