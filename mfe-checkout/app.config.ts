import type { AppConfig } from "@shop/build-preset";

export default { name: "checkout", exposes: { "./App": "./src/App.tsx" } } satisfies AppConfig;
