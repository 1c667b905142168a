import fs from "node:fs";
import { expect, it } from "vitest";
import { PERFORMANCE_PAGE, performancePage } from "../src/bench/performance-page";

it("docs/performance-results.md is what bench/*.json say (a bench run writes both)", () => {
  const page = performancePage();
  expect(page).toContain("| shellDocumentVsBare |");
  expect(fs.readFileSync(PERFORMANCE_PAGE, "utf8"), "the page differs from bench/*.json: run `npm run bench:page` and commit it").toBe(page);
});
