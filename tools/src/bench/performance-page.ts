import fs from "node:fs";
import path from "node:path";
import { ROOT } from "../paths";
import type { StepCpu } from "./checkout-scenarios";
import { catalogGoalsOf, type Goal, goalsOf, type Results } from "./goals";
import type { IslandsMeasured } from "./islands-scenarios";
import type { Measured } from "./rounds";

// docs/performance-results.md is generated from bench/results.json (and bench/catalog-<N>.json):
// a bench run rewrites the figures, never the prose in docs/performance.md.

export const PERFORMANCE_PAGE = path.join(ROOT, "docs/performance-results.md");
const BENCH = path.join(ROOT, "bench");

const row = (cells: Array<string | number | undefined>) => `| ${cells.map((c) => (c === undefined ? "n/a" : String(c))).join(" | ")} |`;
const table = (head: string[], rows: Array<Array<string | number | undefined>>) => [row(head), row(head.map(() => "---")), ...rows.map(row)].join("\n");
const rounds = (values?: number[]) => (values?.length ? ` (${values.join(", ")})` : "");
/** What every measured scenario says: its rate, that rate against a reference with the rounds behind it, its latency and errors. */
const measured = (m: { requestsPerSecond: number; p50: number; p95: number; errors: number }, ratio: number, ratioRounds?: number[]) => [
  m.requestsPerSecond,
  `${ratio}${rounds(ratioRounds)}`,
  m.p50,
  m.p95,
  m.errors,
];

export function goalsTable(goals: Record<string, Goal>): string {
  return table(
    ["goal", "target", "this run", "met"],
    Object.entries(goals).map(([name, g]) => [name, g.goal, g.measured, g.met ? "yes" : "**no**"]),
  );
}

export function httpTable(http: Measured[]): string {
  return table(
    ["route", "req/s", "× bare (rounds)", "p50 ms", "p95 ms", "p99 ms", "errors"],
    http.map((r) => [r.name, r.requestsPerSecond, `${r.ratioToBare}${rounds(r.ratioRounds)}`, r.p50, r.p95, r.p99, r.errors]),
  );
}

/** Every table of one full run, as Markdown (also what `npm run bench` prints). */
export function runTables(results: Results): string {
  const { edgeRender, sizes } = results;
  const cpu = results.checkout.filter((c) => c.cpuMsPerOrder);
  return [
    "### Goals",
    goalsTable(goalsOf(results)),
    "### Routes",
    httpTable(results.http),
    "### The shell document with running experiments (returning visitor)",
    table(
      ["experiments", "req/s", "× none (cycles)", "p50 ms", "p95 ms", "errors", "Worker CPU ms/document"],
      results.experiments.map((e) => [e.experiments, ...measured(e, e.ratioToNone, e.ratioRounds), e.workerCpuMsPerDocument]),
    ),
    "### Edge-rendered document (/c/clothing)",
    table(
      ["areas", "req/s", "× bare (rounds)", "p50 ms", "p95 ms", "errors", "all areas rendered"],
      [
        ["cached", ...measured(edgeRender.cached, edgeRender.cached.ratioToBare, edgeRender.cached.ratioRounds), edgeRender.fullyRendered.cached],
        [
          "rendered afresh",
          ...measured(edgeRender.uncached, edgeRender.uncached.ratioToBare, edgeRender.uncached.ratioRounds),
          edgeRender.fullyRendered.uncached,
        ],
      ],
    ),
    `Rendered afresh, one request at a time: p50 ${edgeRender.uncachedLatency.p50} ms, p95 ${edgeRender.uncachedLatency.p95} ms.`,
    ...(edgeRender.product
      ? [
          `### Edge-rendered product page (\`${edgeRender.product.name.match(/\/p\/[^)]+/)?.[0]}\`, its reviews and suggestions)`,
          table(
            ["areas", "req/s", "× bare (rounds)", "p50 ms", "p95 ms", "errors", "all areas rendered"],
            [["cached", ...measured(edgeRender.product, edgeRender.product.ratioToBare, edgeRender.product.ratioRounds), edgeRender.product.fullyRendered]],
          ),
        ]
      : []),
    "### Checkout (start + pay, 50 shoppers)",
    table(
      ["scenario", "orders/s", "× bare (rounds)", "p50 ms", "p95 ms", "orders", "errors", "stock mismatches"],
      results.checkout.map((c) => [c.name, c.ordersPerSecond, `${c.ratioToBare}${rounds(c.ratioRounds)}`, c.p50, c.p95, c.orders, c.errors, c.stockMismatches]),
    ),
    ...results.checkout
      .filter((c) => c.mailHandover)
      .map(
        ({ mailHandover: m }) =>
          `Order placed → confirmation handed to the mail sender, under that load: p50 ${m!.p50Ms} ms, p95 ${m!.p95Ms} ms over ${m!.messages} confirmations (${m!.unsent} unsent a minute later).`,
      ),
    ...results.checkout
      .filter((c) => c.cpuBySteps)
      .map(({ cpuBySteps: b }) => {
        const step = ({ ms, bareRequests }: StepCpu) => `${ms} ms (${bareRequests} bare requests)`;
        return `Worker CPU per checkout, step by step (${b!.checkouts} checkouts, 50 at a time, one step after the other; a bare request ${b!.bareMs} ms): start ${step(b!.start)}, pay with its confirmation email ${step(b!.payAndMail)}, Stripe's webhook ${step(b!.webhook)}.`;
      }),
    ...results.checkout
      .filter((c) => c.runtimeControl)
      .map(({ runtimeControl: r }) => {
        const { workerdAlone: a, wranglerDev: d } = r!;
        return `Runtime control (a Worker that answers at once, or makes six fetches, loaded as the bare route is; ms of its runtime's CPU per request): a bare request ${a.bareMs} in workerd alone, ${d.bareMs} in wrangler dev; each fetch ${a.perFetchMs} alone, ${d.perFetchMs} in wrangler dev. Every "Worker CPU" above is wrangler dev's (docs/performance.md, "Reading Worker CPU").`;
      }),
    ...(cpu.length
      ? [
          "CPU per order, by process of the local stack (ms):",
          table(
            ["scenario", ...Object.keys(cpu[0]!.cpuMsPerOrder!), "orders/s counting only the Worker", "bound set by the rest of the stack"],
            cpu.map((c) => [c.name, ...Object.values(c.cpuMsPerOrder!), c.workerOnlyOrdersPerSecond, c.boundByRestOfStack]),
          ),
        ]
      : []),
    "### Accounts",
    table(
      ["scenario", "req/s", "× bare (rounds)", "p50 ms", "p95 ms", "errors", "Worker CPU ms/request"],
      results.accounts.map((a) => [a.name, ...measured(a, a.ratioToBare, a.ratioRounds), a.cpuMsPerRequest?.workerRuntime]),
    ),
    ...(results.reviews
      ? [
          "### Review writes (200 shoppers, ten products delivered to each)",
          table(
            ["scenario", "writes/s", "p50 ms", "p95 ms", "p99 ms", "writes", "errors", "published"],
            [results.reviews.alone, results.reviews.tenAtOnce].map((r) => [r.name, r.writesPerSecond, r.p50, r.p95, r.p99, r.writes, r.errors, r.published]),
          ),
        ]
      : []),
    "### Sizes (gzip KiB)",
    table(
      ["what", "KiB"],
      [
        [`shell start-up JS (${sizes.shellInitialFiles.length} files)`, sizes.shellInitialJsGzipKiB],
        ...Object.entries(sizes.remoteEntryGzipKiB).map(([app, kib]) => [`${app} remote entry`, kib]),
        ...Object.entries(sizes.serverBundleGzipKiB).map(([app, kib]) => [`${app} server bundle (edge render)`, kib]),
      ],
    ),
    "### Lighthouse (median of three runs; each run: score / LCP ms / TBT ms / CLS)",
    table(
      ["page", "form factor", "score", "LCP ms", "TBT ms", "CLS", "script KiB", "runs"],
      results.lighthouse.map((l) => [`${l.page} \`${l.url}\``, l.formFactor, l.score, l.lcpMs, l.tbtMs, l.cls, l.scriptKiB, l.runs.join("; ")]),
    ),
    ...(results.islands ? [islandsLines(results.islands)] : []),
    `Catalog cache under a shopper mix: ${JSON.stringify(results.catalogCache)}.`,
  ].join("\n\n");
}

