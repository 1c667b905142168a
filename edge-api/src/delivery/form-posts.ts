import type { Context } from "hono";
import { z } from "zod";
import type { AppEnv } from "../env";
import { ApiFailure } from "../errors";
import { shopPath } from "../security/shop-path";

// Plain HTML forms for pages without JavaScript (the cart's, the restock alert's): the change is made
// as the API makes it, then the browser goes back to the page it came from (303) with what happened
// in the query, which the page reads. A malformed form is a 400 like any bad request.

/** The page to go back to: a path of this shop only, as the browser will resolve it. */
export const ReturnPath = z
  .string()
  .max(2000)
  .transform((value, ctx) => {
    const path = shopPath(value);
    if (path === undefined) ctx.addIssue({ code: "custom", message: "return must be a path of this shop" });
    return path ?? z.NEVER;
  })
  .optional();

/** The form's fields by the schema, or 415 (not a form) / 400 (malformed). */
export async function formOf<T extends z.ZodType>(c: Context<AppEnv>, schema: T): Promise<z.infer<T>> {
  const type = c.req.header("Content-Type") ?? "";
  if (!/^(application\/x-www-form-urlencoded|multipart\/form-data)\b/.test(type)) {
    throw new ApiFailure(415, "unsupported_media_type", "Send the form as application/x-www-form-urlencoded.");
  }
  const parsed = schema.safeParse(await c.req.parseBody());
  if (!parsed.success) throw new ApiFailure(400, "invalid_form", parsed.error.issues.map((i) => `${i.path.join(".") || "form"}: ${i.message}`).join("; "));
  return parsed.data;
}

/** The query parameters a form's page reads: its own results, and a refusal with its subject and reason. */
export type FormResultNames = Readonly<Record<string, string>> & { readonly refused: string; readonly reason: string };

/** The page to go back to, saying what happened; an earlier result in its URL gives way. */
function backTo(path: string | undefined, fallback: string, names: FormResultNames, result: Record<string, string>): string {
  const url = new URL(path ?? fallback, "http://shop.invalid");
  for (const name of Object.values(names)) url.searchParams.delete(name);
  for (const [name, value] of Object.entries(result)) url.searchParams.set(name, value);
  return `${url.pathname}${url.search}`;
}

/**
 * Makes the change and goes back (303) with what it answered; a refusal (4xx) is said on the page
 * instead of answered, as `names.refused` = the subject it is about and `names.reason` = why.
 */
export async function changeThenGoBack(
  c: Context<AppEnv>,
  back: { to: string | undefined; fallback: string; names: FormResultNames; subject: string },
  change: () => Promise<Record<string, string>>,
) {
  try {
    return c.redirect(backTo(back.to, back.fallback, back.names, await change()), 303);
  } catch (err) {
    if (!(err instanceof ApiFailure) || err.status >= 500) throw err;
    return c.redirect(backTo(back.to, back.fallback, back.names, { [back.names.refused]: back.subject, [back.names.reason]: err.message }), 303);
  }
}
