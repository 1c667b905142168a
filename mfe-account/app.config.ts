import type { AppConfig } from "@shop/build-preset";

export default { name: "account", exposes: { "./App": "./src/App.tsx" } } satisfies AppConfig;
