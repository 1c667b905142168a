import type { Context } from "hono";
import type { AppEnv } from "../env";
import {
  ACCOUNT_EMAILS_PER_ACCOUNT,
  ACCOUNT_EMAILS_PER_ACCOUNT_AND_ADDRESS,
  type AttemptCounter,
  type AttemptPolicy,
  clientAddress,
  SIGN_IN_FAILURES_PER_ACCOUNT,
  SIGN_IN_FAILURES_PER_ACCOUNT_AND_ADDRESS,
  SIGN_IN_FAILURES_PER_ADDRESS,
  SIGN_IN_FAILURES_PER_DEVICE,
} from "../security/attempt-limit";
import { accountKey } from "./account-key";
import { knownDeviceOf } from "./trusted-device";

/**
 * What a failed password for this account counts against: from one of the account's known devices,
 * that device alone; from any other browser, its address, the account at its address, and the
 * account as a whole (for browsers that are not its known devices).
 */
export function passwordFailureCounters(c: Context<AppEnv>, email: unknown): AttemptCounter[] {
  const device = knownDeviceOf(c, email);
  if (device) return [[SIGN_IN_FAILURES_PER_DEVICE, device]];
  const address = clientAddress(c);
  const account = accountKey(email);
  return [
    [SIGN_IN_FAILURES_PER_ADDRESS, address],
    [SIGN_IN_FAILURES_PER_ACCOUNT_AND_ADDRESS, `${account}:${address}`],
    [SIGN_IN_FAILURES_PER_ACCOUNT, account],
  ];
}

/**
 * What an email to this account's address counts against: the asking address (`perAddress`), the
 * account at that address, and the account as a whole unless a known device of it asks.
 */
export function accountEmailCounters(c: Context<AppEnv>, email: unknown, perAddress: AttemptPolicy): AttemptCounter[] {
  const address = clientAddress(c);
  const account = accountKey(email);
  const counters: AttemptCounter[] = [
    [perAddress, address],
    [ACCOUNT_EMAILS_PER_ACCOUNT_AND_ADDRESS, `${account}:${address}`],
  ];
  if (!knownDeviceOf(c, email)) counters.push([ACCOUNT_EMAILS_PER_ACCOUNT, account]);
  return counters;
}
