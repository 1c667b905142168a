import { createRoute, z } from "@hono/zod-openapi";
import { Checkout, Order, OrderReturn, PayCheckout, PayResult, PlainText, RETURN_WINDOW_DAYS, ReturnRequest, StartCheckout } from "@shop/contracts";
import { eq } from "drizzle-orm";
import type { Context } from "hono";
import { shopperOf } from "../account/shopper";
import { cachePolicy } from "../cache-policy";
import { existingCartOf } from "../cart/current-cart";
import type { AppEnv } from "../env";
import { ApiFailure, errorBody } from "../errors";
import { errorResponse, jsonContent, routeGroup } from "../openapi";
import { KiB, limitBody } from "../security/body-limit";
import { canOpenOrder } from "./order-access";
import { checkoutToPay, declineMessage, orderNumberOf, payCheckout } from "./pay";
import { placeOrder } from "./place-order";
import { requestReturn, returnByNumber } from "./returns";
import { checkouts, orders, stripeEvents } from "./schema";
import { startCheckout } from "./start";
import { stripeFor, verifiedEvent } from "./stripe";
import { handleStripeEvent } from "./stripe-events";
import { checkoutView, orderView } from "./view";

export const checkoutRoutes = routeGroup();
export const orderRoutes = routeGroup();
export const webhookRoutes = routeGroup();

const CheckoutId = z.object({ id: z.uuid("Not a checkout id") });
export const OrderNumber = z.string().regex(/^ORD-\d{8}-[0-9A-HJKMNP-TV-Z]{6}$/, "Not an order number (ORD-YYYYMMDD-XXXXXX)");

const checkoutNotFound = () => new ApiFailure(404, "checkout_not_found", "No such checkout in this browser; start again from your cart.");

/** The visitor's own checkout; anyone else's reads as missing. */
async function ownCheckout(c: Context<AppEnv>, id: string) {
  const cartId = await existingCartOf(c);
  const [row] = cartId ? await c.get("db")().select().from(checkouts).where(eq(checkouts.id, id)) : [];
  if (!row || row.cartId !== cartId) throw checkoutNotFound();
  return row;
}

checkoutRoutes.openapi(
  createRoute({
    method: "post",
    path: "/",
    tags: ["checkout"],
    summary: "Start a checkout from the visitor's cart: price it, reserve its stock for 15 minutes, create its payment",
    description:
      "Every amount is computed here. Starting again from the same cart replaces its open checkout and gives that one's stock back. 400 for an invalid address (per-field messages); 409 `cart_empty`, `lines_unavailable` (not sold, or not enough stock: what is left is named), `prices_changed`, `coupon_unavailable`, `checkout_in_progress`, `already_ordered`, `payment_processing`.",
    request: { body: { content: { "application/json": { schema: StartCheckout } }, required: true } },
    responses: {
      201: jsonContent(Checkout, "The checkout, with the PaymentIntent's client secret"),
      400: errorResponse("Invalid email, address or shipping method"),
      409: errorResponse("Nothing to buy, or not enough stock"),
    },
  }),
  async (c) => {
    const row = await startCheckout(c, c.req.valid("json"));
    return c.json(checkoutView(c.env, row, null), 201, cachePolicy.private);
  },
);

checkoutRoutes.openapi(
  createRoute({
    method: "get",
    path: "/{id}",
    tags: ["checkout"],
    summary: "The visitor's checkout, as it stands (after 3-D Secure, this learns the payment's outcome)",
    request: { params: CheckoutId },
    responses: { 200: jsonContent(Checkout, "The checkout"), 400: errorResponse("Malformed id"), 404: errorResponse("Not this visitor's checkout") },
  }),
  async (c) => {
    const db = c.get("db")();
    let row = await ownCheckout(c, c.req.valid("param").id);
    if (row.status === "open" && row.paymentAttemptedAt) {
      // Back from the bank's page, or a reload while paying: Stripe knows how it went.
      const intent = await stripeFor(c.env).paymentIntents.retrieve(row.paymentIntentId);
      if (intent.status === "succeeded") {
        await placeOrder(db, c.env, intent, "payment_confirmed");
        row = (await db.select().from(checkouts).where(eq(checkouts.id, row.id)))[0]!;
      } else if (intent.status === "requires_payment_method" && intent.last_payment_error) {
        row = { ...row, lastPaymentError: declineMessage(intent.last_payment_error) };
      }
    }
    return c.json(checkoutView(c.env, row, row.status === "completed" ? await orderNumberOf(db, row.id) : null), 200, cachePolicy.private);
  },
);

