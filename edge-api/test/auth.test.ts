import { env } from "cloudflare:workers";
import { Checkout, PayResult } from "@shop/contracts";
import { sql } from "drizzle-orm";
import { describe, expect, it } from "vitest";
import { hashPassword, verifyPassword } from "../src/account/password-hash";
import { sessionStorage } from "../src/account/session-store";
import type { Env } from "../src/env";
import { Browser, linkInEmail, newEmail, PASSWORD, signedInShopper } from "./account-helpers";
import { skus } from "./cart-helpers";
import { CHECKOUT, ownSkus, reservationsOf, stockOf } from "./checkout-helpers";
import { ageSessions, countOf, errorOf, query, relayTrips, userIdOf } from "./helpers";

type SessionAnswer = { user: { email: string; name: string; emailVerified: boolean; role: string }; session: { id: string } } | null;
const sessionOf = async (browser: Browser) => (await (await browser.get("/api/auth/get-session")).json()) as SessionAnswer;

describe("registration, verification and sign-in", () => {
  it("registers, verifies by the emailed link (which signs in), signs out and back in", async () => {
    const browser = new Browser();
    const email = newEmail("Ada");
    const registered = await browser.post("/api/auth/sign-up/email", { email: email.toUpperCase(), password: PASSWORD, name: "Ada" });
    expect(registered.status).toBe(200);
    expect(browser.has("shop.session_token")).toBe(false); // no session before the email is confirmed or a sign-in

    const [user] = await query<{ email: string; role: string; password: string }>(
      sql`SELECT u.email, u.role, a.password FROM users u JOIN auth_accounts a ON a.user_id = u.id WHERE u.email = ${email.toLowerCase()}`,
    );
    expect(user).toMatchObject({ email: email.toLowerCase(), role: "customer" }); // stored lowercased
    expect(user!.password).toMatch(/^scrypt\$16384\$8\$5\$/);

    const verify = await browser.get(await linkInEmail(email, "verify_email"));
    expect(verify.status).toBe(302);
    expect(await sessionOf(browser)).toMatchObject({ user: { email: email.toLowerCase(), emailVerified: true, role: "customer" } });

    expect((await browser.post("/api/auth/sign-out")).status).toBe(200);
    expect(await sessionOf(browser)).toBeNull();

    const signIn = await browser.post("/api/auth/sign-in/email", { email, password: PASSWORD });
    expect(signIn.status).toBe(200);
    const cookie = signIn.headers.getSetCookie().find((c) => c.startsWith("shop.session_token="))!;
    expect(cookie).toMatch(/HttpOnly/i);
    expect(cookie).toMatch(/SameSite=Lax/i);
    expect(await sessionOf(browser)).toMatchObject({ user: { email: email.toLowerCase() } });
  });

  it("refuses short, over-long and common passwords with a clear 400, storing nothing", async () => {
    const browser = new Browser();
    for (const [password, code] of [
      ["short", "password_too_short"],
      ["x".repeat(129), "password_too_long"],
      ["trustno1", "password_too_common"],
      ["SunShine", "password_too_common"],
    ] as const) {
      const email = newEmail();
      const answer = await browser.post("/api/auth/sign-up/email", { email, password, name: "Bo" });
      expect(answer.status, `${password}: ${await answer.clone().text()}`).toBe(400);
      expect((await errorOf(answer)).code).toBe(code);
      expect(await query(sql`SELECT 1 FROM users WHERE email = ${email}`)).toHaveLength(0);
    }
    expect((await browser.post("/api/auth/sign-up/email", { email: newEmail(), password: "a".repeat(64), name: "Long" })).status).toBe(200);
  });

  it("answers a registration with a taken email exactly as a new one, and tells the owner instead", async () => {
    const { email } = await signedInShopper("taken");
    const fresh = await new Browser().post("/api/auth/sign-up/email", { email: newEmail(), password: PASSWORD, name: "Cy" });
    const taken = await new Browser().post("/api/auth/sign-up/email", { email, password: "another good passphrase", name: "Cy" });
    expect(taken.status).toBe(fresh.status);
    const shape = (body: { user: Record<string, unknown> }) => Object.keys(body.user).sort();
    expect(shape(await taken.json())).toEqual(shape(await fresh.json()));
    expect(await query(sql`SELECT 1 FROM outbox WHERE recipient = ${email} AND kind = 'existing_account'`)).toHaveLength(1);
  });

  it("gives the same answer for an unknown email and a wrong password", async () => {
    const { email } = await signedInShopper("enum");
    const unknown = await new Browser().post("/api/auth/sign-in/email", { email: newEmail(), password: PASSWORD });
    const wrong = await new Browser().post("/api/auth/sign-in/email", { email, password: "not the password at all" });
    expect(unknown.status).toBe(401);
    expect(wrong.status).toBe(401);
    expect(await errorOf(unknown)).toEqual(await errorOf(wrong));
  });

  it("mints a new session token at every sign-in and revokes it at sign-out", async () => {
    const { browser, email } = await signedInShopper("rotate");
    const first = browser.cookie;
    await browser.post("/api/auth/sign-in/email", { email, password: PASSWORD });
    const second = browser.cookie;
    expect(second).not.toBe(first);
    const token = (cookie: string) => cookie.match(/shop\.session_token=([^;]+)/)![1]!;
    expect(decodeURIComponent(token(second)).split(".")[0]!.length).toBeGreaterThanOrEqual(32);
    await browser.post("/api/auth/sign-out");
    const replay = await new Browser().send("GET", "/api/auth/get-session", undefined, { Cookie: `shop.session_token=${token(second)}` });
    expect(await replay.json()).toBeNull();
  });

  it("checks a session where it is kept, reading no database, and ends it there at once", async () => {
    const { browser, email } = await signedInShopper("kept");
    const token = decodeURIComponent(browser.cookie.match(/shop\.session_token=([^;]+)/)![1]!).split(".")[0]!;
    const kept = await sessionStorage(env as unknown as Env).get(token);
    expect(JSON.parse(String(kept))).toMatchObject({ user: { email: email.toLowerCase() }, session: { token } });

    // The session check's query (session-check.ts) is for sessions kept only in Postgres.
    const sessionQueries = async (after: number) =>
      (await relayTrips(after)).connections.flatMap((c) => c.statements).filter((s) => s.startsWith('select "sessions"."id", "sessions"."token"')).length;
    const { last } = await relayTrips(0);
    for (let i = 0; i < 10; i++) expect((await sessionOf(browser))?.user.email).toBe(email.toLowerCase());
    expect(await sessionQueries(last)).toBeLessThan(10);

    // A new name shows at once (the kept copy is dropped; the rows answer).
    expect((await browser.send("PATCH", "/api/account", { name: "Renamed Shopper" })).status).toBe(200);
    expect((await sessionOf(browser))?.user.name).toBe("Renamed Shopper");

    const anotherDevice = await new Browser().post("/api/auth/sign-in/email", { email, password: PASSWORD });
    expect(anotherDevice.status).toBe(200);
    const signedOutCookie = browser.cookie;
    await browser.post("/api/auth/sign-out");
    expect(await sessionStorage(env as unknown as Env).get(token)).toBeNull();
    const replay = await new Browser().send("GET", "/api/auth/get-session", undefined, { Cookie: signedOutCookie });
    expect(await replay.json()).toBeNull();
  });

  it("ends a session whose cookie was tampered with: 401 on account routes, a guest elsewhere", async () => {
    const { browser } = await signedInShopper("tamper");
    const token = browser.cookie.match(/shop\.session_token=([^;]+)/)![1]!;
    const [value, signature] = decodeURIComponent(token).split(".");
    const forged = `${value!.slice(0, -1)}${value!.endsWith("A") ? "B" : "A"}.${signature}`;
    const answer = await new Browser().send("GET", "/api/auth/get-session", undefined, { Cookie: `shop.session_token=${encodeURIComponent(forged)}` });
    expect(await answer.json()).toBeNull();
  });
});

