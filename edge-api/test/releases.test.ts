import { env as workerEnv } from "cloudflare:workers";
import { sql } from "drizzle-orm";
import { describe, expect, it } from "vitest";
import type { Env } from "../src/env";
import { RETENTION } from "../src/registry/registry";
import { signedInShopper } from "./account-helpers";
import { BUILT_WITH, call, deployHeaders, errorOf, file, json, publishShop, publishVersion, query } from "./helpers";

const env = workerEnv as unknown as Env;
const promote = (app: string, version: string, reason?: string) =>
  json("PUT", `/api/registry/${app}/stable`, { version, ...(reason && { reason }) }, deployHeaders);
const entryBuiltWith = (built: unknown) => file("entry.json", JSON.stringify({ initial: ["remoteEntry.js"], build: built }));
const changesOf = async (app: string) =>
  (
    (await (await call(`/api/registry/changes?app=${app}&limit=20`, { headers: deployHeaders })).json()) as {
      changes: Array<{ action: string; version: string; actor: string; reason: string | null; detail: Record<string, unknown> }>;
    }
  ).changes;

describe("build metadata and the compatibility guard", () => {
  it("keeps what a version was built with, and where", async () => {
    await publishShop();
    const put = await json(
      "PUT",
      "/api/registry/catalog/versions/2.2.0",
      { files: [file("remoteEntry.js", "x"), entryBuiltWith(BUILT_WITH)], build: { commit: "0123456789ab", builtAt: "2026-12-01T10:00:00.000Z" } },
      deployHeaders,
    );
    expect(put.status).toBe(201);
    const { apps } = (await (await call("/api/registry")).json()) as { apps: Array<{ name: string; versions: Array<{ version: string; build: unknown }> }> };
    expect(apps.find((a) => a.name === "catalog")!.versions.find((v) => v.version === "2.2.0")!.build).toEqual({
      ...BUILT_WITH,
      commit: "0123456789ab",
      builtAt: "2026-12-01T10:00:00.000Z",
    });
  });

  it.each([
    [
      "React's major",
      { ...BUILT_WITH, shared: { ...BUILT_WITH.shared, react: "18.3.1" } },
      /built with react 18\.3\.1, but the live shell shell@1\.0\.0 provides react 19\.3\.1/,
    ],
    ["the router's major", { ...BUILT_WITH, shared: { ...BUILT_WITH.shared, "react-router": "6.30.0" } }, /react-router 6\.30\.0/],
    ["zustand's major", { ...BUILT_WITH, shared: { ...BUILT_WITH.shared, zustand: "4.5.0" } }, /zustand 4\.5\.0/],
    ["the contracts version", { ...BUILT_WITH, contracts: "0.2.0" }, /speaks contracts 0\.2\.0, but the live shell shell@1\.0\.0 speaks 0\.1\.0/],
    ["no build metadata", undefined, /does not say what it was built with/],
  ])("refuses to make stable a remote whose %s does not match the live shell (409), and changes nothing", async (_, built, message) => {
    await publishShop();
    const files = [file("remoteEntry.js", "y"), ...(built ? [entryBuiltWith(built)] : [])];
    expect((await json("PUT", "/api/registry/cart/versions/9.0.0", { files }, deployHeaders)).status).toBe(201);
    const refused = await promote("cart", "9.0.0");
    expect(refused.status).toBe(409);
    expect(await errorOf(refused)).toMatchObject({ code: "incompatible_version", message: expect.stringMatching(message) });
    const { apps } = (await (await call("/api/registry")).json()) as { apps: Array<{ name: string; stable: string }> };
    expect(apps.find((a) => a.name === "cart")!.stable).toBe("2.0.0");
  });

  it("refuses a shell that a live remote cannot run beside, naming the remote", async () => {
    await publishShop();
    const shell = [
      file("main.js", "s2"),
      file("entry.json", JSON.stringify({ initial: ["main.js"], build: { ...BUILT_WITH, shared: { ...BUILT_WITH.shared, react: "20.0.0" } } })),
    ];
    expect((await json("PUT", "/api/registry/shell/versions/2.0.0", { files: shell }, deployHeaders)).status).toBe(201);
    const refused = await promote("shell", "2.0.0");
    expect(refused.status).toBe(409);
    expect((await errorOf(refused)).message).toMatch(/catalog@2\.0\.0 was built with react 19\.3\.1, but the shell shell@2\.0\.0 provides react 20\.0\.0/);
  });
});

