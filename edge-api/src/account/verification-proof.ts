import type { Context } from "hono";
import type { AppEnv } from "../env";
import { dropCookie, setSignedCookie, signedCookie } from "../security/signed-cookie";
import { accountKey } from "./account-key";

// A verification link signs a browser in only if that browser asked for it (registered, or asked to
// change the email): otherwise anyone could send a victim their own link and have the victim's
// browser signed in to the sender's account (login CSRF), with the victim's guest cart merged into it.
const ASKED = "shop_asked";
const LINK_LIFETIME_SECONDS = 3600;

/** This browser registered this email, or asked for it to become its account's email. */
export function rememberAskedFor(c: Context<AppEnv>, email: unknown) {
  setSignedCookie(c, ASKED, accountKey(email), LINK_LIFETIME_SECONDS);
}

export const askedHereFor = (c: Context<AppEnv>, email: unknown) => signedCookie(c, ASKED) === accountKey(email);

export const forgetAsked = (c: Context<AppEnv>) => dropCookie(c, ASKED);

/** What a verification link's token says (Better Auth verifies its signature; this only reads it). */
export function verificationClaims(token: string): { email?: string; updateTo?: string } {
  try {
    const payload = JSON.parse(atob(token.split(".")[1]!.replace(/-/g, "+").replace(/_/g, "/"))) as Record<string, unknown>;
    return {
      email: typeof payload.email === "string" ? payload.email : undefined,
      updateTo: typeof payload.updateTo === "string" ? payload.updateTo : undefined,
    };
  } catch {
    return {};
  }
}