describe("passwords", () => {
  it("resets a password by the emailed link, which ends every session", async () => {
    const { browser, email } = await signedInShopper("reset");
    const stranger = new Browser();
    const asked = await stranger.post("/api/auth/request-password-reset", { email, redirectTo: "/account/reset-password" });
    expect(asked.status).toBe(200);
    const unknown = await stranger.post("/api/auth/request-password-reset", { email: newEmail(), redirectTo: "/account/reset-password" });
    expect(unknown.status).toBe(asked.status);
    expect(await unknown.json()).toEqual(await asked.json());
    const link = await linkInEmail(email, "reset_password");
    const opened = await stranger.get(link);
    expect(opened.status).toBe(302);
    const token = new URL(opened.headers.get("Location")!, "http://shop.test").searchParams.get("token")!;
    expect((await stranger.post("/api/auth/reset-password", { token, newPassword: "password" })).status).toBe(400); // common
    expect((await stranger.post("/api/auth/reset-password", { token, newPassword: "a brand new passphrase" })).status).toBe(200);
    expect(await sessionOf(browser)).toBeNull();
    expect((await stranger.post("/api/auth/sign-in/email", { email, password: PASSWORD })).status).toBe(401);
    expect((await stranger.post("/api/auth/sign-in/email", { email, password: "a brand new passphrase" })).status).toBe(200);
    expect((await stranger.post("/api/auth/reset-password", { token, newPassword: "yet another passphrase" })).status).toBe(400); // used once
  });

  it("changing the password ends every other session, keeping this one", async () => {
    const { browser, email } = await signedInShopper("change");
    const phone = new Browser();
    expect((await phone.post("/api/auth/sign-in/email", { email, password: PASSWORD })).status).toBe(200);
    const changed = await browser.post("/api/auth/change-password", { currentPassword: PASSWORD, newPassword: "my second passphrase" });
    expect(changed.status).toBe(200);
    expect(await sessionOf(phone)).toBeNull();
    expect(await sessionOf(browser)).toMatchObject({ user: { email: email.toLowerCase() } });
  });

  it("upgrades a hash made with older scrypt parameters at the next sign-in", async () => {
    const { email } = await signedInShopper("upgrade");
    const old = await hashPassword(PASSWORD, { N: 2 ** 12, r: 8, p: 1 });
    await query(sql`UPDATE auth_accounts SET password = ${old} FROM users WHERE users.id = auth_accounts.user_id AND users.email = ${email.toLowerCase()}`);
    expect((await new Browser().post("/api/auth/sign-in/email", { email, password: PASSWORD })).status).toBe(200);
    const [row] = await query<{ password: string }>(
      sql`SELECT a.password FROM auth_accounts a JOIN users u ON u.id = a.user_id WHERE u.email = ${email.toLowerCase()}`,
    );
    expect(row!.password).toMatch(/^scrypt\$16384\$8\$5\$/);
    expect(await verifyPassword(row!.password, PASSWORD)).toBe(true);
  });
});

