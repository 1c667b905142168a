// `npm test`: format and lint, dependency rules, typecheck, unit and worker integration tests, then the Playwright suite.
// Every stage runs even when an earlier one fails; the last line is the pass/fail count.
import fs from "node:fs";
import path from "node:path";
import { ROOT } from "./paths";
import { run, stage, TURBO_ENV } from "./run";

const REPORTS = path.join(ROOT, ".data/reports");
fs.rmSync(REPORTS, { recursive: true, force: true });
fs.mkdirSync(REPORTS, { recursive: true });

interface Stage {
  name: string;
  command: [string, string[]];
  /** Counts from the stage's JSON report; a stage without one counts as one check. */
  count?: () => { passed: number; failed: number };
}

function vitestCounts(): { passed: number; failed: number } {
  let passed = 0;
  let failed = 0;
  for (const file of fs.readdirSync(REPORTS).filter((f) => f.endsWith(".json") && f !== "e2e.json")) {
    const report = JSON.parse(fs.readFileSync(path.join(REPORTS, file), "utf8")) as { numPassedTests: number; numFailedTests: number };
    passed += report.numPassedTests;
    failed += report.numFailedTests;
  }
  return { passed, failed };
}

function playwrightCounts(): { passed: number; failed: number } {
  const file = path.join(REPORTS, "e2e.json");
  if (!fs.existsSync(file)) return { passed: 0, failed: 1 };
  const { stats } = JSON.parse(fs.readFileSync(file, "utf8")) as { stats: { expected: number; unexpected: number; flaky: number } };
  return { passed: stats.expected + stats.flaky, failed: stats.unexpected };
}

const stages: Stage[] = [
  { name: "format and lint (Biome)", command: ["npm", ["run", "--silent", "check:style"]] },
  {
    name: "dependency rules (dependency-cruiser: no cycles, each domain its own tables, remotes ship alone)",
    command: ["npm", ["run", "--silent", "check:deps"]],
  },
  { name: "typecheck (every workspace)", command: ["turbo", ["run", "typecheck", "--continue", "--output-logs=errors-only"]] },
  {
    name: "unit and worker integration tests (vitest, workerd + embedded Postgres)",
    command: ["turbo", ["run", "test", "--filter=!@shop/e2e", "--continue", "--concurrency=1", "--output-logs=full"]],
    count: vitestCounts,
  },
  { name: "browser tests (Playwright, Debian chromium)", command: ["npm", ["run", "--silent", "test", "-w", "e2e"]], count: playwrightCounts },
];

let passed = 0;
let failed = 0;
for (const { name, command, count } of stages) {
  let ok = true;
  try {
    await stage(name, () => run(command[0], command[1], { env: { ...TURBO_ENV, FORCE_COLOR: "0" } }));
  } catch (err) {
    ok = false;
    console.error(`✗ ${name}: ${(err as Error).message}`);
  }
  const counted = count ? count() : { passed: ok ? 1 : 0, failed: ok ? 0 : 1 };
  // A stage that failed without a failing test (a crash, a type error) still counts as a failure.
  if (!ok && counted.failed === 0) counted.failed = 1;
  passed += counted.passed;
  failed += counted.failed;
}

console.log(failed === 0 ? "\nAll checks passed." : "\nSome checks failed: the output above says which; fix them and run npm test again.");
console.log(`${passed} passed, ${failed} failed`);
process.exit(failed === 0 ? 0 : 1);
