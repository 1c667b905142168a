import { env as workerEnv } from "cloudflare:workers";
import { sql } from "drizzle-orm";
import { describe, expect, it } from "vitest";
import { openDatabase } from "../src/db/client";
import type { Env } from "../src/env";
import { variantOf } from "../src/experiments/assignment";
import { advanceRollouts } from "../src/experiments/guardrail";
import { forgetOldFailures } from "../src/experiments/measurement";
import { signValue } from "../src/security/signed-value";
import { signedInShopper } from "./account-helpers";
import { cartWith } from "./cart-helpers";
import { ownSkus, pay, startCheckout } from "./checkout-helpers";
import { TEST_DATABASE as TEST_SECRETS } from "./database";
import { call, countOf, deployHeaders, errorOf, file, json, pinLinkFor, publishShop, publishVersion, query, visitorCookie } from "./helpers";

const env = workerEnv as unknown as Env;
const remoteMapOf = (page: string) =>
  JSON.parse(/<script id="remote-map" type="application\/json">(.*?)<\/script>/.exec(page)![1]!) as Record<string, { version: string; pinned?: true }>;
// The database outlives a run (KV does not): every run's experiments and visitors are its own.
const RUN = Math.random().toString(36).slice(2, 8);
const id = (n: number) => `v${RUN}-${String(n).padStart(10, "0")}`;
const named = (name: string) => `${name}-${RUN}`;
const shopPage = async (path: string, cookie = "") => {
  const response = await call(path, { headers: cookie ? { Cookie: cookie } : {} });
  expect(response.status).toBe(200);
  return { response, map: remoteMapOf(await response.text()) };
};
const putExperiment = (name: string, body: unknown) => json("PUT", `/api/registry/experiments/${name}`, body, deployHeaders);
const reportOf = async (name: string) =>
  (await (await call(`/api/registry/experiments/${name}/report`, { headers: deployHeaders })).json()) as {
    verdict: string;
    variants: Array<{
      variant: string;
      visitors: number;
      orders: number;
      revenueCents: number;
      networks: number;
      failed: number;
      stopped: { reason: string } | null;
      verdict: string;
    }>;
  };

/** The shop, plus more versions of the catalog and the cart to test with. */
async function shopWithCandidates() {
  await publishShop();
  await publishVersion("catalog", "2.1.0", [file("remoteEntry.js", "var catalog = 21;")], false);
  await publishVersion("cart", "3.0.0", [file("remoteEntry.js", "var cart = 3;")], false);
}

/** A visitor id that lands in the named variant. */
function visitorIn(
  experiment: { id: string; variants: Array<{ name: string; weight: number; versions: Partial<Record<string, string>> }> },
  variant: string,
  from = 0,
) {
  for (let n = from; ; n++) if (variantOf(experiment, id(n)).name === variant) return id(n);
}

const searchTest = (name: string) => ({
  id: named(name),
  variants: [
    { name: "control", weight: 50, versions: {} },
    { name: "b", weight: 50, versions: { catalog: "2.1.0", cart: "3.0.0" } },
  ],
});

