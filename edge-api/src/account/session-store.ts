import { DurableObject } from "cloudflare:workers";
import type { SecondaryStorage } from "@better-auth/core/db";
import type { Env } from "../env";

/** One value and when it lapses (ms since the epoch; null for never). */
interface Entry {
  value: string;
  lapsesAt: number | null;
}

/**
 * One key of Better Auth's session storage: a session token (its session and shopper, as Better
 * Auth writes them) or an account's list of live tokens. A Durable Object answers each key from one
 * place, so a session ended — sign-out, "end other sessions", a new password, an operator's "sign out
 * everywhere" — is gone for the very next request everywhere, which no cache in KV or in an isolate
 * could promise; and a signed-in request reads no database. Postgres keeps every session too (the
 * devices list, the back office, exports), and a session not found here is looked up there.
 */
export class SessionStore extends DurableObject<Env> {
  /** The entry, read from storage once per activation. */
  private entry: Entry | null | undefined;

  async read(): Promise<string | null> {
    this.entry ??= (await this.ctx.storage.get<Entry>("entry")) ?? null;
    if (this.entry?.lapsesAt && this.entry.lapsesAt <= Date.now()) await this.forget();
    return this.entry?.value ?? null;
  }

  async write(value: string, ttlSeconds?: number): Promise<void> {
    const lapsesAt = ttlSeconds ? Date.now() + ttlSeconds * 1000 : null;
    this.entry = { value, lapsesAt };
    await this.ctx.storage.put("entry", this.entry);
    // Nobody may ask again: the storage goes when the value lapses.
    if (lapsesAt) await this.ctx.storage.setAlarm(lapsesAt);
    else await this.ctx.storage.deleteAlarm();
  }

  async forget(): Promise<void> {
    this.entry = null;
    await this.ctx.storage.deleteAll();
  }

  override async alarm(): Promise<void> {
    await this.forget();
  }
}

const keyOf = (env: Env, key: string) => env.SESSIONS.get(env.SESSIONS.idFromName(key));

/** Better Auth asked for what only other settings use (auth.ts keeps both off this storage). */
const notKeptHere = (what: string) => () => {
  throw new Error(`Better Auth's ${what} are not kept in the session store`);
};

/**
 * Better Auth's secondary storage, one Durable Object per key: sessions only. Verification values
 * stay in Postgres (`verification.storeInDatabase`), and its rate limiter is off (ours counts in
 * Durable Objects), so its one-time reads and counters are never asked of it.
 */
export const sessionStorage = (env: Env): SecondaryStorage => ({
  get: (key) => keyOf(env, key).read(),
  set: (key, value, ttl) => keyOf(env, key).write(value, ttl),
  delete: (key) => keyOf(env, key).forget(),
  getAndDelete: notKeptHere("verification values"),
  increment: notKeptHere("rate-limit counters"),
});

/**
 * The account's sessions are no longer kept here: each is checked against Postgres from now on. Called
 * after the shop changes an account's sessions or user row itself (an operator's "sign out
 * everywhere", a role, a name, the account deleted), so no kept copy outlives the change. Better
 * Auth's own changes (sign-out, new passwords, emails) keep the copies right themselves.
 */
export async function forgetKeptSessions(env: Env, userId: string): Promise<void> {
  const storage = sessionStorage(env);
  const listKey = `active-sessions-${userId}`;
  const list = await storage.get(listKey);
  const tokens = typeof list === "string" ? (JSON.parse(list) as Array<{ token: string }>).map((kept) => kept.token) : [];
  await Promise.all([...tokens, listKey].map((key) => storage.delete(key)));
}