describe("sessions", () => {
  it("lists the shopper's sessions and ends one or all others", async () => {
    const { browser, email } = await signedInShopper("sessions");
    const [laptop, phone] = [new Browser(), new Browser()];
    for (const other of [laptop, phone]) await other.post("/api/auth/sign-in/email", { email, password: PASSWORD });
    const listed = (await (await browser.get("/api/auth/list-sessions")).json()) as Array<{ id: string; token?: string }>;
    expect(listed).toHaveLength(3);
    expect(listed.every((s) => s.token === undefined)).toBe(true); // no session's secret reaches the page
    const laptopSession = (await sessionOf(laptop))!.session.id;
    expect(listed.map((s) => s.id)).toContain(laptopSession);
    // Another shopper cannot end it, by id or by anything else.
    const { browser: stranger } = await signedInShopper("stranger");
    expect((await stranger.post("/api/auth/revoke-session", { id: laptopSession })).status).toBe(404);
    expect(await sessionOf(laptop)).not.toBeNull();
    expect((await browser.post("/api/auth/revoke-session", { id: laptopSession })).status).toBe(200);
    expect(await sessionOf(laptop)).toBeNull();
    expect(await sessionOf(phone)).not.toBeNull();
    expect((await browser.post("/api/auth/revoke-other-sessions")).status).toBe(200);
    expect(await sessionOf(phone)).toBeNull();
    expect(await sessionOf(browser)).not.toBeNull();
  });

  it("extends a session in use once a day (its cookie set again) and reads a fresher one without writing to it", async () => {
    const { browser, email } = await signedInShopper("extended");
    const expiresAt = async () =>
      new Date(
        (
          await query<{ at: string }>(
            sql`SELECT sessions.expires_at AS at FROM sessions JOIN users ON users.id = sessions.user_id WHERE users.email = ${email.toLowerCase()}`,
          )
        )[0]!.at,
      ).getTime();
    const sessionCookies = (answer: Response) => answer.headers.getSetCookie().filter((cookie) => cookie.startsWith("shop.session_token="));
    const fresh = await expiresAt();
    for (const path of ["/api/account", "/api/auth/get-session"]) {
      const read = await browser.get(path);
      expect(read.status).toBe(200);
      expect(sessionCookies(read)).toEqual([]);
    }
    expect(await expiresAt()).toBe(fresh);
    const answer = await sessionOf(browser);
    expect(answer).toMatchObject({ user: { email: email.toLowerCase(), emailVerified: true, role: "customer" }, session: { id: expect.any(String) } });

    // A day and a minute old: the next request extends it to thirty days from now.
    await ageSessions(
      await userIdOf(email),
      sql`UPDATE sessions SET expires_at = now() + interval '29 days' - interval '1 minute' FROM users WHERE users.id = sessions.user_id AND users.email = ${email.toLowerCase()}`,
    );
    const extended = await browser.get("/api/account");
    expect(extended.status).toBe(200);
    expect(sessionCookies(extended)).toHaveLength(1);
    expect(await expiresAt()).toBeGreaterThan(Date.now() + 29.9 * 24 * 3600_000);
    expect((await sessionOf(browser))?.session.id).toBe(answer!.session.id);
  });
});

