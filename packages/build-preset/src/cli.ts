// `shop-build`: production build of the app in the current folder, described by its app.config.ts.
import fs from "node:fs";
import path from "node:path";
import { pathToFileURL } from "node:url";
import { gzipSync } from "node:zlib";
import webpack from "webpack";
import { type AppConfig, islandLoaderWebpackConfig, serverWebpackConfig, webpackConfig } from "./index";

const appDir = process.cwd();
const { default: app } = (await import(pathToFileURL(path.join(appDir, "app.config.ts")).href)) as { default: AppConfig };
const started = Date.now();
console.log(`building ${app.name}…`);

async function build(config: webpack.Configuration, what: string) {
  const stats = await new Promise<webpack.Stats>((resolve, reject) => {
    webpack(config).run((err, result) => (err || !result ? reject(err) : resolve(result)));
  });
  if (stats.hasErrors()) {
    console.error(stats.toString({ all: false, errors: true, errorDetails: true, colors: false }));
    console.error(`build of ${what} failed: fix the errors above, then run the build again.`);
    process.exit(1);
  }
}

await build(webpackConfig(appDir, app), app.name);
// The server bundle after the browser build, which cleans dist/.
if (app.edgeRendered) await build(serverWebpackConfig(appDir, app), `${app.name}'s server bundle`);
if (app.name === "shell") await build(islandLoaderWebpackConfig(appDir), "the shell's island loader");

const dist = path.join(appDir, "dist");
for (const file of fs.readdirSync(dist).sort()) {
  const bytes = fs.readFileSync(path.join(dist, file));
  console.log(`  ${file.padEnd(32)} ${(bytes.length / 1024).toFixed(1).padStart(7)} KiB  ${(gzipSync(bytes).length / 1024).toFixed(1).padStart(6)} KiB gzip`);
}
console.log(`built ${app.name} in ${((Date.now() - started) / 1000).toFixed(1)} s`);
