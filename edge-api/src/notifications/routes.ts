import { createRoute } from "@hono/zod-openapi";
import { MailPreferences, MailPreferencesChange, StockAlertAnswer, StockAlertRequest } from "@shop/contracts";
import type { Context } from "hono";
import { accountKey } from "../account/account-key";
import { signedIn } from "../account/shopper";
import { cachePolicy } from "../cache-policy";
import type { AppEnv } from "../env";
import { errorResponse, jsonContent, routeGroup } from "../openapi";
import { type AttemptCounter, clientAddress, countUse, STOCK_ALERTS_PER_ADDRESS, STOCK_ALERTS_PER_EMAIL } from "../security/attempt-limit";
import { optedOutTopics, setTopics } from "./preferences";
import { subscribeToRestock } from "./stock-alerts";

/** What shoppers ask of the shop's emails: a restock alert, and which marketing emails they get. */
export const notificationRoutes = routeGroup();

notificationRoutes.openapi(
  createRoute({
    method: "post",
    path: "/stock-alerts",
    tags: ["notifications"],
    summary: "Email me once when this sold-out variant is available again (signed in or not)",
    request: { body: { content: { "application/json": { schema: StockAlertRequest } }, required: true } },
    responses: {
      202: jsonContent(StockAlertAnswer, "Asked (or already asked): one email when it is back"),
      400: errorResponse("Malformed email or SKU"),
      404: errorResponse("No such variant"),
      409: errorResponse("The variant is in stock now"),
      429: errorResponse("Too many requests from this client or for this email; see Retry-After"),
    },
  }),
  async (c) => {
    const { sku, email } = c.req.valid("json");
    return c.json({ message: await askForRestock(c, sku, email) }, 202, cachePolicy.none);
  },
);

/**
 * The request of the API and of the page's form alike: every one counts (each could be an email
 * later), per client and per email address; the answer says the same for any address.
 */
export async function askForRestock(c: Context<AppEnv>, sku: string, email: string): Promise<string> {
  const counters: AttemptCounter[] = [
    [STOCK_ALERTS_PER_ADDRESS, clientAddress(c)],
    [STOCK_ALERTS_PER_EMAIL, accountKey(email)],
  ];
  await countUse(c, counters);
  const { productName } = await subscribeToRestock(c.get("db")(), sku, email);
  return `We will email ${email} once, when ${productName} is back in stock.`;
}

const preferencesOf = async (c: Context<AppEnv>, email: string): Promise<MailPreferences> => {
  const refused = await optedOutTopics(c.get("db")(), email);
  return { backInStock: !refused.has("back_in_stock"), reviewRequests: !refused.has("review_request") };
};
const unauthorized = errorResponse("No valid session");

notificationRoutes.openapi(
  createRoute({
    method: "get",
    path: "/preferences",
    tags: ["notifications"],
    security: [{ sessionCookie: [] }],
    summary: "Which optional emails the signed-in shopper gets",
    responses: { 200: jsonContent(MailPreferences, "The preferences"), 401: unauthorized },
  }),
  async (c) => c.json(await preferencesOf(c, (await signedIn(c)).email), 200, cachePolicy.private),
);

notificationRoutes.openapi(
  createRoute({
    method: "patch",
    path: "/preferences",
    tags: ["notifications"],
    security: [{ sessionCookie: [] }],
    summary: "Turn optional emails on or off (order and account emails are always sent)",
    request: { body: { content: { "application/json": { schema: MailPreferencesChange } }, required: true } },
    responses: { 200: jsonContent(MailPreferences, "The preferences now"), 400: errorResponse("Malformed change"), 401: unauthorized },
  }),
  async (c) => {
    const { email } = await signedIn(c);
    const change = c.req.valid("json");
    await setTopics(c.get("db")(), email, { back_in_stock: change.backInStock, review_request: change.reviewRequests });
    return c.json(await preferencesOf(c, email), 200, cachePolicy.private);
  },
);
