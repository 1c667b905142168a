import { ModuleFederationPlugin } from "@module-federation/enhanced/webpack";
import MinimizerPlugin from "minimizer-webpack-plugin";
import fs from "node:fs";
import { createRequire } from "node:module";
import path from "node:path";
import webpack from "webpack";

export interface AppConfig {
  /** Federation name; also the app's name in the registry. */
  name: "shell" | "catalog" | "cart" | "checkout" | "account";
  /** Coarse entry points a remote offers: a route element, a widget, its store. */
  exposes?: Record<string, string>;
}

// One instance of each for the whole page. What the shell itself uses, remotes do not bundle
// (`import: false`): the shell provides it, which keeps every remote small. zustand is used by the
// cart alone, so the cart brings it and shares it.
// The router is shared through @shop/router, which exposes only the router API the apps use.
const PROVIDED_BY_SHELL = ["react", "react/jsx-runtime", "react-dom", "react-dom/client", "@shop/router", "@shop/federation"];
const SHARED_BY_REMOTES = ["zustand"];

function sharedModules(isHost: boolean) {
  return Object.fromEntries([
    ...PROVIDED_BY_SHELL.map((name) => [name, isHost ? { singleton: true } : { singleton: true, import: false as const }]),
    ...SHARED_BY_REMOTES.map((name) => [name, { singleton: true }]),
  ]);
}

const require = createRequire(import.meta.url);

/**
 * The Module Federation runtime packages ship CommonJS and ESM builds; the bundler runtime requires
 * one and the runtime API imports the other, which put both in the shell. One (ESM) build each.
 */
function federationRuntimeAliases(): Record<string, string> {
  const packages = ["runtime-core", "runtime", "runtime-tools", "sdk", "error-codes", "webpack-bundler-runtime"];
  return Object.fromEntries(
    packages.map((name) => {
      const cjs = require.resolve(`@module-federation/${name}`);
      const esm = [".js", ".mjs"].map((ext) => cjs.replace(/\.cjs$/, ext)).find((file) => fs.existsSync(file));
      return [`@module-federation/${name}$`, esm ?? cjs];
    }),
  );
}

/** react-router's package exports point at its development build; production bundles use the production one. */
function productionRouter(): Record<string, string> {
  const development = require.resolve("react-router");
  return { "react-router$": path.join(path.dirname(development), "../production/index.mjs") };
}

export function webpackConfig(appDir: string, app: AppConfig): webpack.Configuration {
  const isHost = app.name === "shell";
  return {
    mode: "production",
    context: appDir,
    entry: isHost ? { main: "./src/index.ts" } : {},
    devtool: false,
    target: "web",
    output: {
      path: path.join(appDir, "dist"),
      // A version's files live under /mf/<app>/<version>/, so names need no hash of their own.
      filename: "[name].js",
      chunkFilename: "[id].[contenthash:8].js",
      publicPath: "auto",
      uniqueName: `shop_${app.name}`,
      clean: true,
    },
    resolve: { extensions: [".ts", ".tsx", ".js"], alias: { ...federationRuntimeAliases(), ...productionRouter() } },
    module: {
      rules: [
        {
          test: /\.tsx?$/,
          exclude: /node_modules/,
          use: {
            loader: "swc-loader",
            options: {
              jsc: {
                parser: { syntax: "typescript", tsx: true },
                transform: { react: { runtime: "automatic" } },
                target: "es2020",
              },
            },
          },
        },
      ],
    },
    optimization: {
      moduleIds: "deterministic",
      chunkIds: "deterministic",
      minimizer: [new MinimizerPlugin({ minify: MinimizerPlugin.swcMinify, extractComments: false })],
    },
    performance: { hints: false },
    plugins: [
      new ModuleFederationPlugin({
        name: app.name,
        ...(isHost ? { remotes: {} } : { filename: "remoteEntry.js", exposes: app.exposes ?? {} }),
        shared: sharedModules(isHost),
        shareStrategy: "loaded-first",
        dts: false,
        manifest: false,
        experiments: isHost ? { provideExternalRuntime: true } : { externalRuntime: true },
      }),
      new webpack.DefinePlugin({ "process.env.NODE_ENV": JSON.stringify("production") }),
      ...(isHost ? [new ShellEntryPlugin(path.join(appDir, "public"))] : []),
    ],
  };
}

/**
 * Writes `entry.json` (the files the document loads first, in order, and the chunks to preload
 * beside them) and copies `public/`:
 * the edge reads entry.json when a shell version is published.
 */
class ShellEntryPlugin {
  constructor(private readonly publicDir: string) {}

  apply(compiler: webpack.Compiler) {
    compiler.hooks.thisCompilation.tap("ShellEntryPlugin", (compilation) => {
      compilation.hooks.processAssets.tap({ name: "ShellEntryPlugin", stage: webpack.Compilation.PROCESS_ASSETS_STAGE_REPORT }, () => {
        const publicFiles = fs.existsSync(this.publicDir) ? fs.readdirSync(this.publicDir) : [];
        for (const file of publicFiles) {
          compilation.emitAsset(file, new webpack.sources.RawSource(fs.readFileSync(path.join(this.publicDir, file))));
        }
        const styles = publicFiles.filter((f) => f.endsWith(".css"));
        const scripts = compilation.entrypoints.get("main")?.getFiles().filter((f) => f.endsWith(".js")) ?? [];
        // Every other shell chunk is needed to start (react, the router, the layout): fetch them
        // alongside the entry instead of after it.
        const chunks = Object.keys(compilation.assets).filter((f) => f.endsWith(".js") && !scripts.includes(f)).sort();
        const entry = { initial: [...styles, ...scripts], preload: chunks };
        compilation.emitAsset("entry.json", new webpack.sources.RawSource(JSON.stringify(entry, null, 2)));
      });
    });
  }
}