describe("abuse", () => {
  /** The owner signs in with their password on a browser of their own: it becomes a known device of the account. */
  async function ownerWithKnownDevice(name: string) {
    const { email } = await signedInShopper(name);
    const laptop = new Browser();
    expect((await laptop.post("/api/auth/sign-in/email", { email, password: PASSWORD })).status).toBe(200);
    expect(laptop.has("shop_device")).toBe(true);
    return { email, laptop };
  }

  it("slows a guesser at one address (429 with Retry-After after 5 failures) without telling whether the account exists, and never locks the owner out", async () => {
    const { email } = await signedInShopper("guessed");
    for (const target of [email, newEmail("nobody")]) {
      const guesser = new Browser();
      for (let i = 0; i < 5; i++) expect((await guesser.post("/api/auth/sign-in/email", { email: target, password: `wrong password ${i}` })).status).toBe(401);
      const refused = await guesser.post("/api/auth/sign-in/email", { email: target, password: PASSWORD });
      expect(refused.status).toBe(429);
      expect(Number(refused.headers.get("Retry-After"))).toBeGreaterThan(0);
      expect((await errorOf(refused)).code).toBe("too_many_attempts");
    }
    // Five wrong passwords from other addresses do not stop the owner, at theirs.
    for (let i = 0; i < 5; i++) await new Browser().post("/api/auth/sign-in/email", { email, password: `wrong password ${i}` });
    expect((await new Browser().post("/api/auth/sign-in/email", { email, password: PASSWORD })).status).toBe(200);
  });

  it("once strangers have used the account's hourly tries from many addresses, its known devices still sign in (and fail on their own count)", async () => {
    const { email, laptop } = await ownerWithKnownDevice("besieged");
    for (let i = 0; i < 50; i++) expect((await new Browser().post("/api/auth/sign-in/email", { email, password: `guess ${i}` })).status).toBe(401);
    expect((await new Browser().post("/api/auth/sign-in/email", { email, password: PASSWORD })).status).toBe(429);
    expect((await laptop.post("/api/auth/sign-in/email", { email, password: PASSWORD })).status).toBe(200);
    // A known device is no master key: its own failures stop it.
    for (let i = 0; i < 5; i++) expect((await laptop.post("/api/auth/sign-in/email", { email, password: `typo ${i}` })).status).toBe(401);
    expect((await laptop.post("/api/auth/sign-in/email", { email, password: PASSWORD })).status).toBe(429);
  });

  it("limits failed sign-ins per address across accounts, registrations, and reset emails per account and address", async () => {
    const stuffer = new Browser();
    for (let i = 0; i < 20; i++) await stuffer.post("/api/auth/sign-in/email", { email: newEmail(), password: PASSWORD });
    expect((await stuffer.post("/api/auth/sign-in/email", { email: newEmail(), password: PASSWORD })).status).toBe(429);

    const registrar = new Browser();
    for (let i = 0; i < 10; i++)
      expect((await registrar.post("/api/auth/sign-up/email", { email: newEmail(), password: PASSWORD, name: "R" })).status).toBe(200);
    const refused = await registrar.post("/api/auth/sign-up/email", { email: newEmail(), password: PASSWORD, name: "R" });
    expect(refused.status).toBe(429);
    expect(refused.headers.get("Retry-After")).toBeTruthy();

    // Three reset emails asked from one address stop that address; the owner, elsewhere, still gets theirs.
    const { email } = await signedInShopper("resets");
    const bomber = new Browser();
    for (let i = 0; i < 3; i++) expect((await bomber.post("/api/auth/request-password-reset", { email })).status).toBe(200);
    expect((await bomber.post("/api/auth/request-password-reset", { email })).status).toBe(429);
    const before = await countOf(sql`SELECT count(*) FROM outbox WHERE recipient = ${email} AND kind = 'reset_password'`);
    expect((await new Browser().post("/api/auth/request-password-reset", { email })).status).toBe(200);
    expect(await countOf(sql`SELECT count(*) FROM outbox WHERE recipient = ${email} AND kind = 'reset_password'`)).toBe(before + 1);
  });

  it("refuses sign-in and sign-up posted from another origin", async () => {
    const { email } = await signedInShopper("csrf");
    const evil = { Origin: "https://evil.example", "Sec-Fetch-Site": "cross-site" };
    for (const [path, body] of [
      ["/api/auth/sign-in/email", { email, password: PASSWORD }],
      ["/api/auth/sign-up/email", { email: newEmail(), password: PASSWORD, name: "E" }],
      ["/api/auth/sign-out", {}],
    ] as const) {
      const answer = await new Browser().send("POST", path, body, evil);
      expect(answer.status).toBe(403);
      expect((await errorOf(answer)).code).toBe("cross_origin_request");
    }
  });

  it("answers bad bodies with a 4xx JSON error", async () => {
    const browser = new Browser();
    const broken = await browser.send("POST", "/api/auth/sign-in/email", undefined, { "Content-Type": "application/json", Origin: "http://shop.test" });
    expect(broken.status).toBeGreaterThanOrEqual(400);
    expect(broken.status).toBeLessThan(500);
    for (const body of [[], { email: 42, password: {} }, { email: "not-an-email", password: PASSWORD }]) {
      const answer = await browser.post("/api/auth/sign-in/email", body);
      expect(answer.status, JSON.stringify(body)).toBeGreaterThanOrEqual(400);
      expect(answer.status).toBeLessThan(500);
      expect((await errorOf(answer)).code).toBeTruthy();
    }
  });
});

