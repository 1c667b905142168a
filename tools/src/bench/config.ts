import { parseArgs } from "node:util";

export const { values: args } = parseArgs({
  options: {
    products: { type: "string", default: "100000" },
    orders: { type: "string", default: "1000000" },
    running: { type: "boolean", default: false },
    only: { type: "string" },
    /** The product page measured and audited (its load, Lighthouse). */
    product: { type: "string", default: "mosswood-summit-rain-jacket-0000034" },
  },
});
export const PRODUCTS = Number(args.products);
// Checked here, before a shop (and at 1,000,000 products, a 3-minute load) is started for nothing.
const ALONE = ["catalog", "back-office", "product-page", "checkout", "pages"];
if (args.only !== undefined && !ALONE.includes(args.only))
  throw new Error(`--only ${args.only}: the parts that run alone are ${ALONE.map((part) => `"${part}"`).join(", ")} (or run the whole bench without --only)`);
export const CATALOG_ONLY = args.only === "catalog";
export const BACK_OFFICE_ONLY = args.only === "back-office";
export const PRODUCT_PAGE_ONLY = args.only === "product-page";
export const CHECKOUT_ONLY = args.only === "checkout";
export const PAGES_ONLY = args.only === "pages";
/** The order history the back-office benchmark runs against (generated; real orders stay). */
export const ORDERS = Number(args.orders);
export const SECONDS = Number(process.env.BENCH_SECONDS ?? 8);
export const CONNECTIONS = 10;
export const CARTS = 1000;
