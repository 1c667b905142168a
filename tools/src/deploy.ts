// npm run deploy -w <app> -- [--version 1.2.3] [--promote] [--target local|production] [--no-build] [--dist dir]
// Builds one app, publishes its files as an immutable version and, with --promote, makes it stable.
// --dist publishes a build made elsewhere (e.g. by CI) instead of building here.
import { parseArgs } from "node:util";
import { APPS, appPackage, parseApp } from "./apps";
import { promote, publish, readBuild, resolveTarget } from "./deploy-client";
import { run, stage, TURBO_ENV } from "./run";

const { values, positionals } = parseArgs({
  allowPositionals: true,
  options: {
    version: { type: "string" },
    promote: { type: "boolean", default: false },
    target: { type: "string", default: "local" },
    "no-build": { type: "boolean", default: false },
    dist: { type: "string" },
  },
});

const app = parseApp(positionals[0]);
if (!app) {
  console.error(`Which app? Usage: npm run deploy -w mfe-catalog -- --version 1.2.3 [--promote]  (apps: ${APPS.join(", ")})`);
  process.exit(2);
}

try {
  const target = resolveTarget(values.target);
  if (!values["no-build"] && !values.dist) {
    await stage(`build ${app}`, () => run("turbo", ["run", "build", `--filter=${appPackage(app)}`, "--output-logs=errors-only"], { env: TURBO_ENV }));
  }
  const build = readBuild(app, values.dist);
  const version = values.version ?? build.contentVersion;
  const outcome = await stage(`publish ${app}@${version} to ${target.url}`, () => publish(target, app, version, build));
  console.log(outcome === "created" ? `  ${build.files.length} files uploaded` : "  already published with identical files");
  if (values.promote) {
    await stage(`promote ${app}@${version}`, () => promote(target, app, version));
    console.log(`${app}@${version} is live.`);
  } else {
    console.log(`Not live yet: run again with --promote, or PUT /api/registry/${app}/stable.`);
  }
} catch (err) {
  console.error(`deploy failed: ${(err as Error).message}`);
  process.exit(1);
}
