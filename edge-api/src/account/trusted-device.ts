import type { Context } from "hono";
import type { AppEnv } from "../env";
import { setSignedCookie, signedCookie } from "../security/signed-cookie";
import { accountKey } from "./account-key";

// OWASP's device cookies: a browser that signed in to an account with its password is a known
// device of that account. Failed sign-ins from it count against that device alone, so strangers who
// exhaust the account's limit for unknown browsers never lock its owner out of their own devices.
const DEVICE = "shop_device";
const YEAR = 365 * 24 * 3600;

const accountPart = (email: unknown) => accountKey(email).slice(0, 32);

/** This browser's device id when it is a known device of the account with this email. */
export function knownDeviceOf(c: Context<AppEnv>, email: unknown): string | undefined {
  const [account, device] = (signedCookie(c, DEVICE) ?? "").split(".");
  return account === accountPart(email) && device ? device : undefined;
}

/** After a successful sign-in: this browser is a known device of the account (of the last one it signed in to). */
export function rememberDevice(c: Context<AppEnv>, email: unknown) {
  const device = knownDeviceOf(c, email) ?? crypto.randomUUID();
  setSignedCookie(c, DEVICE, `${accountPart(email)}.${device}`, YEAR);
}