function readJson<T>(file: string): T | undefined {
  const full = path.join(BENCH, file);
  return fs.existsSync(full) ? (JSON.parse(fs.readFileSync(full, "utf8")) as T) : undefined;
}

/** The whole generated page, from what bench/ holds. */
export function performancePage(): string {
  const results = readJson<Results & { measuredAt: string; machine: string; workerStateOn: string }>("results.json");
  const catalogRuns = fs
    .readdirSync(BENCH)
    .filter((f) => /^catalog-\d+\.json$/.test(f))
    .map((f) => readJson<{ measuredAt: string; catalogProducts: number; http: Measured[] }>(f)!)
    .sort((a, b) => a.catalogProducts - b.catalogProducts);
  const sections = [
    "# Performance: the last bench run",
    "<!-- Generated by `npm run bench` (or `npm run bench:page`) from bench/*.json. Do not edit: the prose is docs/performance.md. -->",
  ];
  if (results) {
    sections.push(
      `## Full run: ${results.catalogProducts.toLocaleString("en-US")} products, ${results.measuredAt.slice(0, 10)}`,
      `${results.machine}; the Worker's local state in ${results.workerStateOn}.`,
      runTables(results),
    );
  }
  for (const run of catalogRuns) {
    sections.push(
      `## Catalog reads alone (\`--only catalog\`): ${run.catalogProducts.toLocaleString("en-US")} products, ${run.measuredAt.slice(0, 10)}`,
      goalsTable(catalogGoalsOf(run.catalogProducts, run.http)),
      httpTable(run.http),
    );
  }
  return `${sections.join("\n\n")}\n`;
}

export function writePerformancePage() {
  fs.writeFileSync(PERFORMANCE_PAGE, performancePage());
  console.log(`written to ${path.relative(ROOT, PERFORMANCE_PAGE)}`);
}

/** A page of islands in a browser: the first tap and a prerendered navigation. */
function islandsLines({ firstAddToCart: tap, hoveredProduct: hovered, prerenderedProduct: prerendered }: IslandsMeasured): string {
  return `Islands: the first Add to cart on a product page, tapped as soon as it is painted at 4× CPU slowdown: Event Timing ${tap.eventMs.join(", ")} ms (median ${tap.medianEventMs}), lines landed ${tap.landed}. A product link hovered, then clicked (desktop, Playwright): LCP ${hovered.lcpMs.join(", ")} ms (median ${hovered.medianLcpMs}), the page served from ${hovered.servedFrom.join(", ")}. The same link prerendered in a browser with no debugger: LCP from activation ${prerendered.lcpMs.join(", ")} ms (median ${prerendered.medianLcpMs}), shown from a prerender ${prerendered.activated}.`;
}
