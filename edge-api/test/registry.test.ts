import { describe, expect, it } from "vitest";
import { call, deployHeaders, errorOf, file, json, publishVersion } from "./helpers";

const remoteFiles = [file("remoteEntry.js", "var cart = 1;"), file("123.abc.js", "chunk")];

describe("registry writes need the deploy token", () => {
  it.each([
    ["no token", {}],
    ["a wrong token", { Authorization: "Bearer not-the-token" }],
    ["a malformed header", { Authorization: "Basic abc" }],
  ])("refuses %s with 401 and changes nothing", async (_, headers) => {
    const response = await json("PUT", "/api/registry/cart/versions/1.0.0", { files: remoteFiles }, headers);
    expect(response.status).toBe(401);
    expect(await errorOf(response)).toMatchObject({ code: "unauthorized" });
    expect((await json("PUT", "/api/registry/cart/stable", { version: "1.0.0" }, headers)).status).toBe(401);
    expect((await call("/api/registry/cart/rollback", { method: "POST", headers })).status).toBe(401);
    const registry = (await (await call("/api/registry")).json()) as { apps: Array<{ name: string; versions: unknown[] }> };
    expect(registry.apps.find((a) => a.name === "cart")?.versions).toEqual([]);
  });
});

describe("publishing", () => {
  it("lists every app with its stable and available versions", async () => {
    await publishVersion("cart", "1.0.0", remoteFiles);
    const response = await call("/api/registry");
    expect(response.status).toBe(200);
    const { apps } = (await response.json()) as { apps: Array<{ name: string; stable: string | null; versions: Array<{ version: string }> }> };
    expect(apps.map((a) => a.name)).toEqual(["shell", "catalog", "cart", "checkout", "account"]);
    expect(apps.find((a) => a.name === "cart")).toMatchObject({ stable: "1.0.0", versions: [{ version: "1.0.0" }] });
    expect(apps.find((a) => a.name === "shell")).toMatchObject({ stable: null, versions: [] });
  });

  it("rejects malformed versions with 400 and unknown apps with 404", async () => {
    for (const version of ["1.0", "v1.0.0", "1.0.0-", "latest"]) {
      const response = await json("PUT", `/api/registry/cart/versions/${version}`, { files: remoteFiles }, deployHeaders);
      expect(response.status, version).toBe(400);
      expect((await errorOf(response)).code).toBe("invalid_request");
    }
    const unknown = await json("PUT", "/api/registry/payments/versions/1.0.0", { files: remoteFiles }, deployHeaders);
    expect(unknown.status).toBe(404);
    expect((await errorOf(unknown)).code).toBe("unknown_app");
  });

  it("rejects bad file lists with 400", async () => {
    const cases = [
      { files: [] },
      { files: [file("../escape.js", "x"), file("remoteEntry.js", "x")] },
      { files: [{ path: "remoteEntry.js", contentBase64: "%%%not base64" }] },
      { files: [file("chunk.js", "no entry")] },
    ];
    for (const body of cases) {
      const response = await json("PUT", "/api/registry/cart/versions/1.0.0", body, deployHeaders);
      expect(response.status, JSON.stringify(body)).toBe(400);
    }
  });

  it("keeps a published version immutable: same files are a no-op, different files are refused", async () => {
    expect((await json("PUT", "/api/registry/cart/versions/2.0.0", { files: remoteFiles }, deployHeaders)).status).toBe(201);
    expect((await json("PUT", "/api/registry/cart/versions/2.0.0", { files: remoteFiles }, deployHeaders)).status).toBe(200);
    const changed = await json("PUT", "/api/registry/cart/versions/2.0.0", { files: [file("remoteEntry.js", "var cart = 2;")] }, deployHeaders);
    expect(changed.status).toBe(409);
    expect((await errorOf(changed)).code).toBe("version_immutable");
    const served = await call("/mf/cart/2.0.0/remoteEntry.js");
    expect(await served.text()).toBe("var cart = 1;");
  });

  it("refuses a remote whose entry.json names files it does not publish", async () => {
    const entry = JSON.stringify({ initial: ["remoteEntry.js"], exposes: { "./App": ["missing.js"] } });
    const response = await json(
      "PUT",
      "/api/registry/catalog/versions/1.0.0",
      { files: [file("remoteEntry.js", "x"), file("entry.json", entry)] },
      deployHeaders,
    );
    expect(response.status).toBe(400);
    expect((await errorOf(response)).code).toBe("invalid_entry");
  });

  it("requires a shell version to say which files load first", async () => {
    const noEntry = await json("PUT", "/api/registry/shell/versions/1.0.0", { files: [file("main.js", "x")] }, deployHeaders);
    expect(noEntry.status).toBe(400);
    const missingFile = await json(
      "PUT",
      "/api/registry/shell/versions/1.0.0",
      { files: [file("entry.json", JSON.stringify({ initial: ["main.js"] }))] },
      deployHeaders,
    );
    expect(missingFile.status).toBe(400);
  });
});

describe("promote and rollback", () => {
  it("promotes only published versions, and rolls back to the previous stable", async () => {
    const unknown = await json("PUT", "/api/registry/cart/stable", { version: "9.9.9" }, deployHeaders);
    expect(unknown.status).toBe(404);
    expect((await errorOf(unknown)).code).toBe("unknown_version");

    await publishVersion("cart", "1.0.0", remoteFiles);
    await publishVersion("cart", "1.1.0", [file("remoteEntry.js", "var cart = 11;")]);
    const rolledBack = await call("/api/registry/cart/rollback", { method: "POST", headers: deployHeaders });
    expect(rolledBack.status).toBe(200);
    expect(await rolledBack.json()).toMatchObject({ stable: "1.0.0", history: [] });

    const nothingLeft = await call("/api/registry/cart/rollback", { method: "POST", headers: deployHeaders });
    expect(nothingLeft.status).toBe(409);
    expect((await errorOf(nothingLeft)).code).toBe("nothing_to_roll_back");
  });
});