describe("assignment", () => {
  it("splits 10,000 visitors within 2 points of each weight, independently between experiments", () => {
    const a = {
      id: "a",
      variants: [
        { name: "control", weight: 90, versions: {} },
        { name: "b", weight: 10, versions: {} },
      ],
    };
    const b = {
      id: "b",
      variants: [
        { name: "x", weight: 50, versions: {} },
        { name: "y", weight: 30, versions: {} },
        { name: "z", weight: 20, versions: {} },
      ],
    };
    const counts = new Map<string, number>();
    for (let n = 0; n < 10_000; n++) {
      const key = `${variantOf(a, id(n)).name}/${variantOf(b, id(n)).name}`;
      counts.set(key, (counts.get(key) ?? 0) + 1);
    }
    const share = (match: (key: string) => boolean) => [...counts].filter(([key]) => match(key)).reduce((sum, [, c]) => sum + c, 0) / 100;
    expect(Math.abs(share((k) => k.startsWith("b/")) - 10)).toBeLessThanOrEqual(2);
    for (const [name, weight] of [
      ["x", 50],
      ["y", 30],
      ["z", 20],
    ] as const)
      expect(Math.abs(share((k) => k.endsWith(`/${name}`)) - weight)).toBeLessThanOrEqual(2);
    // Independent: among a's "b" visitors, b's split is still 50/30/20.
    const inB = share((k) => k.startsWith("b/"));
    expect(Math.abs((share((k) => k === "b/x") / inB) * 100 - 50)).toBeLessThanOrEqual(6);
  });

  it("gives a visitor the same variant on every page and reload, with all of a multi-app variant's versions together", async () => {
    await shopWithCandidates();
    const test = searchTest("sticky");
    expect((await putExperiment(test.id, { variants: test.variants })).status).toBe(201);
    const inB = visitorCookie(visitorIn(test, "b"));
    const inControl = visitorCookie(visitorIn(test, "control"));
    for (const path of ["/", "/cart", "/", "/search?q=x"]) {
      const { map } = await shopPage(path, inB);
      expect([map.catalog!.version, map.cart!.version]).toEqual(["2.1.0", "3.0.0"]);
      const control = (await shopPage(path, inControl)).map;
      expect([control.catalog!.version, control.cart!.version]).toEqual(["2.0.0", "2.0.0"]);
    }
  });

  it("mints a visitor cookie on the first document, and marks the document private", async () => {
    await shopWithCandidates();
    const { response } = await shopPage("/");
    const visitor = response.headers.getSetCookie().find((c) => c.startsWith("shop_visitor="))!;
    // Minted and signed by the edge: `<22-character id>.<signature>`, as the edge alone can write it.
    expect(decodeURIComponent(visitor)).toMatch(
      /^shop_visitor=shop_visitor:[A-Za-z0-9_-]{22}\.[A-Za-z0-9+/=]{44}; Max-Age=34560000; Path=\/; HttpOnly; SameSite=Lax$/,
    );
    expect(response.headers.get("Cache-Control")).toBe("private, no-cache");
  });

  it("lets QA pin published versions for the session with an operator's signed link, marked for the page's notice; ?pin=off ends it", async () => {
    await shopWithCandidates();
    const link = await pinLinkFor({ catalog: "2.1.0", cart: "2.0.0" });
    const { response, map } = await shopPage(link);
    expect(map.catalog).toMatchObject({ version: "2.1.0", pinned: true });
    const pin = response.headers.getSetCookie().find((c) => c.startsWith("shop_pin="))!;
    expect(pin).not.toContain("Max-Age"); // a session cookie
    const session = pin.split(";")[0]!;
    expect((await shopPage("/cart", session)).map.catalog).toMatchObject({ version: "2.1.0", pinned: true });
    const ended = await shopPage("/?pin=off", session);
    expect(ended.map.catalog!.version).toBe("2.0.0");
    expect(ended.response.headers.getSetCookie().find((c) => c.startsWith("shop_pin="))).toContain("Max-Age=0");
    const { changes } = (await (await call("/api/registry/changes?limit=1", { headers: deployHeaders })).json()) as {
      changes: Array<{ action: string; actor: string }>;
    };
    expect(changes[0]).toMatchObject({ action: "pin_issued", actor: "deploy token" });
  });

  it("ignores a pin a link from anyone else writes: hand-written, tampered, another token, or expired; refuses to issue one for an unpublished version", async () => {
    await shopWithCandidates();
    const link = new URL(await pinLinkFor({ catalog: "2.1.0" }), "http://shop.test");
    const token = link.searchParams.get("pin")!;
    const [value, signature] = [token.slice(0, token.lastIndexOf(".")), token.slice(token.lastIndexOf(".") + 1)];
    const expired = `shop_pin:catalog@2.1.0~${Math.floor(Date.now() / 1000) - 60}`;
    for (const forged of [
      "catalog@2.1.0",
      `${value.replace("2.1.0", "2.0.0")}.${signature}`,
      decodeURIComponent(visitorCookie("catalog@2.1.0").split("=")[1]!),
      `${expired}.${signValue(expired, TEST_SECRETS.cookieSecret).split(".").pop()}`,
    ]) {
      const { response, map } = await shopPage(`/?pin=${encodeURIComponent(forged)}`);
      expect(map.catalog, forged).toEqual(expect.not.objectContaining({ pinned: true }));
      expect(map.catalog!.version).toBe("2.0.0");
      expect(response.headers.getSetCookie().find((c) => c.startsWith("shop_pin="))).toBeUndefined();
    }
    expect((await shopPage("/", `shop_pin=${encodeURIComponent(expired)}`)).map.catalog!.version).toBe("2.0.0");
    const unpublished = await json("POST", "/api/registry/pins", { pins: { catalog: "9.9.9" } }, deployHeaders);
    expect(unpublished.status).toBe(404);
    expect((await json("POST", "/api/registry/pins", { pins: { catalog: "2.1.0" }, hours: 24 * 30 }, deployHeaders)).status).toBe(400);
    expect((await json("POST", "/api/registry/pins", { pins: { catalog: "2.1.0" } })).status).toBe(401);
  });
});

