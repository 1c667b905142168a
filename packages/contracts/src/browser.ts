// What browser code may import at run time: no zod, so bundles stay small.
// Types of every payload come from the package root with `import type`.

export * from "./api-request";
export * from "./back-office";
export * from "./cart-events";
export * from "./checkout-rules";
export * from "./constants";
export * from "./edge-render";
export * from "./pages";
export type * from "./widgets";
