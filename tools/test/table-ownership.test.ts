import fs from "node:fs";
import path from "node:path";
import { expect, it } from "vitest";
import { ROOT } from "../src/paths";

// The dependency rules (.dependency-cruiser.cjs) keep a domain from importing another domain's
// schema; these keep the tables themselves honest: each is declared by one domain, and no domain
// names another's table in hand-written SQL.

const WORKER = path.join(ROOT, "edge-api");
const SRC = path.join(WORKER, "src");

function sources(dir: string): string[] {
  return fs.readdirSync(dir, { withFileTypes: true }).flatMap((entry) => {
    const full = path.join(dir, entry.name);
    if (entry.isDirectory()) return sources(full);
    return /\.tsx?$/.test(entry.name) ? [full] : [];
  });
}

/** Table name → the domain whose schema.ts declares it. */
function tableOwners(): Map<string, string[]> {
  const owners = new Map<string, string[]>();
  for (const domain of fs.readdirSync(SRC)) {
    const schema = path.join(SRC, domain, "schema.ts");
    if (!fs.existsSync(schema)) continue;
    for (const [, table] of fs.readFileSync(schema, "utf8").matchAll(/pgTable\(\s*"([a-z_]+)"/g)) {
      owners.set(table!, [...(owners.get(table!) ?? []), domain]);
    }
  }
  return owners;
}

it("every table the migrations create is declared by exactly one domain's schema", () => {
  const owners = tableOwners();
  const created = new Set<string>();
  for (const file of fs.readdirSync(path.join(WORKER, "drizzle")).filter((f) => f.endsWith(".sql"))) {
    const text = fs.readFileSync(path.join(WORKER, "drizzle", file), "utf8");
    for (const [, table] of text.matchAll(/CREATE TABLE (?:IF NOT EXISTS )?"?([a-z_]+)"?/gi)) created.add(table!);
  }
  expect(created.size).toBeGreaterThan(20);
  const undeclared = [...created].filter((table) => !owners.has(table));
  const shared = [...owners].filter(([, domains]) => domains.length > 1);
  expect({ undeclared, shared }).toEqual({ undeclared: [], shared: [] });
});

it("no domain names another domain's table in hand-written SQL", () => {
  const owners = tableOwners();
  const trespasses: string[] = [];
  for (const domain of fs.readdirSync(SRC).filter((d) => fs.statSync(path.join(SRC, d)).isDirectory())) {
    const foreign = [...owners].filter(([, [owner]]) => owner !== domain).map(([table]) => table);
    if (foreign.length === 0) continue;
    const naming = new RegExp(`\\b(?:FROM|JOIN|UPDATE|INTO|TABLE)\\s+"?(${foreign.join("|")})"?\\b`, "g");
    for (const file of sources(path.join(SRC, domain)).filter((f) => !f.endsWith("schema.ts"))) {
      for (const [, table] of fs.readFileSync(file, "utf8").matchAll(naming))
        trespasses.push(`${path.relative(ROOT, file)} names ${table} (${owners.get(table!)![0]}'s)`);
    }
  }
  expect(trespasses).toEqual([]);
});
