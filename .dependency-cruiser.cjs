// The shop's dependency rules, checked by `npm test` (`npm run check:deps` alone):
// who may import whom, so the places the design names stay the places the code has.
/** @type {import('dependency-cruiser').IConfiguration} */
module.exports = {
  forbidden: [
    {
      name: "no-cycles",
      comment: "A module never depends on itself through others: each depends on what it needs, one way.",
      severity: "error",
      from: {},
      // A type-only import (env.ts naming the shopper's type) is erased at build time: no cycle at run time.
      to: { circular: true, viaOnly: { dependencyTypesNot: ["type-only"] } },
    },
    {
      name: "domains-own-their-tables",
      comment:
        "A domain of the Worker reads and writes only its own tables (its schema.ts); it asks other domains through their functions. " +
        "A schema may name another domain's table for a foreign key.",
      severity: "error",
      from: { path: "^edge-api/src/([^/]+)/", pathNot: "^edge-api/src/[^/]+/schema\\.ts$" },
      to: { path: "^edge-api/src/[^/]+/schema\\.ts$", pathNot: "^edge-api/src/$1/schema\\.ts$" },
    },
    {
      name: "remotes-ship-alone",
      comment: "A remote (or the shell) never imports another app's source: they meet through @shop/contracts and the federation runtime.",
      severity: "error",
      from: { path: "^(shell|mfe-[^/]+)/" },
      to: { path: "^(shell|mfe-[^/]+)/", pathNot: "^$1/" },
    },
    {
      name: "packages-stand-alone",
      comment: "The shared packages know no app and no Worker.",
      severity: "error",
      from: { path: "^packages/" },
      to: { path: "^(shell|mfe-[^/]+|edge-api|tools)/" },
    },
  ],
  options: {
    doNotFollow: { path: "node_modules" },
    exclude: { path: "(^|/)(node_modules|dist|\\.turbo|\\.data)/" },
    // Type-only imports count too: a domain may not even name another domain's row types.
    tsPreCompilationDeps: true,
    tsConfig: { fileName: "tsconfig.base.json" },
    enhancedResolveOptions: {
      exportsFields: ["exports"],
      conditionNames: ["import", "require", "node", "default", "types"],
      extensions: [".ts", ".tsx", ".js", ".mjs"],
    },
    reporterOptions: { text: { highlightFocused: true } },
  },
};
