import type { AppConfig } from "@shop/build-preset";

export default { name: "shell" } satisfies AppConfig;