describe("the cart at sign-in and sign-out", () => {
  it("merges the guest cart into the user's at sign-in; sign-out leaves a fresh, empty guest cart", async () => {
    const { browser, email } = await signedInShopper("merge");
    const [a, b] = await skus(2);
    expect((await browser.post("/api/cart/items", { sku: a!.sku, quantity: 1 })).status).toBe(200); // into the user's cart
    await browser.post("/api/auth/sign-out");
    expect(browser.has("cart_id")).toBe(false);

    expect((await browser.post("/api/cart/items", { sku: a!.sku, quantity: 2 })).status).toBe(200); // a guest again
    expect((await browser.post("/api/cart/items", { sku: b!.sku, quantity: 1 })).status).toBe(200);
    expect(browser.has("cart_id")).toBe(true);
    const signIn = await browser.post("/api/auth/sign-in/email", { email, password: PASSWORD });
    expect(signIn.status).toBe(200);
    expect(browser.has("cart_id")).toBe(false); // the guest cart is gone into the user's

    const cart = (await (await browser.get("/api/cart")).json()) as { lines: Array<{ sku: string; quantity: number }> };
    expect(Object.fromEntries(cart.lines.map((l) => [l.sku, l.quantity]))).toEqual({ [a!.sku]: 3, [b!.sku]: 1 });

    await browser.post("/api/auth/sign-out");
    expect(((await (await browser.get("/api/cart")).json()) as { lines: unknown[] }).lines).toEqual([]);
  });
});

