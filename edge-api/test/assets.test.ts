import { describe, expect, it } from "vitest";
import { call, file, publishVersion } from "./helpers";

describe("asset delivery", () => {
  it("serves a version's files with content type, ETag and immutable caching", async () => {
    await publishVersion("catalog", "1.2.3", [file("remoteEntry.js", "var catalog;"), file("nested/dir/data.json", "{}")], false);
    const response = await call("/mf/catalog/1.2.3/remoteEntry.js");
    expect(response.status).toBe(200);
    expect(response.headers.get("Content-Type")).toBe("text/javascript; charset=utf-8");
    expect(response.headers.get("Cache-Control")).toBe("public, max-age=31536000, immutable");
    const etag = response.headers.get("ETag");
    expect(etag).toMatch(/^"[0-9a-f]{32}"$/);
    expect(await response.text()).toBe("var catalog;");

    const nested = await call("/mf/catalog/1.2.3/nested/dir/data.json");
    expect(nested.headers.get("Content-Type")).toBe("application/json; charset=utf-8");

    const revalidated = await call("/mf/catalog/1.2.3/remoteEntry.js", { headers: { "If-None-Match": etag! } });
    expect(revalidated.status).toBe(304);
  });

  it.each([
    "/mf/catalog/1.2.3/missing.js",
    "/mf/catalog/9.9.9/remoteEntry.js",
    "/mf/unknown/1.2.3/remoteEntry.js",
    "/mf/catalog/not-a-version/remoteEntry.js",
    "/mf/catalog/1.2.3/%2e%2e/%2e%2e/cart/1.0.0/remoteEntry.js",
    "/mf/catalog/1.2.3/..%2f..%2fcart/remoteEntry.js",
    "/mf/catalog/1.2.3/.hidden",
    "/mf/catalog/1.2.3/",
  ])("answers 404 for %s", async (path) => {
    await publishVersion("catalog", "1.2.3", [file("remoteEntry.js", "var catalog;")], false);
    const response = await call(path);
    expect(response.status).toBe(404);
    expect(response.headers.get("Content-Type")).toContain("application/json");
  });
});
