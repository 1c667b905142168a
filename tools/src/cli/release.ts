// One command per app: build, publish and register a version, and list, promote or roll back versions.
//   npm run release -w mfe-catalog -- [--version 1.2.3] [--promote] [--reason "…"] [--no-build] [--dist dir]
//   npm run release -w mfe-catalog -- list
//   npm run release -w mfe-catalog -- promote 1.2.3 [--reason "…"]
//   npm run release -w mfe-catalog -- rollback [--reason "…"]
// Every command takes --target local|production (production: SHOP_URL and DEPLOY_TOKEN).
import { parseArgs } from "node:util";
import { APPS, type App, appPackage, parseApp } from "../platform/apps";
import { promote, publish, readBuild, registryCall, resolveTarget, rollback, type Target } from "../platform/deploy-client";
import { run, stage, TURBO_ENV } from "../run";

const { values, positionals } = parseArgs({
  allowPositionals: true,
  options: {
    version: { type: "string" },
    promote: { type: "boolean", default: false },
    reason: { type: "string" },
    target: { type: "string", default: "local" },
    "no-build": { type: "boolean", default: false },
    dist: { type: "string" },
  },
});

const USAGE = `Usage: npm run release -w mfe-catalog -- [--version 1.2.3] [--promote] | list | promote <version> | rollback  (apps: ${APPS.join(", ")})`;
const [appArg, command = "publish", versionArg] = positionals;
const app = parseApp(appArg);
if (!app || !["publish", "list", "promote", "rollback"].includes(command) || (command === "promote" && !versionArg)) {
  console.error(app ? USAGE : `Which app? ${USAGE}`);
  process.exit(2);
}

interface ListedVersion {
  version: string;
  publishedAt: string;
  build: { commit?: string; builtAt?: string; shared?: Record<string, string>; contracts?: string };
}

async function list(target: Target, app: App) {
  const { payload } = await registryCall(target, "GET", "");
  const record = (payload as { apps: Array<{ name: string; stable: string | null; history: string[]; versions: ListedVersion[] }> }).apps.find(
    (a) => a.name === app,
  )!;
  if (record.versions.length === 0) console.log(`${app} has no published versions.`);
  for (const v of [...record.versions].reverse()) {
    const marks = [v.version === record.stable ? "stable" : "", record.history.includes(v.version) ? "rollback target" : ""].filter(Boolean).join(", ");
    const built = [
      v.build.commit && `commit ${v.build.commit}`,
      v.build.contracts && `contracts ${v.build.contracts}`,
      v.build.shared &&
        Object.entries(v.build.shared)
          .map(([n, ver]) => `${n} ${ver}`)
          .join(" "),
    ]
      .filter(Boolean)
      .join(" · ");
    console.log(`${v.version.padEnd(28)} ${v.publishedAt}  ${marks ? `[${marks}] ` : ""}${built}`);
  }
}

try {
  const target = resolveTarget(values.target);
  if (command === "list") await list(target, app);
  else if (command === "promote") {
    await stage(`promote ${app}@${versionArg}`, () => promote(target, app, versionArg!, values.reason));
    console.log(`${app}@${versionArg} is live.`);
  } else if (command === "rollback") {
    const stable = await stage(`roll back ${app}`, () => rollback(target, app, values.reason));
    console.log(`${app} rolled back: ${stable} is live again.`);
  } else {
    if (!values["no-build"] && !values.dist) {
      await stage(`build ${app}`, () => run("turbo", ["run", "build", `--filter=${appPackage(app)}`, "--output-logs=errors-only"], { env: TURBO_ENV }));
    }
    const build = readBuild(app, values.dist);
    const version = values.version ?? build.contentVersion;
    const outcome = await stage(`publish ${app}@${version} to ${target.url}`, () => publish(target, app, version, build, values.reason));
    console.log(outcome === "created" ? `  ${build.files.length} files uploaded` : "  already published with identical files");
    if (values.promote) {
      await stage(`promote ${app}@${version}`, () => promote(target, app, version, values.reason));
      console.log(`${app}@${version} is live.`);
    } else {
      console.log(
        `Not live yet: npm run release -w ${appPackage(app).replace("@shop/", "")} -- promote ${version}, or put it in an experiment (npm run experiment).`,
      );
    }
  }
} catch (err) {
  console.error(`release failed: ${(err as Error).message}`);
  process.exit(1);
}
