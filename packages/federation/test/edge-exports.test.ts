import { describe, expect, it } from "vitest";
import * as edge from "../src/edge/index";
import * as browser from "../src/index";

// A remote's server bundle gets the edge entry in place of @shop/federation (the build aliases it):
// every name a remote can import must be there too, or its server bundle fails only at the edge.

/** Names only the shell imports (its application, and its islands host): the shell's layout renders at the edge, never these. */
const SHELL_ONLY = ["confirmExposuresToEdge", "focusInto", "onRemoteLoaded", "reportFailureToEdge"];

describe("@shop/federation at the edge", () => {
  it("exports every name the browser's entry does (but the shell's own)", () => {
    const missing = Object.keys(browser).filter((name) => !(name in edge) && !SHELL_ONLY.includes(name));
    expect(missing).toEqual([]);
  });

  it("exports nothing the browser's entry does not", () => {
    expect(Object.keys(edge).filter((name) => !(name in browser))).toEqual([]);
  });
});