checkoutRoutes.openapi(
  createRoute({
    method: "post",
    path: "/{id}/pay",
    tags: ["checkout"],
    summary: "Pay with a Stripe PaymentMethod",
    description:
      "`succeeded` names the order (placed here or by the webhook, exactly once); `requires_action` gives the bank's authentication page; `declined` keeps the reservation so another method can be tried. 409 `checkout_expired` or `checkout_ended` when the time ran out or the checkout was replaced.",
    request: { params: CheckoutId, body: { content: { "application/json": { schema: PayCheckout } }, required: true } },
    responses: {
      200: jsonContent(PayResult, "What happened to the payment"),
      400: errorResponse("Malformed request"),
      404: errorResponse("Not this visitor's checkout"),
      409: errorResponse("The checkout expired or ended"),
      422: errorResponse("Unknown payment method"),
    },
  }),
  async (c) => {
    const cartId = await existingCartOf(c);
    const toPay = cartId ? await checkoutToPay(c.env, c.req.valid("param").id, cartId) : undefined;
    if (!toPay) throw checkoutNotFound();
    return c.json(await payCheckout(c.get("db")(), c.env, toPay, c.req.valid("json").paymentMethod), 200, cachePolicy.private);
  },
);

orderRoutes.openapi(
  createRoute({
    method: "get",
    path: "/{number}",
    tags: ["orders"],
    summary: "An order, for its owner: a guest shows the token from the confirmation link",
    request: { params: z.object({ number: OrderNumber }), query: z.object({ token: PlainText.pipe(z.string().max(100)).optional() }) },
    responses: {
      200: jsonContent(Order, "The order and its history"),
      400: errorResponse("Malformed order number"),
      404: errorResponse("No such order for this visitor"),
    },
  }),
  async (c) => {
    const { number } = c.req.valid("param");
    const order = (await mayOpenOrder(c, number, c.req.valid("query").token)) ? await orderView(c.get("db")(), number) : undefined;
    if (!order) throw new ApiFailure(404, "order_not_found", "No such order; open it from the link in your confirmation.");
    return c.json(order, 200, cachePolicy.private);
  },
);

/** A guest with the token from the confirmation link, or the signed-in shopper whose order it is. */
async function mayOpenOrder(c: Context<AppEnv>, number: string, token: string | undefined): Promise<boolean> {
  if (canOpenOrder(c.env, number, token)) return true;
  const shopper = await shopperOf(c);
  if (!shopper) return false;
  const [order] = await c.get("db")().select({ userId: orders.userId }).from(orders).where(eq(orders.number, number));
  return order?.userId === shopper.id;
}

orderRoutes.openapi(
  createRoute({
    method: "post",
    path: "/{number}/returns",
    tags: ["orders"],
    summary: `Ask to return some of a delivered order's items, within ${RETURN_WINDOW_DAYS} days of delivery: a guest shows the token from the confirmation link`,
    description:
      "409 `not_delivered` or `return_window_closed`; 422 `not_in_order` or `too_many` (more of an item than was bought, less what earlier returns asked for). The shopper gets the return number by email with what to do next.",
    request: {
      params: z.object({ number: OrderNumber }),
      query: z.object({ token: PlainText.pipe(z.string().max(100)).optional() }),
      body: { content: { "application/json": { schema: ReturnRequest } }, required: true },
    },
    responses: {
      201: jsonContent(OrderReturn, "The return, requested"),
      400: errorResponse("Invalid request (each field's message in `fields`)"),
      404: errorResponse("No such order for this visitor"),
      409: errorResponse("Not delivered, or too late"),
      422: errorResponse("An item not in the order, or more than can be returned"),
    },
  }),
  async (c) => {
    const { number } = c.req.valid("param");
    if (!(await mayOpenOrder(c, number, c.req.valid("query").token))) {
      throw new ApiFailure(404, "order_not_found", "No such order; open it from the link in your confirmation.");
    }
    const shopper = await shopperOf(c);
    const returnNumber = await requestReturn(c.get("db")(), c.env, number, c.req.valid("json"), shopper ? `shopper:${shopper.email}` : "guest (order link)");
    return c.json(await returnByNumber(c.get("db")(), returnNumber), 201, cachePolicy.private);
  },
);

// Stripe's events can be larger than a shopper's request.
webhookRoutes.use("/stripe", limitBody(64 * KiB));
webhookRoutes.openapi(
  createRoute({
    method: "post",
    path: "/stripe",
    tags: ["webhooks"],
    summary: "Stripe's events, verified by their signature over the raw body",
    description:
      "A forged, altered or stale (over 300 s) event is refused with 400 and changes nothing. Each event id is handled once; events may come in any order.",
    request: { headers: z.object({ "stripe-signature": z.string().optional() }) },
    responses: { 200: jsonContent(z.object({ received: z.literal(true) }), "Handled (or handled before)"), 400: errorResponse("Bad signature") },
  }),
  async (c) => {
    const event = await verifiedEvent(c.env, await c.req.text(), c.req.header("Stripe-Signature"));
    if (!event) return c.json(errorBody("invalid_signature", "The Stripe-Signature header does not match this body, or it is too old."), 400);
    const db = c.get("db")();
    // A succeeded payment's order records its event in its own transaction (place_order): one call.
    const recordsItself = event.type === "payment_intent.succeeded";
    const [seen] = recordsItself ? [] : await db.select({ id: stripeEvents.id }).from(stripeEvents).where(eq(stripeEvents.id, event.id));
    if (!seen) {
      await handleStripeEvent(db, c.env, event);
      if (!recordsItself) await db.insert(stripeEvents).values({ id: event.id, type: event.type }).onConflictDoNothing();
    }
    return c.json({ received: true as const }, 200);
  },
);