describe("measurement", () => {
  it("counts an exposure once per visitor, and only on pages that show the experiment's apps", async () => {
    await shopWithCandidates();
    const test = {
      id: named("checkout-only"),
      variants: [
        { name: "control", weight: 50, versions: {} },
        { name: "b", weight: 50, versions: {} },
      ],
    };
    await publishVersion("checkout", "2.5.0", [file("remoteEntry.js", "var checkout = 25;")], false);
    test.variants[1]!.versions = { checkout: "2.5.0" };
    expect((await putExperiment(test.id, { variants: test.variants })).status).toBe(201);
    const visitor = id(1);
    await shopPage("/", visitorCookie(visitor)); // no checkout on the home page
    const exposures = () => countOf(sql`SELECT count(*) FROM experiment_exposures WHERE experiment_id = ${test.id} AND visitor_id = ${visitor}`);
    expect(await exposures()).toBe(0);
    const first = await shopPage("/checkout", visitorCookie(visitor));
    const seen = first.response.headers
      .getSetCookie()
      .find((c) => c.startsWith("shop_seen="))!
      .split(";")[0]!;
    await shopPage("/checkout/details", `${visitorCookie(visitor)}; ${seen}`);
    await shopPage("/checkout", visitorCookie(visitor)); // even without the cookie: once
    expect(await exposures()).toBe(1);
  });

  it("attributes an order, with its revenue, to the variant its buyer saw", async () => {
    await shopWithCandidates();
    const test = searchTest("attribution");
    await putExperiment(test.id, { variants: test.variants });
    const visitor = visitorIn(test, "b", 500);
    await shopPage("/", visitorCookie(visitor));
    const [sku] = await ownSkus(490, 1, 10);
    const { cookie } = await cartWith([[sku!.sku, 2]]);
    const started = await startCheckout(`${cookie}; ${visitorCookie(visitor)}`);
    const checkout = (await started.json()) as { id: string; totals: { total: { amount: number } } };
    expect((await pay(cookie, checkout.id, "pm_card_visa")).status).toBe("succeeded");
    const report = await reportOf(test.id);
    const b = report.variants.find((v) => v.variant === "b")!;
    expect(b).toMatchObject({ visitors: 1, orders: 1, revenueCents: checkout.totals.total.amount });
    expect(report.variants[0]).toMatchObject({ orders: 0 });
  });
});

