import type { AppConfig } from "@shop/build-preset";

// Its back office (orders) is a module of its own, loaded only on those pages.
export default { name: "checkout", exposes: { "./App": "./src/App.tsx", "./Admin": "./src/admin/Admin.tsx" } } satisfies AppConfig;
