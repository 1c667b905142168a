export * from "./money";
export * from "./errors";
export * from "./health";
export * from "./catalog";
export * from "./cart";
export * from "./registry";
export * from "./constants";
export * from "./text";
