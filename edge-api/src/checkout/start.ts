import type { StartCheckout } from "@shop/contracts";
import { sql } from "drizzle-orm";
import type { Context } from "hono";
import { shopperOf } from "../account/shopper";
import { cartStub } from "../cart/cart-id";
import { currentCartOf } from "../cart/current-cart";
import type { Database } from "../db/client";
import type { AppEnv } from "../env";
import { ApiFailure } from "../errors";
import { visitorIdOf } from "../experiments/visitor";
import { endCheckout } from "./end-checkout";
import { type Quote, quoteCheckout } from "./quote";
import type { checkouts } from "./schema";
import { stripeFor } from "./stripe";

/** How long a checkout holds its stock. */
export const RESERVATION_MINUTES = 15;

type CheckoutRow = typeof checkouts.$inferSelect;
type NewCheckout = Omit<CheckoutRow, "status" | "lastPaymentError" | "paymentAttemptedAt" | "processingSince" | "expiresAt" | "createdAt">;

/** What start_checkout() (migration 0031) answers. */
type StartAnswer =
  | { outcome: "started"; createdAt: string; expiresAt: string }
  | { outcome: "previous_open"; id: string; paymentIntentId: string }
  | { outcome: "price_changed"; lines: Array<{ sku: string; unitPrice: number | null }> }
  | { outcome: "coupon_unavailable"; coupon: string }
  | { outcome: "out_of_stock"; lines: Array<{ sku: string; available: number }> }
  | { outcome: "checkout_in_progress" };

/** One call: the quote checked against the database, the stock held and the checkout recorded — or nothing, and why. */
async function holdStock(db: Database, checkout: NewCheckout): Promise<StartAnswer> {
  const row = {
    id: checkout.id,
    cart_id: checkout.cartId,
    user_id: checkout.userId,
    visitor_id: checkout.visitorId,
    email: checkout.email,
    shipping_address: checkout.shippingAddress,
    shipping_method: checkout.shippingMethod,
    lines: checkout.lines,
    coupon_code: checkout.couponCode,
    coupon_description: checkout.couponDescription,
    currency: checkout.currency,
    subtotal_cents: checkout.subtotalCents,
    discount_cents: checkout.discountCents,
    shipping_cents: checkout.shippingCents,
    tax_cents: checkout.taxCents,
    total_cents: checkout.totalCents,
    payment_intent_id: checkout.paymentIntentId,
    client_secret: checkout.clientSecret,
  };
  const {
    rows: [answer],
  } = await db.execute<{ started: StartAnswer }>(sql`SELECT start_checkout(${JSON.stringify(row)}::jsonb, ${RESERVATION_MINUTES}) AS started`);
  return answer!.started;
}

/** What the shopper reads when start_checkout refused. */
function refusal(answer: Exclude<StartAnswer, { outcome: "started" | "previous_open" }>, quote: Quote): ApiFailure {
  const nameOf = (sku: string) => quote.lines.find((l) => l.sku === sku)?.name ?? sku;
  switch (answer.outcome) {
    case "price_changed":
      return new ApiFailure(
        409,
        "prices_changed",
        `Prices changed while you were checking out: ${answer.lines.map((l) => `${nameOf(l.sku)}${l.unitPrice === null ? " (no longer sold)" : ""}`).join(", ")}. Review your cart and try again.`,
      );
    case "coupon_unavailable":
      return new ApiFailure(409, "coupon_unavailable", `The coupon ${answer.coupon} can no longer be used. Review your cart and try again.`);
    case "out_of_stock":
      return new ApiFailure(
        409,
        "lines_unavailable",
        `Some items can't be bought in these quantities now: ${answer.lines
          .map((l) => `${nameOf(l.sku)} (${l.available > 0 ? `only ${l.available} left` : "sold out"})`)
          .join(", ")}. Update your cart and try again.`,
      );
    case "checkout_in_progress":
      return new ApiFailure(409, "checkout_in_progress", "This cart's checkout was just started from another tab or click; reload the page to continue it.");
  }
}

/**
 * Starts a checkout from the visitor's cart: prices it (catalog cache), creates the PaymentIntent for
 * that total, then holds the stock in one call into Postgres, which checks every price and the coupon
 * against the database. When the cart still has an open checkout, that one is ended first (its
 * PaymentIntent cancelled at Stripe, then its stock given back) and the call made again. Nothing is
 * held, and the new PaymentIntent is cancelled, when any step refuses.
 */
export async function startCheckout(c: Context<AppEnv>, input: StartCheckout): Promise<CheckoutRow> {
  const db = c.get("db")();
  const { cartId, fresh } = await currentCartOf(c);
  const cart = fresh ? { lines: [], coupon: null, version: 0 } : await cartStub(c.env, cartId).read();
  const quote = await quoteCheckout(c, cart, input.shippingAddress, input.shippingMethod);

  const id = crypto.randomUUID();
  const stripe = stripeFor(c.env);
  const intent = await stripe.paymentIntents.create(
    {
      amount: quote.totals.total.amount,
      currency: quote.currency.toLowerCase(),
      receipt_email: input.email,
      automatic_payment_methods: { enabled: true },
      metadata: { checkout_id: id },
    },
    { idempotencyKey: `checkout-${id}` },
  );
  const checkout: NewCheckout = {
    id,
    cartId,
    userId: (await shopperOf(c))?.id ?? null,
    visitorId: visitorIdOf(c) ?? null,
    email: input.email,
    shippingAddress: { ...input.shippingAddress, region: input.shippingAddress.region.toUpperCase() },
    shippingMethod: input.shippingMethod,
    lines: quote.lines,
    couponCode: quote.coupon?.code ?? null,
    couponDescription: quote.coupon?.description ?? null,
    currency: quote.currency,
    subtotalCents: quote.totals.subtotal.amount,
    discountCents: quote.totals.discount.amount,
    shippingCents: quote.totals.shipping.amount,
    taxCents: quote.totals.tax.amount,
    totalCents: quote.totals.total.amount,
    paymentIntentId: intent.id,
    clientSecret: intent.client_secret!,
  };
  const cancelIntent = () => stripe.paymentIntents.cancel(intent.id, { cancellation_reason: "abandoned" }).catch(() => {});
  try {
    let answer = await holdStock(db, checkout);
    if (answer.outcome === "previous_open") {
      const ending = await endCheckout(db, c.env, answer, "replaced");
      if (ending.outcome === "placed" || ending.outcome === "already_placed") {
        throw new ApiFailure(409, "already_ordered", `This cart was just paid for: it is order ${ending.orderNumber}. Reload the page to see it.`);
      }
      if (ending.outcome === "still_processing")
        throw new ApiFailure(409, "payment_processing", "Your last payment is still processing; wait a moment and try again.");
      answer = await holdStock(db, checkout);
    }
    if (answer.outcome === "started")
      return {
        ...checkout,
        status: "open",
        lastPaymentError: null,
        paymentAttemptedAt: null,
        processingSince: null,
        createdAt: new Date(answer.createdAt),
        expiresAt: new Date(answer.expiresAt),
      };
    throw answer.outcome === "previous_open" ? refusal({ outcome: "checkout_in_progress" }, quote) : refusal(answer, quote);
  } catch (err) {
    await cancelIntent();
    throw err;
  }
}
