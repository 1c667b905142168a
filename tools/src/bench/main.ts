// `npm run bench [-- --products N] [-- --product SLUG] [-- --only catalog | product-page | checkout | pages | back-office [--orders N]]`: throughput and latency of the edge (platform,
// catalog, cart, checkout), the catalog cache's hit ratio under a shopper-like mix, bundle sizes, and
// Lighthouse (mobile). Starts its own shop on 8807 with an N-product catalog (default 100,000; state
// in .data/bench-N), or with --running uses the shop already on PORT. Writes bench/results.json, or
// with --only catalog (the bare route and the catalog's reads alone) bench/catalog-N.json, with
// --only product-page (the product page's cached document against the bare route, to compare two
// builds) bench/product-page.json, with --only checkout (sign-in, session and cart reads, and the
// checkouts with their round trips) bench/checkout.json, or with
// --only back-office (order search and dashboard at N orders, default 1,000,000, and counting what is
// bought together from nothing) bench/back-office-N.json, or with --only pages (Lighthouse beside
// each page's script-free control, the first tap on a page of islands, a prerendered product page)
// bench/pages.json.
// Each group of scenarios is a module of its own in ./bench.

import { stage } from "../run";
import { accountScenarios } from "./account-scenarios";
import { backOfficeScenarios } from "./back-office-scenarios";
import { shopperMix } from "./cache-mix";
import { cartScenarios } from "./cart-scenarios";
import { catalogScenarios } from "./catalog-scenarios";
import { checkoutScenarios } from "./checkout-scenarios";
import { coPurchaseScenario } from "./co-purchase-scenario";
import { args, BACK_OFFICE_ONLY, CATALOG_ONLY, CHECKOUT_ONLY, CONNECTIONS, ORDERS, PAGES_ONLY, PRODUCT_PAGE_ONLY, SECONDS } from "./config";
import { edgeRenderScenarios, lighthousePages, productPageCached, serverBundleSizes, uncachedRenderLatency } from "./edge-render-scenarios";
import { experimentDocumentScenarios } from "./experiment-scenarios";
import { checkoutGoalsOf, goalsOf, islandsGoalsOf } from "./goals";
import { islandsScenarios } from "./islands-scenarios";
import { expectChrome } from "./lighthouse";
import { type LoadOptions, measure } from "./load";
import { printAndWrite, printAndWriteBackOffice, printAndWriteCatalog, printAndWriteCheckout, printAndWritePages, printAndWriteProductPage } from "./report";
import { reviewWrites } from "./review-scenarios";
import { againstBare, type Measured, ROUND_SECONDS, ROUNDS } from "./rounds";
import { inStockProducts } from "./shoppers";
import { bundleSizes } from "./sizes";
import { ensureStack } from "./stack";

if (!BACK_OFFICE_ONLY && !CATALOG_ONLY && !PRODUCT_PAGE_ONLY && !CHECKOUT_ONLY) expectChrome();
const { base, stop, edgeStateOn, adminToken, deployToken, databaseUrl, relay, stripe } = await stage("shop for the benchmark", ensureStack);
// By default a product with seven written reviews (two pages) and 616 ratings, in every generated
// catalog of 34 products or more, so runs of different builds measure the same page.
const productSlug = args.product;
const bareRoute = { name: "bare route (GET /livez)", url: `${base}/livez` };
/** JIT and connection warm-up, so the first scenario is not measured cold. */
const warmUp = () => stage("warm-up", () => measure({ ...bareRoute, seconds: 3, connections: CONNECTIONS }));

/** A part that runs alone (`--only …`): its work, then its shop stops and the bench ends. */
async function runAlone(work: () => Promise<void>): Promise<never> {
  try {
    await work();
  } finally {
    await stop();
  }
  process.exit(0);
}

if (BACK_OFFICE_ONLY)
  await runAlone(async () => {
    const backOffice = await backOfficeScenarios(base, adminToken, databaseUrl, ORDERS);
    const { coPurchases, goal } = await coPurchaseScenario(base, databaseUrl);
    printAndWriteBackOffice({ measuredAt: new Date().toISOString(), ...backOffice, coPurchases, goals: { ...backOffice.goals, coPurchaseRuns: goal } });
  });
if (PRODUCT_PAGE_ONLY)
  await runAlone(async () => {
    await warmUp();
    printAndWriteProductPage({ measuredAt: new Date().toISOString(), product: await productPageCached(base, bareRoute.url, productSlug) });
  });
