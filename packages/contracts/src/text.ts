import { z } from "zod";

// Control characters (NUL above all: Postgres refuses it in text) and lone UTF-16 surrogates (they
// cannot be stored as UTF-8) are never meaningful in what a shopper or an operator types.
// biome-ignore lint/suspicious/noControlCharactersInRegex: control characters are what free text refuses
const CONTROL = /[\u0000-\u0008\u000b\u000c\u000e-\u001f\u007f]/;

/** Whether a string is text we can store and show: well-formed Unicode without control characters (tab and newlines allowed). */
export const isPlainText = (value: string) => value.isWellFormed() && !CONTROL.test(value);

/** Free text from a client: refused with a clear message when it holds bytes no text has. */
export const PlainText = z.string().refine(isPlainText, "must be text without control characters");

/**
 * A whole number from a query string, with a message per failure: "at most 100", not "must be a
 * whole number" for 101.
 */
export function wholeNumber(min: number, max: number) {
  return z.coerce
    .number({ error: "must be a whole number" })
    .int("must be a whole number")
    .min(min, `must be at least ${min}`)
    .max(max, `must be at most ${max}`);
}
