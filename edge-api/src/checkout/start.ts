import type { StartCheckout } from "@shop/contracts";
import { and, eq } from "drizzle-orm";
import type { Context } from "hono";
import { shopperOf } from "../account/shopper";
import { cartStub } from "../cart/cart-id";
import { currentCartOf } from "../cart/current-cart";
import { isUniqueViolation } from "../db/errors";
import type { AppEnv } from "../env";
import { ApiFailure } from "../errors";
import { visitorIdOf } from "../experiments/visitor";
import { endCheckout } from "./end-checkout";
import { quoteCheckout } from "./quote";
import { checkouts } from "./schema";
import { reserveStock, type StockLine } from "./stock";
import { stripeFor } from "./stripe";

/** How long a checkout holds its stock. */
export const RESERVATION_MINUTES = 15;

class OutOfStock extends Error {
  constructor(readonly short: StockLine[]) {
    super("out of stock");
  }
}

/**
 * Starts a checkout from the visitor's cart: prices it again, ends the cart's previous checkout,
 * creates the PaymentIntent for the server's total, then reserves every line and records the
 * checkout in one transaction. Nothing is held when any step refuses.
 */
export async function startCheckout(c: Context<AppEnv>, input: StartCheckout) {
  const db = c.var.db();
  const { cartId, fresh } = await currentCartOf(c);
  const cart = fresh ? { lines: [], coupon: null, version: 0 } : await cartStub(c.env, cartId).read();
  const quote = await quoteCheckout(db, cart, input.shippingAddress, input.shippingMethod);

  const [previous] = await db
    .select({ id: checkouts.id, paymentIntentId: checkouts.paymentIntentId })
    .from(checkouts)
    .where(and(eq(checkouts.cartId, cartId), eq(checkouts.status, "open")));
  if (previous) {
    const ending = await endCheckout(db, c.env, previous, "replaced");
    if (ending.outcome === "placed" || ending.outcome === "already_placed") {
      throw new ApiFailure(409, "already_ordered", `This cart was just paid for: it is order ${ending.orderNumber}. Reload the page to see it.`);
    }
    if (ending.outcome === "still_processing")
      throw new ApiFailure(409, "payment_processing", "Your last payment is still processing; wait a moment and try again.");
  }

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
  try {
    return await db.transaction(async (tx) => {
      const [row] = await tx
        .insert(checkouts)
        .values({
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
          expiresAt: new Date(Date.now() + RESERVATION_MINUTES * 60_000),
        })
        .returning();
      const { short } = await reserveStock(tx, id, quote.lines);
      if (short.length > 0) throw new OutOfStock(short);
      return row!;
    });
  } catch (err) {
    await stripe.paymentIntents.cancel(intent.id, { cancellation_reason: "abandoned" }).catch(() => {});
    if (err instanceof OutOfStock) {
      const names = err.short.map(
        ({ sku, quantity }) => `${quote.lines.find((l) => l.sku === sku)!.name} (${quantity === 0 ? "sold out" : `only ${quantity} left`})`,
      );
      throw new ApiFailure(409, "out_of_stock", `Someone bought the last of these first: ${names.join(", ")}. Update your cart and try again.`);
    }
    if (isUniqueViolation(err))
      throw new ApiFailure(409, "checkout_in_progress", "This cart's checkout was just started from another tab or click; reload the page to continue it.");
    throw err;
  }
}
