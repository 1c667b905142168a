import fs from "node:fs";
import { createRequire } from "node:module";
import path from "node:path";
import { ModuleFederationPlugin } from "@module-federation/enhanced/webpack";
import MinimizerPlugin from "minimizer-webpack-plugin";
import webpack from "webpack";

export interface AppConfig {
  /** Federation name; also the app's name in the registry. */
  name: "shell" | "catalog" | "cart" | "checkout" | "account";
  /** Coarse entry points a remote offers: a route element, a widget, its store. */
  exposes?: Record<string, string>;
  /**
   * Modules the edge renders to HTML (the page table says where): a server bundle, server.js, for
   * workerd. A remote names some of its exposes; the shell names its layout.
   */
  edgeRendered?: Record<string, string>;
}

// One instance of each for the whole page. What the shell itself uses, remotes do not bundle
// (`import: false`): the shell provides it, which keeps every remote small. zustand is used by the
// cart alone, so the cart brings it and shares it.
// The router is shared through @shop/router, which exposes only the router API the apps use.
const PROVIDED_BY_SHELL = ["react", "react/jsx-runtime", "react-dom", "react-dom/client", "@shop/router", "@shop/federation"];
const SHARED_BY_REMOTES = ["zustand"];

// No version range for the runtime to check: the edge only ever composes versions built against
// the same singletons (compatibility.ts), and the runtime's semver check on every shared import
// costs the browser tens of milliseconds of start-up.
const SINGLETON = { singleton: true, requiredVersion: false } as const;

function sharedModules(isHost: boolean) {
  return Object.fromEntries([
    ...PROVIDED_BY_SHELL.map((name) => [name, isHost ? SINGLETON : { ...SINGLETON, import: false as const }]),
    ...SHARED_BY_REMOTES.map((name) => [name, SINGLETON]),
  ]);
}

const require = createRequire(import.meta.url);

/** TypeScript and TSX through swc; a `.css` file imported from code is its text. */
const sourceRules: webpack.RuleSetRule[] = [
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
  { test: /\.css$/, type: "asset/source" },
];

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
    // The shell's application, and its islands host (pages of islands load it at their first island's need).
    entry: isHost ? { main: "./src/index.ts", [ISLANDS_ENTRY]: "./src/islands/index.ts" } : {},
    devtool: false,
    target: "web",
    output: {
      path: path.join(appDir, "dist"),
      // A version's files live under /mf/<app>/<version>/, so names need no hash of their own.
      filename: "[name].js",
      // Named by content alone: the federation runtime emits a host's shared react-dom twice (for
      // providing it and as a fallback when consuming it), and identical chunks then share one file
      // (the page preloaded the second copy and never used it).
      chunkFilename: "[contenthash:8].js",
      publicPath: "auto",
      uniqueName: `shop_${app.name}`,
      clean: true,
    },
    resolve: { extensions: [".ts", ".tsx", ".js"], alias: { ...federationRuntimeAliases(), ...productionRouter() } },
    module: { rules: sourceRules },
    optimization: {
      moduleIds: "deterministic",
      chunkIds: "deterministic",
      minimizer: [new MinimizerPlugin({ minify: MinimizerPlugin.swcMinify, extractComments: false })],
    },
    performance: { hints: false },
    plugins: [
      new ModuleFederationPlugin({
        name: app.name,
        ...(isHost ? { remotes: {} } : { filename: "remoteEntry.js", exposes: namedExposes(app.exposes ?? {}) }),
        shared: sharedModules(isHost),
        shareStrategy: "loaded-first",
        dts: false,
        manifest: false,
        experiments: {
          ...(isHost ? { provideExternalRuntime: true } : { externalRuntime: true }),
          // The runtime's own switches: a browser build (its Node script loader is dropped), and no
          // manifest snapshots (remotes are registered by their remoteEntry.js, from the edge's map).
          optimization: { target: "web", disableSnapshot: true },
        },
      }),
      new webpack.DefinePlugin({ "process.env.NODE_ENV": JSON.stringify("production") }),
      new EntryManifestPlugin(app, appDir, path.join(appDir, "public")),
    ],
  };
}

// The singletons one page shares (see compatibility.ts at the edge): a version records which it was
// built with, so the registry can refuse one that cannot run beside the live shell.
const SINGLETON_PACKAGES = ["react", "react-router", "zustand"];

