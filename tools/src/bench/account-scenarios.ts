import crypto from "node:crypto";
import pg from "pg";
import { stage } from "../run";
import { CONNECTIONS } from "./config";
import { measure } from "./load";
import { type CpuMs, countCpu } from "./process-cpu";
import { againstBare, type Measured, ROUND_SECONDS } from "./rounds";
import { inParallel } from "./shoppers";

const ACCOUNTS = 200;
const PASSWORD = "bench passphrase that is long enough";

/** The edge's own format (edge-api/src/account/password-hash.ts): scrypt N=2^14, r=8, p=5 beside the key. */
function hashLikeTheEdge(password: string): string {
  const salt = crypto.randomBytes(16);
  const key = crypto.scryptSync(password.normalize("NFKC"), salt, 32, { N: 2 ** 14, r: 8, p: 5, maxmem: 64 * 1024 * 1024 });
  return ["scrypt", 2 ** 14, 8, 5, salt.toString("base64"), key.toString("base64")].join("$");
}

/**
 * Accounts made straight in the database (registration is rate-limited per address, and the load
 * comes from one): one hash for all, since every sign-in still runs the full scrypt. Ids and emails
 * are `<name>-<i>` and `<name>.<i>@example.com`.
 */
export async function benchAccounts(databaseUrl: string, name: string, count: number): Promise<Array<{ id: string; email: string }>> {
  const client = new pg.Client({ connectionString: databaseUrl });
  await client.connect();
  try {
    const hash = hashLikeTheEdge(PASSWORD);
    await client.query(
      `INSERT INTO users (id, name, email, email_verified) SELECT $2 || '-' || i, 'Bench ' || i, $2 || '.' || i || '@example.com', true FROM generate_series(0, $1 - 1) i ON CONFLICT DO NOTHING`,
      [count, name],
    );
    await client.query(
      `INSERT INTO auth_accounts (id, account_id, provider_id, user_id, password) SELECT $2 || '-cred-' || i, $2 || '-' || i, 'credential', $2 || '-' || i, $3 FROM generate_series(0, $1 - 1) i
       ON CONFLICT (id) DO UPDATE SET password = excluded.password`,
      [count, name, hash],
    );
    return Array.from({ length: count }, (_, i) => ({ id: `${name}-${i}`, email: `${name}.${i}@example.com` }));
  } finally {
    await client.end();
  }
}

export async function signIn(base: string, email: string): Promise<string> {
  const response = await fetch(`${base}/api/auth/sign-in/email`, {
    method: "POST",
    headers: { "Content-Type": "application/json", Origin: base },
    body: JSON.stringify({ email, password: PASSWORD }),
  });
  if (!response.ok) throw new Error(`sign-in ${email}: HTTP ${response.status} ${await response.text()}`);
  const cookie = response.headers.getSetCookie().find((c) => c.startsWith("shop.session_token="));
  if (!cookie) throw new Error("sign-in gave no session cookie");
  return cookie.split(";")[0]!;
}

export interface AccountMeasured extends Measured {
  /** CPU per request of the median round, by process role (ms). */
  cpuMsPerRequest?: CpuMs;
}

/** The ratio in rounds against the bare route, then one more run of the scenario alone for its CPU per request. */
async function withCpu(bareUrl: string, scenario: Parameters<typeof againstBare>[1]): Promise<AccountMeasured> {
  const measured = await againstBare({ name: "bare", url: bareUrl }, scenario);
  const cpu = countCpu();
  const alone = await measure({ ...scenario, seconds: ROUND_SECONDS, connections: CONNECTIONS });
  return { ...measured, cpuMsPerRequest: cpu(alone.requests) };
}

/** Sign-in (password), the session check, and a signed-in shopper's cart read against a guest's. */
export async function accountScenarios(base: string, bareUrl: string, databaseUrl: string): Promise<AccountMeasured[]> {
  const emails = (await stage(`${ACCOUNTS} accounts`, () => benchAccounts(databaseUrl, "bench-shopper", ACCOUNTS))).map((a) => a.email);
  const sessions: string[] = [];
  await stage(`${ACCOUNTS} sessions`, () => inParallel(emails, CONNECTIONS, async (email) => void sessions.push(await signIn(base, email))));
  const guests: string[] = [];
  await stage(`${ACCOUNTS} guest carts`, () =>
    inParallel(Array.from({ length: ACCOUNTS }), CONNECTIONS, async () => {
      const response = await fetch(`${base}/api/cart`);
      await response.arrayBuffer();
      guests.push(response.headers.get("Set-Cookie")!.split(";")[0]!);
    }),
  );
  let n = 0;
  const signInBody = () => ({
    headers: { "Content-Type": "application/json", Origin: base },
    body: JSON.stringify({ email: emails[n++ % ACCOUNTS], password: PASSWORD }),
  });
  let s = 0;
  const withSession = () => ({ headers: { Cookie: sessions[s++ % ACCOUNTS]! } });
  let g = 0;
  const asGuest = () => ({ headers: { Cookie: guests[g++ % ACCOUNTS]! } });
  return [
    await stage("load: sign-in with a password", () =>
      withCpu(bareUrl, { name: "sign-in (POST /api/auth/sign-in/email, scrypt)", url: `${base}/api/auth/sign-in/email`, method: "POST", request: signInBody }),
    ),
    await stage("load: session check", () =>
      withCpu(bareUrl, { name: "session check (GET /api/auth/get-session)", url: `${base}/api/auth/get-session`, request: withSession }),
    ),
    await stage("load: cart read, guest", () => withCpu(bareUrl, { name: `cart get, guest (${ACCOUNTS} carts)`, url: `${base}/api/cart`, request: asGuest })),
    await stage("load: cart read, signed in", () =>
      withCpu(bareUrl, { name: `cart get, signed in (${ACCOUNTS} sessions)`, url: `${base}/api/cart`, request: withSession }),
    ),
  ];
}
