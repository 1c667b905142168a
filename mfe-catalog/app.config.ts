import type { AppConfig } from "@shop/build-preset";

export default {
  name: "catalog",
  exposes: {
    "./App": "./src/App.tsx",
    "./SearchBox": "./src/SearchBox.tsx",
  },
} satisfies AppConfig;
