// What browser code may import at run time: no zod, so bundles stay small.
// Types of every payload come from the package root with `import type`.
export * from "./constants";
export type * from "./widgets";
export * from "./checkout-rules";
export * from "./api-request";
export * from "./pages";
export * from "./edge-render";
export * from "./cart-events";
