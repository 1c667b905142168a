import type { AppConfig } from "@shop/build-preset";

const exposes = {
  "./App": "./src/App.tsx",
  "./SearchBox": "./src/SearchBox.tsx",
};

// Every page and widget of the catalog renders at the edge as well as in the browser.
export default { name: "catalog", exposes, edgeRendered: exposes } satisfies AppConfig;
