import { describe, expect, it } from "vitest";
import { AssetPath, PublishVersion, Version } from "../src";

describe("Version", () => {
  it.each(["1.0.0", "0.1.0-7242ed1d", "12.4.1-beta.2", "2.0.0-e2e.1763766000000"])("accepts %s", (v) => {
    expect(Version.safeParse(v).success).toBe(true);
  });
  it.each(["1.0", "v1.0.0", "1.0.0-", "latest", "1.0.0/../x", "", `1.0.0-${"a".repeat(80)}`])("refuses %s", (v) => {
    expect(Version.safeParse(v).success).toBe(false);
  });
});

describe("AssetPath", () => {
  it.each(["remoteEntry.js", "391.e5ebd4e4.js", "assets/fonts/inter.woff2", "entry.json"])("accepts %s", (p) => {
    expect(AssetPath.safeParse(p).success).toBe(true);
  });
  it.each(["../x.js", "a/../../x.js", "/etc/passwd", ".env", "a/.git/config", "a\\b.js", "a//b.js?", "%2e%2e/x", ""])("refuses %s", (p) => {
    expect(AssetPath.safeParse(p).success).toBe(false);
  });
});

describe("PublishVersion", () => {
  it("needs at least one file", () => {
    expect(PublishVersion.safeParse({ files: [] }).success).toBe(false);
    expect(PublishVersion.safeParse({ files: [{ path: "remoteEntry.js", contentBase64: "eA==" }] }).success).toBe(true);
  });
});
