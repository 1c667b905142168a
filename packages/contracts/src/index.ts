export * from "./money";
export * from "./errors";
export * from "./catalog";
export * from "./cart";
export * from "./registry";
export * from "./constants";
