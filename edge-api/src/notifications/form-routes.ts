import { RESTOCK_FORM_RESULT, Sku } from "@shop/contracts";
import { Hono } from "hono";
import { z } from "zod";
import { changeThenGoBack, formOf, ReturnPath } from "../delivery/form-posts";
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
notificationForms.post("/restock", async (c) => {
  const form = await formOf(c, RestockForm);
  return changeThenGoBack(c, { to: form.return, fallback: "/", names: RESTOCK_FORM_RESULT, subject: form.sku }, async () => {
    const email = z.email().safeParse(form.email.trim());
    if (!email.success) throw new ApiFailure(400, "invalid_email", "Enter your email address, like name@example.com.");
    return { [RESTOCK_FORM_RESULT.asked]: form.sku, [RESTOCK_FORM_RESULT.message]: await askForRestock(c, form.sku, email.data) };
  });
});
