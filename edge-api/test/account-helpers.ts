import { sql } from "drizzle-orm";
import { expect } from "vitest";
import { BASE, call, query } from "./helpers";

// Each browser comes from its own network (an IPv6 /64 is one client to the rate limits), so the
// per-address limits of one test never meet another's.
const RUN = Math.floor(Math.random() * 0xffff).toString(16);
let browsers = 0;

/** A browser's cookies for the shop: what it sends and what answers set. */
export class Browser {
  private cookies = new Map<string, string>();
  constructor(readonly address = `2001:db8:${RUN}:${(browsers++).toString(16)}::1`) {}

  get cookie(): string {
    return [...this.cookies].map(([name, value]) => `${name}=${value}`).join("; ");
  }

  has(name: string) {
    return this.cookies.has(name);
  }

  async send(method: string, path: string, body?: unknown, headers: Record<string, string> = {}): Promise<Response> {
    const response = await call(path, {
      method,
      redirect: "manual",
      headers: {
        Origin: BASE,
        "Sec-Fetch-Site": "same-origin",
        "CF-Connecting-IP": this.address,
        ...(this.cookies.size ? { Cookie: this.cookie } : {}),
        ...(body === undefined ? {} : { "Content-Type": "application/json" }),
        ...headers,
      },
      ...(body === undefined ? {} : { body: JSON.stringify(body) }),
    });
    for (const line of response.headers.getSetCookie()) {
      const [pair = "", ...attributes] = line.split(";");
      const name = pair.slice(0, pair.indexOf("="));
      const value = pair.slice(pair.indexOf("=") + 1);
      const expired = attributes.some((a) => /max-age=0\b/i.test(a.trim()) || /expires=Thu, 01 Jan 1970/i.test(a.trim()));
      if (expired || value === "") this.cookies.delete(name);
      else this.cookies.set(name, value);
    }
    return response;
  }

  get = (path: string) => this.send("GET", path);
  post = (path: string, body: unknown = {}) => this.send("POST", path, body);
}

let serial = 0;
/** An email no other test uses. */
export const newEmail = (name = "shopper") => `${name}.${Date.now().toString(36)}.${serial++}@example.com`;

export const PASSWORD = "correct horse battery staple";

/** The link in the newest account email of a kind sent to an address. */
export async function linkInEmail(recipient: string, kind: string): Promise<string> {
  const [row] = await query<{ link: string }>(
    sql`SELECT data->>'linkPath' AS link FROM outbox WHERE lower(recipient) = lower(${recipient}) AND kind = ${kind} ORDER BY id DESC LIMIT 1`,
  );
  expect(row?.link, `no ${kind} email for ${recipient}`).toBeDefined();
  return row!.link;
}

/** A registered, verified shopper signed in on a browser of its own. */
export async function signedInShopper(name = "shopper", browser = new Browser(), password = PASSWORD) {
  const email = newEmail(name);
  expect((await browser.post("/api/auth/sign-up/email", { email, password, name })).status).toBe(200);
  const verified = await browser.get(await linkInEmail(email, "verify_email"));
  expect(verified.status).toBe(302);
  expect(browser.has("shop.session_token")).toBe(true);
  return { browser, email };
}

/** A signed-in shopper whose account has the admin role: an operator in the back office. */
export async function signedInOperator(name = "operator") {
  const operator = await signedInShopper(name);
  await query(sql`UPDATE users SET role = 'admin' WHERE email = ${operator.email.toLowerCase()}`);
  return operator;
}
