import { createHash } from "node:crypto";
import type { Context, MiddlewareHandler } from "hono";
import { secureHeaders } from "hono/secure-headers";
import { BoundedMap } from "../bounded-map";
import type { AppEnv } from "../env";
import { isHttps } from "./public-origin";

type Policy = NonNullable<NonNullable<Parameters<typeof secureHeaders>[0]>["contentSecurityPolicy"]>;

/**
 * Stripe's origins for its Payment Element (script, frames, API), as Stripe documents them for a
 * Content-Security-Policy: the one third party the checkout loads.
 */
const STRIPE = {
  script: ["https://js.stripe.com"],
  frame: ["https://js.stripe.com", "https://hooks.stripe.com"],
  connect: ["https://api.stripe.com"],
};

// The few stylesheets a document inlines (the live versions') are hashed once per isolate, and the
// headers made once per policy: the document's answer stays about as cheap as a fixed policy's.
const KEPT = 64;
const hashes = new BoundedMap<string, string>(KEPT);
const headersByPolicy = new BoundedMap<string, MiddlewareHandler>(KEPT);

/** A CSP source for one inline `<style>` or `<script>` block, so the document needs no 'unsafe-inline'. */
const inlineHash = (text: string) => hashes.remembered(text, () => `'sha256-${createHash("sha256").update(text).digest("base64")}'`);

/** API answers, images and app files: nothing in them runs, loads anything or may be framed. */
export const RESOURCE_POLICY: Policy = { defaultSrc: ["'none'"], frameAncestors: ["'none'"] };

/**
 * The shell document: the shop's own files and Stripe's. Data blocks (`<script
 * type="application/json">`, JSON-LD) are not run, so they need no source; remotes add their styles
 * as constructed stylesheets, which CSP does not govern; the inline `<style>` blocks (the first
 * paint's basics, and the stylesheets of the apps whose HTML the document carries) and, on a page of
 * islands, its loader and speculation rules are allowed by their hashes, nothing else inline.
 */
export function documentPolicy(inlineStyles: string[], inlineScripts: string[] = []): Policy {
  return {
    defaultSrc: ["'self'"],
    scriptSrc: ["'self'", ...STRIPE.script, ...inlineScripts.map(inlineHash)],
    styleSrc: ["'self'", ...inlineStyles.map(inlineHash)],
    imgSrc: ["'self'", "data:"],
    fontSrc: ["'self'"],
    connectSrc: ["'self'", ...STRIPE.connect],
    frameSrc: STRIPE.frame,
    frameAncestors: ["'none'"],
    baseUri: ["'none'"],
    formAction: ["'self'"],
    objectSrc: ["'none'"],
  };
}

const TWO_YEARS = 2 * 365 * 24 * 3600;

function headersFor(policy: Policy, https: boolean): MiddlewareHandler {
  return secureHeaders({
    contentSecurityPolicy: https ? { ...policy, upgradeInsecureRequests: [] } : policy,
    // No other site's window keeps a handle on ours; popups we open (wallets, sign-in) keep theirs.
    crossOriginOpenerPolicy: "same-origin-allow-popups",
    crossOriginResourcePolicy: "same-origin",
    referrerPolicy: "strict-origin-when-cross-origin",
    xFrameOptions: "DENY",
    // Only over https: browsers ignore it on http, and a local shop is http.
    strictTransportSecurity: https ? `max-age=${TWO_YEARS}; includeSubDomains` : false,
    permissionsPolicy: {
      camera: [],
      microphone: [],
      geolocation: [],
      usb: [],
      browsingTopics: [],
      // Stripe's Payment Element may offer Apple Pay / Google Pay from its frame.
      payment: ["self", ...STRIPE.script],
    },
  });
}

const nothingMore = async () => {};

/**
 * Security headers with this policy; HSTS and upgrade-insecure-requests when the shop is on https.
 * A route's own policy (the document's) wins: an answer that already has one is left as it is, so
 * each answer gets the headers once.
 */
export function securityHeaders(policy: Policy | ((c: Context<AppEnv>) => Policy)): MiddlewareHandler<AppEnv> {
  const headersOf: (c: Context<AppEnv>, https: boolean) => MiddlewareHandler =
    typeof policy === "function"
      ? // A policy that depends on the answer (the styles a document inlines) is made for it.
        (c, https) => {
          const made = policy(c);
          return headersByPolicy.remembered(`${https}${JSON.stringify(made)}`, () => headersFor(made, https));
        }
      : fixedHeaders(policy);
  return async (c, next) => {
    await next();
    if (c.res.headers.has("Content-Security-Policy")) return;
    await headersOf(c, isHttps(c.env))(c, nothingMore);
  };
}

function fixedHeaders(policy: Policy) {
  const variants = { http: headersFor(policy, false), https: headersFor(policy, true) };
  return (_c: Context<AppEnv>, https: boolean) => variants[https ? "https" : "http"];
}
