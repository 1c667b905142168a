import fs from "node:fs";
import path from "node:path";
import { ROOT } from "../paths";
import { catalogGoalsOf, type Goal, type Results } from "./goals";
import type { LoadResult } from "./load";
import { httpTable, runTables, writePerformancePage } from "./performance-page";
import type { Measured } from "./rounds";

function write(file: string, results: unknown) {
  fs.mkdirSync(path.join(ROOT, "bench"), { recursive: true });
  fs.writeFileSync(path.join(ROOT, "bench", file), `${JSON.stringify(results, null, 2)}\n`);
  console.log(`\nwritten to bench/${file}`);
  writePerformancePage();
}

function printGoals(goals: Record<string, Goal>) {
  for (const [name, goal] of Object.entries(goals)) console.log(`  ${goal.met ? "✓" : "✗"} ${name} ${goal.goal}: ${goal.measured}`);
}

/** `--only catalog`: the bare route and the catalog's reads alone, a few minutes even at 1,000,000 products. */
export function printAndWriteCatalog(results: { catalogProducts: number; http: Measured[] } & Record<string, unknown>) {
  console.log(`\n${httpTable(results.http)}\n`);
  const goals = catalogGoalsOf(results.catalogProducts, results.http);
  printGoals(goals);
  write(`catalog-${results.catalogProducts}.json`, { ...results, goals });
}

/** `--only back-office`: order search and the dashboard at a large order history. */
export function printAndWriteBackOffice(results: { orders: number; http: LoadResult[]; goals: Record<string, Goal> } & Record<string, unknown>) {
  for (const r of results.http)
    console.log(`  ${r.name.padEnd(36)} p50 ${r.p50} ms  p95 ${r.p95} ms  p99 ${r.p99} ms  (${r.requests} requests, ${r.errors} errors)`);
  printGoals(results.goals);
  write(`back-office-${results.orders}.json`, results);
}

/** `--only product-page`: the product page's cached document against the bare route, to compare two builds. */
export function printAndWriteProductPage(results: { product: Measured & { fullyRendered: string } } & Record<string, unknown>) {
  const { product } = results;
  console.log(`\n${httpTable([product])}\n\n  all areas rendered at the edge: ${product.fullyRendered}`);
  write("product-page.json", results);
}

/** `--only checkout`: issue 32's goals, then bench/checkout.json. */
export function printAndWriteCheckout(results: { goals: Record<string, Goal> } & Record<string, unknown>) {
  printGoals(results.goals);
  write("checkout.json", results);
}

/** `--only pages`: issue 33's browser measurements alone (Lighthouse beside each control, the first tap, a prerendered page), then bench/pages.json. */
export function printAndWritePages(results: { goals: Record<string, Goal> } & Record<string, unknown>) {
  printGoals(results.goals);
  write("pages.json", results);
}

/** A full run: its tables, its goals, then bench/results.json and the generated docs page. */
export function printAndWrite(results: Results & Record<string, unknown> & { goals: Record<string, Goal> }) {
  console.log(`\n${runTables(results)}\n`);
  printGoals(results.goals);
  write("results.json", results);
}
