import { DurableObject } from "cloudflare:workers";
import { createHmac } from "node:crypto";
import type { Context } from "hono";
import type { AppEnv, Env } from "../env";
import { ApiFailure } from "../errors";

/** How many failed attempts a client may make in a sliding window before it must wait. */
export interface AttemptPolicy {
  name: string;
  limit: number;
  windowSeconds: number;
}

/** Wrong deploy or admin tokens, per client address. */
export const FAILED_CREDENTIALS: AttemptPolicy = { name: "credentials", limit: 10, windowSeconds: 15 * 60 };
/** Coupon codes that did not apply, per cart: a shopper mistypes a few, a guesser needs thousands. */
export const COUPON_GUESSES_PER_CART: AttemptPolicy = { name: "coupon-cart", limit: 10, windowSeconds: 15 * 60 };
/** The same per client address, looser: carts are free to make, and shoppers share addresses behind NAT. */
export const COUPON_GUESSES_PER_ADDRESS: AttemptPolicy = { name: "coupon-address", limit: 50, windowSeconds: 60 * 60 };

/**
 * The failures of one client under one policy, as a sliding log in the object's storage (so an
 * eviction or a restart forgets nothing). A Durable Object rather than Cloudflare's Rate Limiting
 * binding: it counts failures only, knows exactly when the client may try again (Retry-After), and
 * behaves the same under `wrangler dev` and in production. A client that never failed costs no storage,
 * and the object deletes its storage once the window since the last failure passes.
 */
export class AttemptLimit extends DurableObject<Env> {
  /** Whether the log's table exists: it is made at the first failure and deleted with the object's storage. */
  private stored: boolean;

  constructor(ctx: DurableObjectState, env: Env) {
    super(ctx, env);
    this.stored = ctx.storage.sql.exec("SELECT 1 FROM sqlite_master WHERE type = 'table' AND name = 'failures'").toArray().length > 0;
  }

  /** Seconds until the client may try again; 0 when it may now. */
  waitSeconds(limit: number, windowSeconds: number): number {
    if (!this.stored) return 0;
    const now = Date.now();
    // The limit-th most recent failure in the window: while it is in the window, the client waits.
    const [row] = this.ctx.storage.sql
      .exec<{ at: number }>("SELECT at FROM failures WHERE at > ? ORDER BY at DESC LIMIT 1 OFFSET ?", now - windowSeconds * 1000, limit - 1)
      .toArray();
    return row ? Math.ceil((row.at + windowSeconds * 1000 - now) / 1000) : 0;
  }

  /** Records a failure; answers how long the client must now wait. */
  fail(limit: number, windowSeconds: number): number {
    const now = Date.now();
    if (!this.stored) this.ctx.storage.sql.exec("CREATE TABLE IF NOT EXISTS failures (at INTEGER NOT NULL)");
    this.stored = true;
    this.ctx.storage.sql.exec("DELETE FROM failures WHERE at <= ?", now - windowSeconds * 1000);
    this.ctx.storage.sql.exec("INSERT INTO failures (at) VALUES (?)", now);
    void this.ctx.storage.setAlarm(now + windowSeconds * 1000);
    return this.waitSeconds(limit, windowSeconds);
  }

  /** The window since the last failure has passed: nothing is left to remember. */
  override async alarm(): Promise<void> {
    await this.ctx.storage.deleteAll();
    this.stored = false;
  }
}

/** One IPv6 subscriber usually holds a whole /64, so it counts as one client. */
function ipv6Prefix(address: string): string {
  const [head = "", tail = ""] = address.split("::");
  const front = head ? head.split(":") : [];
  const back = tail ? tail.split(":") : [];
  const groups = address.includes("::") ? [...front, ...Array<string>(Math.max(0, 8 - front.length - back.length)).fill("0"), ...back] : front;
  return `${groups
    .slice(0, 4)
    .map((g) => g.toLowerCase().replace(/^0+(?=.)/, ""))
    .join(":")}::/64`;
}

/** Who is asking: the address Cloudflare saw (clients cannot set `CF-Connecting-IP` through it). */
export function clientAddress(c: Context<AppEnv>): string {
  const address = (c.req.header("CF-Connecting-IP") ?? "unknown").slice(0, 64);
  return address.includes(":") ? ipv6Prefix(address) : address;
}

/** The client's network (address, or IPv6 /64) as a keyed hash: countable, never the address itself. */
export function clientNetwork(c: Context<AppEnv>): string {
  return createHmac("sha256", c.env.COOKIE_SECRET)
    .update(`network:${clientAddress(c)}`)
    .digest("base64url")
    .slice(0, 22);
}

/** Failure reports from one address (a browser reports each broken version once a page). */
export const FAILURE_REPORTS_PER_ADDRESS: AttemptPolicy = { name: "failure-reports-address", limit: 20, windowSeconds: 60 * 60 };

// Sign-in and account-email limits slow an attacker without letting one lock the owner out
// (docs/account.md): a stranger's failures count per account *and address*, and against the account
// as a whole only for browsers that are not its known devices (trusted-device.ts).

/** Failed sign-ins on one account from one address: a shopper mistypes a few, a guesser needs thousands. */
export const SIGN_IN_FAILURES_PER_ACCOUNT_AND_ADDRESS: AttemptPolicy = { name: "sign-in-account-address", limit: 5, windowSeconds: 15 * 60 };
/**
 * Failed sign-ins on one account from browsers that are not its known devices, from any address: a
 * guesser rotating addresses gets this many tries an hour; the owner's known devices still sign in.
 */