describe("checking out across sign-in", () => {
  // SKUs at catalog offset 660 (checkout-helpers' ownSkus).
  it("a guest who signs in during checkout keeps the checkout and its hold, and its order is the account's; the account's older checkout ends", async () => {
    const { browser, email } = await signedInShopper("checkout-sign-in");
    const [mine, guests] = await ownSkus(660, 2, 5);
    expect((await browser.post("/api/cart/items", { sku: mine!.sku, quantity: 1 })).status).toBe(200);
    const older = (await (await browser.post("/api/checkout", CHECKOUT)).json()) as Checkout; // the account's, as if on another device
    await browser.post("/api/auth/sign-out");

    expect((await browser.post("/api/cart/items", { sku: guests!.sku, quantity: 2 })).status).toBe(200);
    const started = await browser.post("/api/checkout", CHECKOUT);
    expect(started.status).toBe(201);
    const checkout = Checkout.parse(await started.json());
    expect((await browser.post("/api/auth/sign-in/email", { email, password: PASSWORD })).status).toBe(200);

    const kept = await browser.get(`/api/checkout/${checkout.id}`);
    expect(kept.status).toBe(200);
    expect(Checkout.parse(await kept.json()).status).toBe("open");
    expect(await stockOf(guests!.sku)).toBe(3);
    expect(await reservationsOf(checkout.id)).toEqual([{ sku: guests!.sku, quantity: 2 }]);
    const [olderNow] = await query<{ status: string }>(sql`SELECT status FROM checkouts WHERE id = ${older.id}`);
    expect(olderNow!.status).toBe("replaced");
    expect(await stockOf(mine!.sku)).toBe(5);

    const paid = PayResult.parse(await (await browser.post(`/api/checkout/${checkout.id}/pay`, { paymentMethod: "pm_card_visa" })).json());
    expect(paid.status).toBe("succeeded");
    const [order] = await query<{ email: string }>(sql`SELECT u.email FROM orders o JOIN users u ON u.id = o.user_id WHERE o.number = ${paid.order!.number}`);
    expect(order!.email).toBe(email.toLowerCase());
  });
});

describe("expired and changed", () => {
  it("answers 401 on account routes for an expired or tampered session", async () => {
    const { browser, email } = await signedInShopper("expired");
    expect((await browser.get("/api/account")).status).toBe(200);
    const tampered = browser.cookie.replace(/shop\.session_token=([^;.]+)/, (_, token: string) => `shop.session_token=${token.slice(0, -2)}xx`);
    expect((await new Browser().send("GET", "/api/account", undefined, { Cookie: tampered })).status).toBe(401);
    await ageSessions(
      await userIdOf(email),
      sql`UPDATE sessions SET expires_at = now() - interval '1 minute' FROM users WHERE users.id = sessions.user_id AND users.email = ${email.toLowerCase()}`,
    );
    const expired = await browser.get("/api/account");
    expect(expired.status).toBe(401);
    expect((await errorOf(expired)).code).toBe("unauthorized");
  });

  it("changes the email only once the new address confirms it", async () => {
    const { browser, email } = await signedInShopper("mover");
    const newAddress = newEmail("moved");
    expect((await browser.post("/api/auth/change-email", { newEmail: newAddress, callbackURL: "/account" })).status).toBe(200);
    expect((await sessionOf(browser))!.user.email).toBe(email.toLowerCase());
    const link = await linkInEmail(newAddress, "change_email");
    expect((await browser.get(link)).status).toBe(302);
    expect((await sessionOf(browser))!.user.email).toBe(newAddress.toLowerCase());
  });
});

