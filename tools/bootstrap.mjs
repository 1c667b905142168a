// Entry for `npm start`, `npm test` and `npm run bench`. Runs on whatever Node the machine has:
// it installs dependencies when they are missing (which brings Node 22 into node_modules/.bin),
// then hands over to the real command through npm, which puts Node 22 first on PATH.
import { spawnSync } from "node:child_process";
import fs from "node:fs";
import path from "node:path";
import { fileURLToPath } from "node:url";

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), "..");
const commands = { stack: "stack:run", test: "test:all", bench: "bench:run" };
const script = commands[process.argv[2]];
if (!script) {
  console.error(`usage: node tools/bootstrap.mjs ${Object.keys(commands).join("|")}`);
  process.exit(2);
}

const needed = ["node", "tsx", "turbo", "wrangler"].map((bin) => path.join(root, "node_modules", ".bin", bin));
if (!needed.every((bin) => fs.existsSync(bin))) {
  console.log("▸ installing dependencies (npm install)…");
  const install = spawnSync("npm", ["install", "--no-audit", "--no-fund"], { cwd: root, stdio: "inherit" });
  if (install.status !== 0) {
    console.error("npm install failed: check your connection to the npm registry, then run the command again.");
    process.exit(install.status ?? 1);
  }
}

const result = spawnSync("npm", ["run", "--silent", script, "--", ...process.argv.slice(3)], { cwd: root, stdio: "inherit" });
process.exit(result.status ?? 1);
