import { z } from "zod";
import { Sku } from "./cart";
import { Email } from "./checkout";

/** "Email me when it is back" on a sold-out variant's page. */
export const StockAlertRequest = z.object({ sku: Sku, email: Email }).meta({ id: "StockAlertRequest" });
export type StockAlertRequest = z.infer<typeof StockAlertRequest>;

/** The same answer whether the address is new, known, or already waiting for this variant. */
export const StockAlertAnswer = z.object({ message: z.string() }).meta({ id: "StockAlertAnswer" });
export type StockAlertAnswer = z.infer<typeof StockAlertAnswer>;

/** The emails a shopper may turn off; order and account emails are always sent. */
export const MailPreferences = z
  .object({
    backInStock: z.boolean().describe("One email when a variant you asked about is available again"),
    reviewRequests: z.boolean().describe("A request to review what you bought, some days after it arrives"),
  })
  .meta({ id: "MailPreferences" });
export type MailPreferences = z.infer<typeof MailPreferences>;

export const MailPreferencesChange = MailPreferences.partial().strict().meta({ id: "MailPreferencesChange" });