export const SIGN_IN_FAILURES_PER_ACCOUNT: AttemptPolicy = { name: "sign-in-account", limit: 50, windowSeconds: 60 * 60 };
/** Failed sign-ins from one known device of an account (its owner mistyping, or a stolen laptop). */
export const SIGN_IN_FAILURES_PER_DEVICE: AttemptPolicy = { name: "sign-in-device", limit: 5, windowSeconds: 15 * 60 };
/** Failed sign-ins from one address over every account it tries (credential stuffing). */
export const SIGN_IN_FAILURES_PER_ADDRESS: AttemptPolicy = { name: "sign-in-address", limit: 20, windowSeconds: 15 * 60 };
/** Registrations from one address, each counted (each one queues an email). */
export const REGISTRATIONS_PER_ADDRESS: AttemptPolicy = { name: "register-address", limit: 10, windowSeconds: 60 * 60 };
/** Reset, verification and email-change emails asked for one account from one address. */
export const ACCOUNT_EMAILS_PER_ACCOUNT_AND_ADDRESS: AttemptPolicy = { name: "account-email-account-address", limit: 3, windowSeconds: 60 * 60 };
/** The same from anywhere but the account's known devices: bounds how many emails strangers can make one inbox get. */
export const ACCOUNT_EMAILS_PER_ACCOUNT: AttemptPolicy = { name: "account-email-account", limit: 20, windowSeconds: 24 * 3600 };
/** Account emails asked from one address over every account. */
export const ACCOUNT_EMAILS_PER_ADDRESS: AttemptPolicy = { name: "account-email-address", limit: 10, windowSeconds: 60 * 60 };

/** "Email me when it is back" requests from one client address, any variant, any email. */
export const STOCK_ALERTS_PER_ADDRESS: AttemptPolicy = { name: "stock-alerts-address", limit: 30, windowSeconds: 60 * 60 };
/** The same for one email address, whoever asks: nobody floods an inbox with confirmations. */
export const STOCK_ALERTS_PER_EMAIL: AttemptPolicy = { name: "stock-alerts-email", limit: 10, windowSeconds: 60 * 60 };

/** Reviews written or changed by one account: a buyer writes a few a day, a spammer hundreds. */
export const REVIEW_WRITES_PER_ACCOUNT: AttemptPolicy = { name: "review-writes-account", limit: 10, windowSeconds: 24 * 3600 };
/** The same from one client address, over every account behind it. */
export const REVIEW_WRITES_PER_ADDRESS: AttemptPolicy = { name: "review-writes-address", limit: 30, windowSeconds: 60 * 60 };
/** "Helpful" votes and reports by one account: a shopper reads a few pages of reviews, a bot reorders them all. */
export const REVIEW_VOTES_PER_ACCOUNT: AttemptPolicy = { name: "review-votes-account", limit: 30, windowSeconds: 60 * 60 };
export const REVIEW_REPORTS_PER_ACCOUNT: AttemptPolicy = { name: "review-reports-account", limit: 10, windowSeconds: 60 * 60 };

/** A policy applied to one subject (a client address, a cart). */
export type AttemptCounter = readonly [AttemptPolicy, string];

const counterStub = (env: Env, [policy, subject]: AttemptCounter) => env.ATTEMPTS.get(env.ATTEMPTS.idFromName(`${policy.name}:${subject}`));

function tooMany(seconds: number) {
  return new ApiFailure(429, "too_many_attempts", `Too many failed attempts. Try again in ${seconds} seconds.`, { "Retry-After": String(seconds) });
}

/** Refuses (429 with Retry-After) while any of the counters says to wait. */
export async function refuseWhileWaiting(c: Context<AppEnv>, counters: readonly AttemptCounter[]): Promise<void> {
  const waits = await Promise.all(counters.map((counter) => counterStub(c.env, counter).waitSeconds(counter[0].limit, counter[0].windowSeconds)));
  const wait = Math.max(0, ...waits);
  if (wait > 0) throw tooMany(wait);
}

/** Counts one attempt (a failure, or any use of a costly action) on every counter. */
export async function countAttempt(c: Context<AppEnv>, counters: readonly AttemptCounter[]): Promise<void> {
  await Promise.all(counters.map((counter) => counterStub(c.env, counter).fail(counter[0].limit, counter[0].windowSeconds)));
}

/** An action limited by how often it is used, not by how often it fails: refused while waiting, else counted. */
export async function countUse(c: Context<AppEnv>, counters: readonly AttemptCounter[]): Promise<void> {
  await refuseWhileWaiting(c, counters);
  await countAttempt(c, counters);
}

/**
 * Runs an attempt unless one of its counters says to wait (429 with Retry-After, the attempt not
 * even tried, so a right answer then reveals nothing). A refusal the attempt throws (4xx) counts as
 * a failure on every counter.
 */
export async function limitFailures<T>(c: Context<AppEnv>, counters: readonly AttemptCounter[], attempt: () => Promise<T>): Promise<T> {
  await refuseWhileWaiting(c, counters);
  try {
    return await attempt();
  } catch (err) {
    if (err instanceof ApiFailure && err.status < 500) await countAttempt(c, counters);
    throw err;
  }
}
