import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { type MailEmulator, startMailEmulator } from "../src/platform/mail-emulator/server";

// The local mailbox behaves as the HTTP provider the Worker talks to (Resend's API) would.
const KEY = "re_test_key";
let mail: MailEmulator;
beforeAll(async () => {
  mail = await startMailEmulator({ apiKey: KEY });
});
afterAll(() => mail.close());

const send = (body: unknown, headers: Record<string, string> = {}) =>
  fetch(`${mail.url}/emails`, {
    method: "POST",
    headers: { authorization: `Bearer ${KEY}`, "content-type": "application/json", ...headers },
    body: JSON.stringify(body),
  });
const message = (to: string) => ({ from: "Shop <shop@example.com>", to: [to], subject: "Hello <b>", html: "<p>Hi <script>x()</script></p>", text: "Hi" });

describe("the mail emulator", () => {
  it("takes a message once per Idempotency-Key, answering a repeat with the first id", async () => {
    const first = await send(message("a@example.com"), { "idempotency-key": "outbox-1" });
    const again = await send(message("a@example.com"), { "idempotency-key": "outbox-1" });
    expect(first.status).toBe(200);
    expect(await again.json()).toEqual(await first.json());
    const { data } = (await (await fetch(`${mail.url}/_emulator/messages?to=a@example.com`)).json()) as { data: unknown[] };
    expect(data).toHaveLength(1);
  });

  it("refuses a missing key (401) and a malformed message (422), storing nothing", async () => {
    expect((await fetch(`${mail.url}/emails`, { method: "POST", body: JSON.stringify(message("b@example.com")) })).status).toBe(401);
    expect((await send({ ...message("b@example.com"), to: ["not an address"] })).status).toBe(422);
    expect((await send({ ...message("b@example.com"), subject: "" })).status).toBe(422);
    expect(mail.mails.filter((m) => m.to.includes("b@example.com"))).toHaveLength(0);
  });

  it("fails the next sends to one address as told, then takes them", async () => {
    await fetch(`${mail.url}/_emulator/faults`, { method: "POST", body: JSON.stringify({ to: "c@example.com", times: 2, status: 503 }) });
    expect((await send(message("c@example.com"))).status).toBe(503);
    expect((await send(message("d@example.com"))).status).toBe(200);
    expect((await send(message("c@example.com"))).status).toBe(503);
    expect((await send(message("c@example.com"))).status).toBe(200);
  });

  it("lists messages newest first on its page, escaped, with the HTML in a sandboxed frame", async () => {
    await send(message("e@example.com"));
    const page = await (await fetch(mail.url)).text();
    expect(page).toContain("Hello &#60;b&#62;");
    const newest = mail.mails.at(-1)!;
    expect(page.indexOf(newest.id)).toBeLessThan(page.indexOf(mail.mails[0]!.id));
    const one = await (await fetch(`${mail.url}/messages/${newest.id}`)).text();
    expect(one).toContain('sandbox="allow-popups');
    expect(one).not.toContain("<script>x()</script>");
  });
});
