import { createHmac, timingSafeEqual } from "node:crypto";

// HMAC-SHA256 signed values in the format of Hono's signed cookies (`<value>.<base64 signature>`),
// computed synchronously: Hono's helpers import a WebCrypto key and await a signature on every
// call, which with minting was a tenth of a cookieless document's CPU.
const signatureOf = (value: string, secret: string) => createHmac("sha256", secret).update(value).digest();

export const signValue = (value: string, secret: string) => `${value}.${signatureOf(value, secret).toString("base64")}`;

/** The value when its signature is ours; undefined for anything else (unsigned, altered, malformed). */
export function verifiedValue(signed: string, secret: string): string | undefined {
  const dot = signed.lastIndexOf(".");
  if (dot < 1) return undefined;
  const value = signed.slice(0, dot);
  const given = Buffer.from(signed.slice(dot + 1), "base64");
  const expected = signatureOf(value, secret);
  return given.length === expected.length && timingSafeEqual(given, expected) ? value : undefined;
}