describe("operators' experiment changes", () => {
  it("refuses unknown and incompatible versions, apps already in an experiment, and bad weights", async () => {
    await shopWithCandidates();
    const twoVariants = (versions: Record<string, string>) => ({
      variants: [
        { name: "control", weight: 50 },
        { name: "b", weight: 50, versions },
      ],
    });
    const [x, y, z] = [named("x"), named("y"), named("z")];
    expect((await putExperiment(x, twoVariants({ catalog: "7.7.7" }))).status).toBe(404);
    await publishVersion(
      "catalog",
      "3.0.0-react18",
      [
        file("remoteEntry.js", "old"),
        file("entry.json", JSON.stringify({ initial: ["remoteEntry.js"], build: { shared: { react: "18.3.1" }, contracts: "0.1.0" } })),
      ],
      false,
    );
    const old = await putExperiment(x, twoVariants({ catalog: "3.0.0-react18" }));
    expect(old.status).toBe(409);
    expect((await errorOf(old)).message).toMatch(/react 18\.3\.1.*provides react 19\.3\.1/);
    expect((await putExperiment(x, twoVariants({ catalog: "2.1.0" }))).status).toBe(201);
    const clash = await putExperiment(y, twoVariants({ catalog: "2.1.0" }));
    expect(clash.status).toBe(409);
    expect((await errorOf(clash)).code).toBe("app_in_experiment");
    expect(
      (
        await putExperiment(z, {
          variants: [
            { name: "control", weight: 60 },
            { name: "b", weight: 50, versions: { cart: "3.0.0" } },
          ],
        })
      ).status,
    ).toBe(400);
    expect((await call(`/api/registry/experiments/${x}`, { method: "PUT", body: "{}", headers: { "Content-Type": "application/json" } })).status).toBe(401);
  });

  it("stops an experiment: visitors get the stable versions, the report stays, and the change log says who and why", async () => {
    await shopWithCandidates();
    const test = searchTest("stopped");
    await putExperiment(test.id, { variants: test.variants, reason: "does the new search sell more?" });
    const inB = visitorCookie(visitorIn(test, "b"));
    expect((await shopPage("/", inB)).map.catalog!.version).toBe("2.1.0");
    expect((await call(`/api/registry/experiments/${test.id}?reason=enough%20data`, { method: "DELETE", headers: deployHeaders })).status).toBe(200);
    expect((await shopPage("/", inB)).map.catalog!.version).toBe("2.0.0");
    expect((await call(`/api/registry/experiments/${test.id}/report`, { headers: deployHeaders })).status).toBe(200);
    const { changes } = (await (await call(`/api/registry/changes?experiment=${test.id}`, { headers: deployHeaders })).json()) as {
      changes: Array<{ action: string; actor: string; reason: string }>;
    };
    expect(changes.slice(0, 2)).toMatchObject([
      { action: "experiment_stop", actor: "deploy token", reason: "enough data" },
      { action: "experiment_start", actor: "deploy token", reason: "does the new search sell more?" },
    ]);
  });
});