describe("the guards in front of Better Auth", () => {
  it("reads media types case-insensitively: an upper-case JSON type meets the same password rules and ends the other devices", async () => {
    const { browser, email } = await signedInShopper("upper");
    const phone = new Browser();
    await phone.post("/api/auth/sign-in/email", { email, password: PASSWORD });
    const upper = { "Content-Type": "APPLICATION/JSON" };
    const common = await browser.send("POST", "/api/auth/change-password", { currentPassword: PASSWORD, newPassword: "password123" }, upper);
    expect(common.status).toBe(400);
    expect((await errorOf(common)).code).toBe("password_too_common");
    expect(await sessionOf(phone)).not.toBeNull();
    expect((await browser.send("POST", "/api/auth/change-password", { currentPassword: PASSWORD, newPassword: "an uncommon passphrase" }, upper)).status).toBe(
      200,
    );
    expect(await sessionOf(phone)).toBeNull();
  });

  it("refuses (415) a body that is not JSON on any API write, changing nothing", async () => {
    const { browser } = await signedInShopper("plain");
    for (const [path, type] of [
      ["/api/auth/change-password", "text/plain"],
      ["/api/auth/sign-in/email", "application/x-www-form-urlencoded"],
      ["/api/cart/items", "text/plain;charset=UTF-8"],
      ["/api/account/addresses", "multipart/form-data; boundary=x"],
    ] as const) {
      const answer = await browser.send("POST", path, { currentPassword: PASSWORD, newPassword: "password123" }, { "Content-Type": type });
      expect(answer.status, path).toBe(415);
      expect((await errorOf(answer)).code).toBe("unsupported_media_type");
    }
  });

  it("answers Better Auth's endpoints the shop does not use with a JSON 404 (update-user among them)", async () => {
    const { browser } = await signedInShopper("closed");
    for (const [method, path] of [
      ["POST", "/api/auth/update-user"],
      ["POST", "/api/auth/delete-user"],
      ["GET", "/api/auth/nothing-here"],
      ["POST", "/api/auth/passkey/update-passkey"],
      ["GET", "/api/auth/ok"],
    ] as const) {
      const answer = await browser.send(method, path, method === "POST" ? { name: "x".repeat(15_000) } : undefined);
      expect(answer.status, path).toBe(404);
      expect((await errorOf(answer)).code).toBe("not_found");
    }
    expect((await sessionOf(browser))!.user).toMatchObject({ name: "closed" });
  });

  it("refuses with a 400 what no text or token holds: NUL bytes, deep arrays, objects for strings, an over-long name", async () => {
    const { browser } = await signedInShopper("hostile");
    const deep = JSON.parse(`${"[".repeat(5000)}${"]".repeat(5000)}`) as unknown;
    const registering = [newEmail(), newEmail(), newEmail()];
    for (const [path, body] of [
      ["/api/auth/reset-password", { token: "abc\u0000def", newPassword: "a fine new passphrase" }],
      ["/api/auth/sign-up/email", { email: registering[0], password: PASSWORD, name: "Ada\u0000" }],
      ["/api/auth/sign-up/email", { email: registering[1], password: PASSWORD, name: "x".repeat(15_000) }],
      ["/api/auth/sign-up/email", { email: registering[2], password: PASSWORD, name: { first: "Ada" } }],
      ["/api/auth/revoke-session", { id: "a\u0000b" }],
      ["/api/auth/sign-in/email", { email: deep, password: PASSWORD }],
      ["/api/auth/request-password-reset", { email: { toString: 1 } }],
      ["/api/auth/sign-in/email", { email: { toString: 1 }, password: PASSWORD }],
    ] as const) {
      const answer = await browser.post(path, body);
      expect(answer.status, `${path} ${JSON.stringify(body).slice(0, 60)}`).toBe(400);
      expect((await errorOf(answer)).code).toBe("invalid_request");
    }
    expect(
      await countOf(
        sql`SELECT count(*) FROM users WHERE email IN (${sql.join(
          registering.map((e) => sql`${e.toLowerCase()}`),
          sql`, `,
        )})`,
      ),
    ).toBe(0);
  });

  it("never puts the session token in an answer a page's script can read", async () => {
    const { browser, email } = await signedInShopper("leak");
    const signIn = await browser.post("/api/auth/sign-in/email", { email, password: PASSWORD });
    const token = decodeURIComponent(browser.cookie.match(/shop\.session_token=([^;]+)/)![1]!).split(".")[0]!;
    for (const answer of [signIn, await browser.get("/api/auth/get-session"), await browser.get("/api/auth/list-sessions")]) {
      const text = await answer.text();
      expect(text).not.toContain(token);
      expect(text).not.toMatch(/"token"/);
    }
    const registered = await new Browser().post("/api/auth/sign-up/email", { email: newEmail(), password: PASSWORD, name: "New" });
    expect(await registered.text()).not.toMatch(/"token"/);
  });
});