/** entry.json's `build`: the installed versions of the shared singletons and of @shop/contracts. */
function builtWith(appDir: string) {
  const appRequire = createRequire(path.join(appDir, "package.json"));
  const versionOf = (name: string) => (JSON.parse(fs.readFileSync(appRequire.resolve(`${name}/package.json`), "utf8")) as { version: string }).version;
  return {
    shared: Object.fromEntries(SINGLETON_PACKAGES.map((name) => [name, versionOf(name)])),
    contracts: versionOf("@shop/contracts"),
  };
}

/** The chunk group name of an exposed module, so entry.json can say which files it needs. */
const exposeChunkName = (expose: string) => `expose_${expose.replace(/^\.\//, "").replace(/\W/g, "_")}`;

function namedExposes(exposes: Record<string, string>) {
  return Object.fromEntries(Object.entries(exposes).map(([expose, file]) => [expose, { import: file, name: exposeChunkName(expose) }]));
}

/**
 * Writes `entry.json`, which the edge reads when a version is published, so the shell document can
 * request everything a page needs at once instead of each file after the one that names it:
 * - shell: `initial` (stylesheet and entry script, in order) and `preload` (the chunks start-up needs);
 * - remote: `initial` (remoteEntry.js), `exposes` (the chunks of each exposed module) and `styles`;
 * - either, when it renders at the edge: `server` (its server bundle) and `edgeRendered` (what it renders).
 * Also copies `public/` into the build.
 */
class EntryManifestPlugin {
  constructor(
    private readonly app: AppConfig,
    private readonly appDir: string,
    private readonly publicDir: string,
  ) {}

  apply(compiler: webpack.Compiler) {
    compiler.hooks.thisCompilation.tap("EntryManifestPlugin", (compilation) => {
      compilation.hooks.processAssets.tap({ name: "EntryManifestPlugin", stage: webpack.Compilation.PROCESS_ASSETS_STAGE_REPORT }, () => {
        const publicFiles = fs.existsSync(this.publicDir) ? fs.readdirSync(this.publicDir) : [];
        for (const file of publicFiles) {
          compilation.emitAsset(file, new webpack.sources.RawSource(fs.readFileSync(path.join(this.publicDir, file))));
        }
        const js = (files: Iterable<string>) => [...files].filter((f) => f.endsWith(".js")).sort();
        let entry: object;
        if (this.app.name === "shell") {
          const scripts = js(compilation.entrypoints.get("main")?.getFiles() ?? []);
          const styles = publicFiles.filter((f) => f.endsWith(".css"));
          // Every other shell chunk is needed to start (react, the router, the layout), except those
          // only the back office loads when it is opened (chunks named `back-office-…`), and the
          // fallbacks of shared modules: the shell provides each of them itself.
          const fallbacks = new Set(
            [...compilation.modules]
              .filter((module) => module.type === "consume-shared-module")
              .flatMap((module) => module.blocks.map((block) => compilation.chunkGraph.getBlockChunkGroup(block))),
          );
          const notAtStart = filesOnlyIn(
            compilation,
            (group) => fallbacks.has(group) || Boolean(group.name?.startsWith("back-office") || group.name?.startsWith(ISLANDS_ENTRY)),
          );
          entry = {
            initial: [...styles, ...scripts],
            preload: js(Object.keys(compilation.assets)).filter((f) => !scripts.includes(f) && !notAtStart.has(f)),
            // A page of islands inlines the loader and, at its first island's need, loads the host.
            exposes: {
              "./islands": js(compilation.entrypoints.get(ISLANDS_ENTRY)?.getFiles() ?? []),
              "./island-loader": [ISLAND_LOADER_FILE],
            },
          };
        } else {
          const exposes = Object.fromEntries(
            Object.keys(this.app.exposes ?? {}).map((expose) => [expose, js(compilation.namedChunkGroups.get(exposeChunkName(expose))?.getFiles() ?? [])]),
          );
          const styles = path.join(this.appDir, "src/styles.css");
          if (fs.existsSync(styles)) compilation.emitAsset("styles.css", new webpack.sources.RawSource(fs.readFileSync(styles)));
          entry = { initial: ["remoteEntry.js"], exposes, ...(fs.existsSync(styles) && { styles: ["styles.css"] }) };
        }
        if (this.app.edgeRendered) entry = { ...entry, server: SERVER_FILE, edgeRendered: Object.keys(this.app.edgeRendered) };
        compilation.emitAsset("entry.json", new webpack.sources.RawSource(JSON.stringify({ ...entry, build: builtWith(this.appDir) }, null, 2)));
      });
    });
  }
}

