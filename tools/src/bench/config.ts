import { parseArgs } from "node:util";

export const { values: args } = parseArgs({
  options: { products: { type: "string", default: "100000" }, running: { type: "boolean", default: false }, only: { type: "string" } },
});
export const PRODUCTS = Number(args.products);
// Checked here, before a shop (and at 1,000,000 products, a 3-minute load) is started for nothing.
if (args.only !== undefined && args.only !== "catalog")
  throw new Error(`--only ${args.only}: the one part that runs alone is "catalog" (or run the whole bench without --only)`);
export const CATALOG_ONLY = args.only === "catalog";
export const SECONDS = Number(process.env.BENCH_SECONDS ?? 8);
export const CONNECTIONS = 10;
export const CARTS = 1000;
