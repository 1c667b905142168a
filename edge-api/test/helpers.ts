import { env, exports } from "cloudflare:workers";
import { type SQL, sql } from "drizzle-orm";
import { forgetKeptSessions } from "../src/account/session-store";
import { openDatabase } from "../src/db/client";
import type { Env } from "../src/env";
import { signValue } from "../src/security/signed-value";
import { TEST_DATABASE } from "./database";

export const BASE = "http://shop.test";

export function call(path: string, init: RequestInit = {}) {
  return exports.default.fetch(new Request(`${BASE}${path}`, init));
}

export function json(method: string, path: string, body: unknown, headers: Record<string, string> = {}) {
  return call(path, { method, headers: { "Content-Type": "application/json", ...headers }, body: JSON.stringify(body) });
}

/** A cookie as the edge signs it (security/signed-cookie.ts), for tests that need a chosen value, e.g. a visitor id. */
export const signedCookieFor = (name: string, value: string) => `${name}=${encodeURIComponent(signValue(`${name}:${value}`, TEST_DATABASE.cookieSecret))}`;
export const visitorCookie = (visitorId: string) => signedCookieFor("shop_visitor", visitorId);

export const deployHeaders = { Authorization: `Bearer ${TEST_DATABASE.deployToken}` };
export const adminHeaders = { Authorization: `Bearer ${TEST_DATABASE.adminToken}` };

export const file = (path: string, content: string) => ({ path, contentBase64: btoa(content) });

/** What the build preset writes into entry.json: the versions a build was made with. */
export const BUILT_WITH = { shared: { react: "19.3.1", "react-router": "7.18.5", zustand: "5.1.0" }, contracts: "0.1.0" };

/** A version's files with entry.json saying what it was built with, as the build preset writes it. */
export function withBuildInfo(app: string, files: Array<{ path: string; contentBase64: string }>, built: unknown = BUILT_WITH) {
  const manifest = files.find((f) => f.path === "entry.json");
  if (!manifest && app === "shell") return files;
  const entry = manifest ? (JSON.parse(atob(manifest.contentBase64)) as Record<string, unknown>) : { initial: ["remoteEntry.js"] };
  return [...files.filter((f) => f !== manifest), file("entry.json", JSON.stringify({ build: built, ...entry }))];
}

/** Publishes a version through the registry API, as the release command does. */
export async function publishVersion(app: string, version: string, files: Array<{ path: string; contentBase64: string }>, promote = true) {
  const published = await json("PUT", `/api/registry/${app}/versions/${version}`, { files: withBuildInfo(app, files) }, deployHeaders);
  if (published.status >= 300) throw new Error(`publish ${app}@${version}: ${published.status} ${await published.text()}`);
  if (promote) {
    const promoted = await json("PUT", `/api/registry/${app}/stable`, { version }, deployHeaders);
    if (promoted.status !== 200) throw new Error(`promote ${app}@${version}: ${promoted.status}`);
  }
}

/** A shell and the four remotes, published and promoted: enough for the edge to render documents. */
export async function publishShop() {
  const entry = JSON.stringify({ initial: ["shell.css", "main.js"], preload: ["react.1a2b.js"] });
  await publishVersion("shell", "1.0.0", [
    file("entry.json", entry),
    file("main.js", "shell()"),
    file("react.1a2b.js", "react()"),
    file("shell.css", "body{}"),
  ]);
  for (const remote of ["catalog", "cart", "checkout", "account"]) {
    await publishVersion(remote, "2.0.0", [file("remoteEntry.js", `var ${remote};`)]);
  }
}

/** A QA pin link as an operator issues it (`npm run experiment -- pin …`): its path and query. */
export async function pinLinkFor(pins: Record<string, string>, hours = 1): Promise<string> {
  const answer = await json("POST", "/api/registry/pins", { pins, hours }, deployHeaders);
  if (answer.status !== 201) throw new Error(`pin link: ${answer.status} ${await answer.text()}`);
  const { url } = (await answer.json()) as { url: string };
  const link = new URL(url);
  return `${link.pathname}${link.search}`;
}

export async function errorOf(response: Response) {
  const body = (await response.json()) as { error: { code: string; message: string; fields?: Record<string, string> } };
  return body.error;
}

/** Direct SQL against the test database, for independent checks of what the API answers. */
export async function query<T extends Record<string, unknown>>(text: SQL): Promise<T[]> {
  const { db, close } = openDatabase(env as unknown as Env);
  try {
    return (await db.execute(text)).rows as T[];
  } finally {
    await close();
  }
}

export async function countOf(text: SQL): Promise<number> {
  const [row] = await query<{ count: string | number }>(text);
  return Number(row!.count);
}

/** An account's id by its email. */
export const userIdOf = async (email: string) => (await query<{ id: string }>(sql`SELECT id FROM users WHERE lower(email) = lower(${email})`))[0]!.id;

/**
 * Moves an account's sessions in time (`change`: an UPDATE of its session rows) where they are kept:
 * the rows changed, the copies kept for the session check forgotten, so the next check reads the rows.
 */
export async function ageSessions(userId: string, change: SQL) {
  await query(change);
  await forgetKeptSessions(env as unknown as Env, userId);
}

/** The relay's log of round trips to Postgres since `after` (tools/src/platform/neon-relay.ts). */
export async function relayTrips(after: number): Promise<{ last: number; connections: Array<{ statements: string[] }> }> {
  return (await fetch(`http://${TEST_DATABASE.relay}/round-trips?after=${after}`)).json();
}