/** Files of the chunk groups that pass, which no other chunk group needs. */
function filesOnlyIn(compilation: webpack.Compilation, passes: (group: webpack.ChunkGroup) => boolean): Set<string> {
  const inNamed = new Set<string>();
  const elsewhere = new Set<string>();
  for (const group of compilation.chunkGroups) {
    const into = passes(group) ? inNamed : elsewhere;
    for (const chunk of group.chunks) for (const file of chunk.files) into.add(file);
  }
  return new Set([...inNamed].filter((file) => !elsewhere.has(file)));
}

export const SERVER_FILE = "server.js";

const ISLANDS_ENTRY = "islands";
const ISLAND_LOADER_FILE = "island-loader.js";

/**
 * The shell's islands loader, on its own: a few hundred bytes a page of islands inlines and runs
 * before anything else, so no federation runtime and no shared modules (built after the browser
 * build, which cleans dist/).
 */
export function islandLoaderWebpackConfig(appDir: string): webpack.Configuration {
  return {
    mode: "production",
    context: appDir,
    entry: { loader: "./src/islands/loader.ts" },
    devtool: false,
    target: "web",
    output: { path: path.join(appDir, "dist"), filename: ISLAND_LOADER_FILE, iife: true, clean: false },
    resolve: { extensions: [".ts", ".tsx", ".js"] },
    module: { rules: sourceRules },
    optimization: { minimizer: [new MinimizerPlugin({ minify: MinimizerPlugin.swcMinify, extractComments: false })] },
    performance: { hints: false },
    plugins: [new webpack.DefinePlugin({ "process.env.NODE_ENV": JSON.stringify("production") })],
  };
}

/**
 * The server bundle: the app's edge-rendered modules and React's server renderer in one ES module
 * for workerd, which the edge loads into an isolate of its own (a Worker Loader) with no network.
 * Its default export is the RPC entrypoint `render(areas, url, api)`; see @shop/federation/edge.
 */
export function serverWebpackConfig(appDir: string, app: AppConfig): webpack.Configuration {
  const modules = Object.entries(app.edgeRendered ?? {});
  const entrySource = [
    `import { WorkerEntrypoint } from "cloudflare:workers";`,
    `import { renderAreas } from "@shop/federation/edge";`,
    ...modules.map(([, file], i) => `import * as m${i} from ${JSON.stringify(path.resolve(appDir, file))};`),
    `const modules = { ${modules.map(([name], i) => `${JSON.stringify(name)}: m${i}`).join(", ")} };`,
    `export default class extends WorkerEntrypoint { render(areas, url, api) { return renderAreas(modules, areas, url, api); } }`,
  ].join("\n");
  const entryFile = path.join(appDir, "node_modules/.cache/shop-build/server-entry.mjs");
  fs.mkdirSync(path.dirname(entryFile), { recursive: true });
  fs.writeFileSync(entryFile, entrySource);
  return {
    mode: "production",
    context: appDir,
    entry: { server: entryFile },
    devtool: false,
    target: "webworker",
    experiments: { outputModule: true },
    output: { path: path.join(appDir, "dist"), filename: SERVER_FILE, module: true, library: { type: "module" }, chunkFormat: "module", clean: false },
    externalsType: "module",
    externals: { "cloudflare:workers": "cloudflare:workers" },
    resolve: {
      extensions: [".ts", ".tsx", ".js"],
      // workerd's builds (react-dom/server.edge); the page's shared packages are bundled in, and
      // @shop/federation is its edge variant (slots instead of remote loading).
      conditionNames: ["workerd", "worker", "import", "module", "browser", "default"],
      alias: { "@shop/federation$": require.resolve("@shop/federation/edge-federation"), ...productionRouter() },
    },
    module: { rules: sourceRules },
    optimization: { minimizer: [new MinimizerPlugin({ minify: MinimizerPlugin.swcMinify, extractComments: false })] },
    performance: { hints: false },
    plugins: [new webpack.optimize.LimitChunkCountPlugin({ maxChunks: 1 }), new webpack.DefinePlugin({ "process.env.NODE_ENV": JSON.stringify("production") })],
  };
}