describe("the change log", () => {
  it("records every publish, promote and rollback: who, when, what and why", async () => {
    await publishShop();
    await json(
      "PUT",
      "/api/registry/account/versions/2.1.0",
      { files: [file("remoteEntry.js", "a21"), entryBuiltWith(BUILT_WITH)], reason: "new sign-in page" },
      deployHeaders,
    );
    expect((await promote("account", "2.1.0", "ship the new sign-in page")).status).toBe(200);
    expect((await json("POST", "/api/registry/account/rollback", { reason: "sign-ins dropped" }, deployHeaders)).status).toBe(200);
    const [rollback, promoted, published] = await changesOf("account");
    expect(rollback).toMatchObject({ action: "rollback", version: "2.0.0", actor: "deploy token", reason: "sign-ins dropped", detail: { previous: "2.1.0" } });
    expect(promoted).toMatchObject({ action: "promote", version: "2.1.0", reason: "ship the new sign-in page", detail: { previous: "2.0.0" } });
    expect(published).toMatchObject({ action: "publish", version: "2.1.0", reason: "new sign-in page" });
    expect((await call("/api/registry/changes")).status).toBe(401);
  });

  it("takes an operator's session as well as the deploy token, and names the operator", async () => {
    await publishShop();
    const { browser, email } = await signedInShopper("release-operator");
    expect((await browser.get("/api/registry/changes")).status).toBe(403);
    await query(sql`UPDATE users SET role = 'admin' WHERE email = ${email.toLowerCase()}`);
    await publishVersion("checkout", "2.3.0", [file("remoteEntry.js", "c23")], false);
    expect((await browser.send("PUT", "/api/registry/checkout/stable", { version: "2.3.0" })).status).toBe(200);
    expect((await changesOf("checkout"))[0]).toMatchObject({ action: "promote", actor: `admin:${email.toLowerCase()}` });
  });
});

describe("retention", () => {
  it(`keeps the stable, the last ${RETENTION.rollbackTargets} rollback targets, the ${RETENTION.newest} newest and recently retired versions; prunes the rest with their files`, async () => {
    await publishShop();
    // 1.0.x were stable once, long ago: retired more than a day back.
    for (let patch = 0; patch < 5; patch++) await publishVersion("cart", `1.0.${patch}`, [file("remoteEntry.js", `old ${patch}`)]);
    await publishVersion("cart", "2.0.1", [file("remoteEntry.js", "stable")]);
    const record = (await env.REGISTRY.get<{ versions: Record<string, { publishedAt: string; retiredAt?: string }> }>("app:cart", "json"))!;
    for (const [version, stored] of Object.entries(record.versions)) {
      if (version !== "2.0.1")
        Object.assign(stored, { publishedAt: `2025-01-0${version.at(-1) === "0" ? 1 : 2}T00:00:00.000Z`, retiredAt: "2025-02-01T00:00:00.000Z" });
    }
    record.versions["1.0.0"]!.retiredAt = new Date(Date.now() - 3600_000).toISOString(); // a tab may still use it
    await env.REGISTRY.put("app:cart", JSON.stringify(record));
    for (let n = 0; n < RETENTION.newest; n++) await publishVersion("cart", `3.0.${n}`, [file("remoteEntry.js", `new ${n}`)], false);
    const { apps } = (await (await call("/api/registry")).json()) as {
      apps: Array<{ name: string; stable: string; history: string[]; versions: Array<{ version: string }> }>;
    };
    const cart = apps.find((a) => a.name === "cart")!;
    const kept = cart.versions.map((v) => v.version);
    expect(cart.stable).toBe("2.0.1");
    // Stable in turn: 2.0.0, 1.0.0 … 1.0.4, then 2.0.1. The last three earlier stable ones stay.
    expect(cart.history).toEqual(["1.0.0", "1.0.2", "1.0.3", "1.0.4"]);
    expect(kept.sort()).toEqual(["1.0.0", "1.0.2", "1.0.3", "1.0.4", "2.0.1", ...Array.from({ length: RETENTION.newest }, (_, n) => `3.0.${n}`)].sort());
    expect(await env.ASSETS.get("cart/1.0.1/remoteEntry.js")).toBeNull();
    expect(await env.ASSETS.get("cart/2.0.1/remoteEntry.js")).not.toBeNull();
    expect((await changesOf("cart")).some((c) => c.action === "prune" && (c.detail.versions as string[]).includes("1.0.1"))).toBe(true);
  });
});