describe("guardrail and rollout", () => {
  const guarded = {
    variants: [
      { name: "control", weight: 50 },
      { name: "b", weight: 50, versions: { catalog: "2.1.0" } },
    ],
    guardrail: { maxFailureRate: 0.3, minExposures: 4 },
  };
  let networks = 0;
  /** A browser of its own network (its own address). */
  const newAddress = () => `2001:db8:${RUN.slice(0, 4)}:${(networks++).toString(16)}::1`;
  const from = (visitor: string, address: string) => ({ Cookie: visitorCookie(visitor), "CF-Connecting-IP": address, Origin: "http://shop.test" });
  /** The visitor's browser gets a page (an exposure) and its shell runs (the exposure is confirmed). */
  async function visit(path: string, visitor: string, address = newAddress()) {
    expect((await call(path, { headers: from(visitor, address) })).status).toBe(200);
    expect((await call("/api/delivery/exposures", { method: "POST", headers: from(visitor, address) })).status).toBe(204);
    return address;
  }
  const fail = (visitor: string, version: string, address: string) =>
    json("POST", "/api/delivery/failures", { app: "catalog", version, kind: "render" }, from(visitor, address));

  it("stops a variant whose failure rate passes its threshold over enough networks; the next visitor gets the stable version", async () => {
    await shopWithCandidates();
    const experiment = { id: named("guarded"), variants: guarded.variants.map((v) => ({ versions: {}, ...v })) };
    await putExperiment(experiment.id, guarded);
    const inB = [0, 1, 2, 3].map((n) => visitorIn(experiment, "b", n * 1000));
    const addresses = [];
    for (const visitor of inB) addresses.push(await visit("/", visitor));
    // One failure in four (25%) is within the 30% guardrail; a failure of another version does not count.
    expect((await fail(inB[0]!, "2.1.0", addresses[0]!)).status).toBe(204);
    expect((await fail(inB[1]!, "2.0.0", addresses[1]!)).status).toBe(204);
    expect((await fail(inB[0]!, "2.1.0", addresses[0]!)).status).toBe(204); // the same visitor again: once
    expect((await reportOf(experiment.id)).variants[1]).toMatchObject({ networks: 4, failed: 1, stopped: null });
    await fail(inB[2]!, "2.1.0", addresses[2]!); // 2 of 4 = 50%
    const report = await reportOf(experiment.id);
    expect(report.variants[1]!.stopped?.reason).toMatch(/50% of the 4 networks that ran it reported a failure, above the guardrail's 30%/);
    expect(report.verdict).toMatch(/^b stopped/);
    expect((await shopPage("/", visitorCookie(visitorIn(experiment, "b", 9000)))).map.catalog!.version).toBe("2.0.0");
    expect(await countOf(sql`SELECT count(*) FROM registry_changes WHERE action = 'variant_stopped' AND experiment = ${experiment.id}`)).toBe(1);
  });

  it("cannot be pushed over by one client: 30 minted visitors in the variant, each confirmed and failing from one address, count as one network", async () => {
    await shopWithCandidates();
    const experiment = { id: named("pushed"), variants: guarded.variants.map((v) => ({ versions: {}, ...v })) };
    await putExperiment(experiment.id, guarded);
    const attacker = newAddress();
    const answers: number[] = [];
    for (let n = 0; n < 30; n++) {
      // A cookieless visit mints a visitor; the attacker keeps the ones that landed in b.
      const minted = await call("/", { headers: { "CF-Connecting-IP": attacker } });
      const cookie = minted.headers
        .getSetCookie()
        .find((c) => c.startsWith("shop_visitor="))!
        .split(";")[0]!;
      const headers = { Cookie: cookie, "CF-Connecting-IP": attacker, Origin: "http://shop.test" };
      await call("/api/delivery/exposures", { method: "POST", headers });
      answers.push((await json("POST", "/api/delivery/failures", { app: "catalog", version: "2.1.0", kind: "render" }, headers)).status);
    }
    // Reports past the address's limit are refused outright.
    expect(answers.filter((status) => status === 429)).toHaveLength(10);
    const b = (await reportOf(experiment.id)).variants[1]!;
    expect(b.networks).toBe(1);
    expect(b.failed).toBeLessThanOrEqual(1);
    expect(b.stopped).toBeNull();
    expect(await countOf(sql`SELECT count(*) FROM registry_changes WHERE action = 'variant_stopped' AND experiment = ${experiment.id}`)).toBe(0);
  });

  it("cannot be held back by one client: 120 minted exposures from one address do not hide real failures from other networks", async () => {
    await shopWithCandidates();
    const experiment = {
      id: named("diluted"),
      variants: [
        { name: "control", weight: 0, versions: {} },
        { name: "b", weight: 100, versions: { catalog: "2.1.0" } },
      ],
    };
    await putExperiment(experiment.id, { variants: experiment.variants, guardrail: { maxFailureRate: 0.1, minExposures: 10 } });
    const diluter = newAddress();
    for (let n = 0; n < 120; n++) await visit("/", visitorIn(experiment, "b", 20_000 + n), diluter);
    const real = [];
    for (let n = 0; n < 20; n++)
      real.push({ visitor: visitorIn(experiment, "b", 40_000 + n * 10), address: await visit("/", visitorIn(experiment, "b", 40_000 + n * 10)) });
    for (const { visitor, address } of real.slice(0, 4)) expect((await fail(visitor, "2.1.0", address)).status).toBe(204);
    const b = (await reportOf(experiment.id)).variants[1]!;
    expect(b).toMatchObject({ visitors: 140, networks: 21, failed: 4 });
    // Stopped at the third failure: 3 of 21 networks (14.3%) is over 10%. Counted per visitor, the 140 exposures would have hidden it (2.1%).
    expect(b.stopped?.reason).toMatch(/14\.3% of the 21 networks that ran it reported a failure/);
  });

  it("counts nothing for a visitor id the edge did not sign, or a version the visitor was never exposed to", async () => {
    await shopWithCandidates();
    const experiment = { id: named("unsigned"), variants: guarded.variants.map((v) => ({ versions: {}, ...v })) };
    await putExperiment(experiment.id, guarded);
    const visitor = visitorIn(experiment, "b", 70_000);
    const address = await visit("/", visitor);
    const unsigned = await json(
      "POST",
      "/api/delivery/failures",
      { app: "catalog", version: "2.1.0", kind: "render" },
      { Cookie: `shop_visitor=${visitor}`, "CF-Connecting-IP": address },
    );
    expect(unsigned.status).toBe(204);
    expect((await fail(visitor, "2.0.0", address)).status).toBe(204); // not the version it was served
    const never = visitorIn(experiment, "b", 71_000); // never given a page
    expect((await fail(never, "2.1.0", newAddress())).status).toBe(204);
    expect(await countOf(sql`SELECT count(*) FROM remote_failures WHERE visitor_id IN (${visitor}, ${never})`)).toBe(0);
  });

  it("refuses failure reports with a malformed body, changing nothing; keeps reports for 30 days", async () => {
    expect((await json("POST", "/api/delivery/failures", { app: "catalog", version: "2.1.0", kind: "render" })).status).toBe(204);
    expect((await json("POST", "/api/delivery/failures", { app: "shelf", version: "x", kind: "boom" }, { Cookie: visitorCookie(id(7)) })).status).toBe(400);
    expect(await countOf(sql`SELECT count(*) FROM remote_failures WHERE visitor_id = ${id(7)}`)).toBe(0);
    const [old, recent] = [`old-${RUN}`, `recent-${RUN}`];
    await query(
      sql`INSERT INTO remote_failures (app, version, visitor_id, kind, network, at) VALUES ('catalog', '0.0.1', ${old}, 'load', 'n', now() - interval '31 days'), ('catalog', '0.0.1', ${recent}, 'load', 'n', now() - interval '29 days')`,
    );
    const { db, close } = openDatabase(env);
    try {
      await forgetOldFailures(db);
    } finally {
      await close();
    }
    expect(await query<{ visitor_id: string }>(sql`SELECT visitor_id FROM remote_failures WHERE visitor_id IN (${old}, ${recent})`)).toEqual([
      { visitor_id: recent },
    ]);
  });

  it("advances a rollout 10% → 50% → 100% only while its guardrail holds, then makes the candidate stable", async () => {
    await shopWithCandidates();
    const last = Number((await query<{ last: number }>(sql`SELECT coalesce(max(id), 0) AS last FROM registry_changes`))[0]!.last);
    const rollout = {
      variants: [
        { name: "stable", weight: 90 },
        { name: "next", weight: 10, versions: { cart: "3.0.0" } },
      ],
      guardrail: { maxFailureRate: 0.5, minExposures: 2 },
      rollout: { steps: [10, 50, 100], stepMinutes: 60 },
    };
    const rolloutId = named("cart-3");
    expect((await putExperiment(rolloutId, rollout)).status).toBe(201);
    const { db, close } = openDatabase(env);
    try {
      const hour = 3600_000;
      const read = async () =>
        (await (await call(`/api/registry/experiments/${rolloutId}`, { headers: deployHeaders })).json()) as {
          status: string;
          phase: number;
          variants: Array<{ weight: number }>;
          rollout: { step: number; waiting?: string };
        };
      await advanceRollouts(env, db, Date.now() + hour);
      expect((await read()).rollout).toMatchObject({ step: 0, waiting: "waiting for 2 networks to run it (has 0)" });
      const exposeCandidates = async (from: number) => {
        const current = await read();
        const experiment = { id: rolloutId, variants: current.variants.map((v, i) => ({ name: i ? "next" : "stable", weight: v.weight, versions: {} })) };
        for (const n of [from, from + 1000]) await visit("/cart", visitorIn(experiment, "next", n));
      };
      await exposeCandidates(0);
      await advanceRollouts(env, db, Date.now() + hour);
      expect(await read()).toMatchObject({ phase: 1, variants: [{ weight: 50 }, { weight: 50 }], rollout: { step: 1 } });
      await advanceRollouts(env, db, Date.now() + hour / 2); // the step has not run its time
      expect((await read()).rollout.step).toBe(1);
      await exposeCandidates(5000);
      await advanceRollouts(env, db, Date.now() + 2 * hour);
      expect(await read()).toMatchObject({ variants: [{ weight: 0 }, { weight: 100 }], rollout: { step: 2 } });
      await exposeCandidates(9000);
      await advanceRollouts(env, db, Date.now() + 3 * hour);
      expect((await read()).status).toBe("ended");
      const registry = (await (await call("/api/registry")).json()) as { apps: Array<{ name: string; stable: string }> };
      expect(registry.apps.find((a) => a.name === "cart")!.stable).toBe("3.0.0");
      const actions = await query<{ action: string }>(
        sql`SELECT action FROM registry_changes WHERE id > ${last} AND (experiment = ${rolloutId} OR app = 'cart') ORDER BY id`,
      );
      expect(actions.map((a) => a.action)).toEqual(["experiment_start", "rollout_held", "rollout_step", "rollout_step", "promote", "rollout_complete"]);
    } finally {
      await close();
    }
  });
});

describe("the operators' page", () => {
  it("shows operators each running experiment's report; others get a page saying it is for operators", async () => {
    await shopWithCandidates();
    const test = searchTest("operator-page");
    await putExperiment(test.id, { variants: test.variants });
    await shopPage("/", visitorCookie(visitorIn(test, "b")));
    const guest = await call("/admin/experiments");
    expect(guest.status).toBe(401);
    expect(await guest.text()).toContain("This page is for the shop&#39;s operators.");
    const { browser: customer } = await signedInShopper("not-an-operator");
    expect((await customer.get("/admin/experiments")).status).toBe(403);
    const { browser: operator, email } = await signedInShopper("operator-page");
    await query(sql`UPDATE users SET role = 'admin' WHERE email = ${email.toLowerCase()}`);
    const answer = await operator.get("/admin/experiments");
    expect(answer.status).toBe(200);
    expect(answer.headers.get("Content-Security-Policy")).toContain("default-src 'self'");
    const html = await answer.text();
    expect(html).toContain(`<caption>${test.id}: variants against the control (control)</caption>`);
    expect(html).toMatch(/<th scope="row">b<\/th><td>50%<\/td><td>catalog@2\.1\.0, cart@3\.0\.0<\/td><td>1<\/td>/);
    expect((await operator.get(`/admin/experiments/${test.id}`)).status).toBe(200);
  });
});