if (CHECKOUT_ONLY)
  await runAlone(async () => {
    await warmUp();
    const accounts = await accountScenarios(base, bareRoute.url, databaseUrl);
    const checkout = await checkoutScenarios({ base, token: adminToken, databaseUrl, relay, stripe }, bareRoute.url);
    printAndWriteCheckout({ measuredAt: new Date().toISOString(), accounts, checkout, goals: checkoutGoalsOf(checkout, accounts) });
  });
if (PAGES_ONLY)
  await runAlone(async () => {
    const lighthouse = (await lighthousePages(base, productSlug)).map(({ requestedUrls: _, ...page }) => page);
    const islands = await islandsScenarios(base, productSlug);
    printAndWritePages({ measuredAt: new Date().toISOString(), lighthouse, islands, goals: islandsGoalsOf(lighthouse, islands) });
  });
try {
  const catalogSize = ((await (await fetch(`${base}/api/catalog/products?limit=1`)).json()) as { total: number }).total;
  const tree = (await (await fetch(`${base}/api/catalog/categories`)).json()) as { categories: Array<{ slug: string; children: Array<{ slug: string }> }> };
  const categories = tree.categories.flatMap((c) => [c.slug, ...c.children.map((child) => child.slug)]);
  const slugs = ((await (await fetch(`${base}/api/catalog/products?limit=100&sort=rating`)).json()) as { items: Array<{ slug: string }> }).items.map(
    (p) => p.slug,
  );
  await fetch(`${base}/api/catalog/products?category=clothing`);
  await fetch(`${base}/api/catalog/products?q=jacket`);

  type Scenario = Omit<LoadOptions, "seconds" | "connections"> & { connections?: number; before?: () => Promise<unknown> };
  const scenarios: Scenario[] = [
    bareRoute,
    ...catalogScenarios(base, categories),
    ...(CATALOG_ONLY ? [] : await cartScenarios(base, await inStockProducts(base))),
  ];
  await warmUp();
  const http: Measured[] = [];
  for (const scenario of scenarios) {
    await scenario.before?.();
    const connections = scenario.connections ?? CONNECTIONS;
    if (scenario.url === bareRoute.url || connections === 1) {
      // The bare route itself, and latencies measured one request at a time: one run, no ratio goal.
      const result = await stage(`load: ${scenario.name}, ${SECONDS} s × ${connections} connections`, () =>
        measure({ ...scenario, seconds: SECONDS, connections }),
      );
      http.push({ ...result, ratioToBare: Number((result.requestsPerSecond / (http[0]?.requestsPerSecond ?? result.requestsPerSecond)).toFixed(2)) });
    } else {
      http.push(
        await stage(`load: ${scenario.name}, ${ROUNDS} rounds of ${ROUND_SECONDS} s after ${ROUND_SECONDS} s of the bare route`, () =>
          againstBare(bareRoute, scenario),
        ),
      );
    }
  }
  if (CATALOG_ONLY) {
    printAndWriteCatalog({ measuredAt: new Date().toISOString(), catalogProducts: catalogSize, http });
  } else {
    const experiments = await experimentDocumentScenarios(base, deployToken);
    const edgeRender = await edgeRenderScenarios(base, bareRoute.url, productSlug);
    const uncachedRender = await uncachedRenderLatency(base);
    const cache = await stage(`catalog cache under a shopper mix, ${SECONDS * 2} s`, () => shopperMix(base, SECONDS * 2, categories, slugs));
    const pages = await lighthousePages(base, productSlug);
    const islands = await islandsScenarios(base, productSlug);
    const accounts = await accountScenarios(base, bareRoute.url, databaseUrl);
    const reviews = await reviewWrites(base, databaseUrl);
    // Last: setting stock for the checkout SKUs makes the catalog's cached pages new.
    const checkout = await checkoutScenarios({ base, token: adminToken, databaseUrl, relay, stripe }, bareRoute.url);

    const measured = {
      catalogProducts: catalogSize,
      http,
      experiments,
      edgeRender: {
        ...edgeRender,
        uncachedLatency: {
          p50: uncachedRender.p50,
          p95: uncachedRender.p95,
          p99: uncachedRender.p99,
          requests: uncachedRender.requests,
          errors: uncachedRender.errors,
        },
      },
      checkout,
      accounts,
      reviews,
      sizes: { ...bundleSizes(pages[0]!.requestedUrls), serverBundleGzipKiB: serverBundleSizes() },
      lighthouse: pages.map(({ requestedUrls: _, ...page }) => page),
      islands,
      catalogCache: cache,
    };
    printAndWrite({
      measuredAt: new Date().toISOString(),
      machine: "2 cores, wrangler dev (workerd) + embedded Postgres + Stripe emulator on one host; load from the same host",
      workerStateOn: edgeStateOn,
      ...measured,
      goals: goalsOf(measured),
    });
  }
} finally {
  await stop();
}
