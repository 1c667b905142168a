import { parseArgs } from "node:util";

export const { values: args } = parseArgs({ options: { products: { type: "string", default: "100000" }, running: { type: "boolean", default: false }, only: { type: "string" } } });
export const PRODUCTS = Number(args.products);
export const SECONDS = Number(process.env.BENCH_SECONDS ?? 8);
export const CONNECTIONS = 10;
export const CARTS = 1000;