describe("verification links (login CSRF)", () => {
  it("signs in only the browser that registered: a stranger's link confirms the email, signs nobody in and takes no cart", async () => {
    const attacker = new Browser();
    const email = newEmail("attacker");
    expect((await attacker.post("/api/auth/sign-up/email", { email, password: PASSWORD, name: "Mallory" })).status).toBe(200);
    const link = await linkInEmail(email, "verify_email");

    const victim = new Browser();
    const [sku] = await skus(1);
    expect((await victim.post("/api/cart/items", { sku: sku!.sku, quantity: 1 })).status).toBe(200);
    const opened = await victim.send("GET", link, undefined, { "Sec-Fetch-Site": "cross-site", Origin: "" });
    expect(opened.status).toBe(302);
    expect(opened.headers.get("Location")).toMatch(/[?&]verified=1/);
    expect(victim.has("shop.session_token")).toBe(false);
    expect(await sessionOf(victim)).toBeNull();
    // The victim's guest cart is still theirs, and the attacker's account got nothing.
    expect(((await (await victim.get("/api/cart")).json()) as { lines: unknown[] }).lines).toHaveLength(1);
    expect((await attacker.post("/api/auth/sign-in/email", { email, password: PASSWORD })).status).toBe(200);
    expect(((await (await attacker.get("/api/cart")).json()) as { lines: unknown[] }).lines).toHaveLength(0);
    const [user] = await query<{ email_verified: boolean }>(sql`SELECT email_verified FROM users WHERE email = ${email}`);
    expect(user!.email_verified).toBe(true);
  });

  it("confirms an email change only in a browser signed in to that account or the one that asked", async () => {
    const { browser: attacker, email } = await signedInShopper("changer");
    const newAddress = newEmail("changed");
    expect((await attacker.post("/api/auth/change-email", { newEmail: newAddress, callbackURL: "/account" })).status).toBe(200);
    const link = await linkInEmail(newAddress, "change_email");
    const victim = new Browser();
    const opened = await victim.get(link);
    expect(opened.status).toBe(302);
    expect(opened.headers.get("Location")).toContain("error=SIGN_IN_TO_CONFIRM_EMAIL");
    expect(victim.has("shop.session_token")).toBe(false);
    expect(await countOf(sql`SELECT count(*) FROM users WHERE email = ${newAddress.toLowerCase()}`)).toBe(0);
    // Someone signed in to another account cannot confirm it either.
    const { browser: other } = await signedInShopper("other");
    await other.get(link);
    expect(await countOf(sql`SELECT count(*) FROM users WHERE email = ${email.toLowerCase()}`)).toBe(1);
    // The browser that asked can.
    expect((await attacker.get(link)).status).toBe(302);
    expect((await sessionOf(attacker))!.user.email).toBe(newAddress.toLowerCase());
  });
});
