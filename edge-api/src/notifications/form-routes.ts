import { RESTOCK_FORM_RESULT, Sku } from "@shop/contracts";
import { Hono } from "hono";
import { z } from "zod";
import { backTo, formOf, ReturnPath } from "../delivery/form-posts";
import type { AppEnv } from "../env";
import { ApiFailure } from "../errors";
import { KiB, limitBody } from "../security/body-limit";
import { sameOriginWrites } from "../security/same-origin";
import { askForRestock } from "./routes";

/** The restock alert for pages without JavaScript: the product page's form posts here and goes back to it. */
export const notificationForms = new Hono<AppEnv>();
notificationForms.use("*", sameOriginWrites, limitBody(4 * KiB));

// The email is checked by the request itself, so a malformed one is said on the page like a refusal.
const RestockForm = z.object({ sku: Sku, email: z.string().max(320), return: ReturnPath });
const RESULT_NAMES = Object.values(RESTOCK_FORM_RESULT);

notificationForms.post("/restock", async (c) => {
  const form = await formOf(c, RestockForm);
  const fallback = "/";
  try {
    const email = z.email().safeParse(form.email.trim());
    if (!email.success) throw new ApiFailure(400, "invalid_email", "Enter your email address, like name@example.com.");
    const message = await askForRestock(c, form.sku, email.data);
    return c.redirect(backTo(form.return, fallback, RESULT_NAMES, { [RESTOCK_FORM_RESULT.asked]: form.sku, [RESTOCK_FORM_RESULT.message]: message }), 303);
  } catch (err) {
    if (!(err instanceof ApiFailure) || err.status >= 500) throw err;
    return c.redirect(backTo(form.return, fallback, RESULT_NAMES, { [RESTOCK_FORM_RESULT.refused]: form.sku, [RESTOCK_FORM_RESULT.reason]: err.message }), 303);
  }
});
