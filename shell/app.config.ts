import type { AppConfig } from "@shop/build-preset";

// The layout (header, main, footer) is rendered at the edge too; the remotes fill its areas.
export default { name: "shell", edgeRendered: { "./App": "./src/App.tsx" } } satisfies AppConfig;
