import crypto from "node:crypto";
import type Stripe from "stripe";

/**
 * The part of Stripe's payment objects the shop uses, typed by the SDK's own definitions so the
 * emulator cannot drift from what `stripe` parses.
 */
export type PaymentIntent = Pick<
  Stripe.PaymentIntent,
  | "id"
  | "object"
  | "amount"
  | "amount_received"
  | "currency"
  | "status"
  | "client_secret"
  | "metadata"
  | "created"
  | "livemode"
  | "canceled_at"
  | "cancellation_reason"
  | "description"
  | "receipt_email"
> & {
  payment_method: string | null;
  latest_charge: string | null;
  last_payment_error: Pick<Stripe.PaymentIntent.LastPaymentError, "type" | "code" | "decline_code" | "message"> | null;
  next_action: { type: "redirect_to_url"; redirect_to_url: { url: string; return_url: string } } | null;
};
export type Charge = Pick<
  Stripe.Charge,
  "id" | "object" | "amount" | "amount_captured" | "amount_refunded" | "refunded" | "currency" | "status" | "created" | "livemode" | "paid" | "captured"
> & { payment_intent: string };
export type Refund = Pick<Stripe.Refund, "id" | "object" | "amount" | "currency" | "status" | "metadata" | "created" | "reason"> & {
  charge: string;
  payment_intent: string;
};

/** A refusal in Stripe's own error shape; the SDK turns it into its typed errors. */
export class StripeFailure extends Error {
  constructor(
    readonly status: number,
    readonly body: { type: string; code?: string; decline_code?: string; message: string; param?: string; payment_intent?: PaymentIntent },
  ) {
    super(body.message);
  }
}

/** What each test payment method does when a PaymentIntent is confirmed with it. */
const TEST_CARDS: Record<string, "succeeds" | "requires_action" | "processing" | "processing_fails" | { decline_code: string; message: string }> = {
  pm_card_visa: "succeeds",
  pm_card_mastercard: "succeeds",
  pm_card_threeDSecure2Required: "requires_action",
  pm_card_chargeDeclined: { decline_code: "generic_decline", message: "Your card was declined." },
  pm_card_chargeDeclinedInsufficientFunds: { decline_code: "insufficient_funds", message: "Your card has insufficient funds." },
  // The emulator's own stand-in for a delayed method (a bank debit): `processing`, then it succeeds.
  pm_emulator_processing: "processing",
  // …and one that fails once processed (a debit the bank refused), as `payment_intent.payment_failed`.
  pm_emulator_processing_fails: "processing_fails",
};

export type EventType = "payment_intent.succeeded" | "payment_intent.payment_failed" | "payment_intent.canceled" | "charge.refunded";

const now = () => Math.floor(Date.now() / 1000);
const newId = (prefix: string) => `${prefix}_${crypto.randomBytes(12).toString("base64url").replace(/[-_]/g, "x")}`;
const invalid = (message: string, param?: string) => new StripeFailure(400, { type: "invalid_request_error", message, ...(param && { param }) });

/** Every PaymentIntent, charge and refund, and what happened to them (as events). */
export class Payments {
  readonly intents = new Map<string, PaymentIntent>();
  readonly charges = new Map<string, Charge>();
  readonly refunds = new Map<string, Refund>();

  constructor(
    /** Called for each event, in order; the webhook sender delivers it. */
    private readonly emit: (type: EventType, object: PaymentIntent | Charge) => void,
    /** Where the 3-D Secure page is served, for `next_action`. */
    private readonly origin: () => string,
    /** How long a delayed payment stays `processing` before it succeeds. */
    private readonly processingMs = 3000,
  ) {}

  intent(id: string): PaymentIntent {
    const intent = this.intents.get(id);
    if (!intent)
      throw new StripeFailure(404, { type: "invalid_request_error", code: "resource_missing", message: `No such payment_intent: '${id}'`, param: "intent" });
    return intent;
  }

  create(params: Record<string, unknown>): PaymentIntent {
    const amount = positiveAmount(params.amount);
    if (typeof params.currency !== "string" || !/^[a-z]{3}$/i.test(params.currency)) throw invalid("Missing required param: currency.", "currency");
    const id = newId("pi");
    const intent: PaymentIntent = {
      id,
      object: "payment_intent",
      amount,
      amount_received: 0,
      currency: params.currency.toLowerCase(),
      status: "requires_payment_method",
      client_secret: `${id}_secret_${crypto.randomBytes(12).toString("hex")}`,
      metadata: metadataOf(params.metadata),
      created: now(),
      livemode: false,
      canceled_at: null,
      cancellation_reason: null,
      description: typeof params.description === "string" ? params.description : null,
      receipt_email: typeof params.receipt_email === "string" ? params.receipt_email : null,
      payment_method: null,
      latest_charge: null,
      last_payment_error: null,
      next_action: null,
    };
    this.intents.set(id, intent);
    if (typeof params.payment_method === "string") intent.payment_method = params.payment_method;
    if (params.confirm === "true" || params.confirm === true) return this.confirm(id, params);
    return intent;
  }

  update(id: string, params: Record<string, unknown>): PaymentIntent {
    const intent = this.intent(id);
    if (["succeeded", "canceled", "processing"].includes(intent.status)) {
      throw new StripeFailure(400, {
        type: "invalid_request_error",
        code: "payment_intent_unexpected_state",
        message: `This PaymentIntent's status is ${intent.status}; it cannot be updated.`,
        payment_intent: intent,
      });
    }
    if (params.amount !== undefined) intent.amount = positiveAmount(params.amount);
    if (params.metadata !== undefined) intent.metadata = { ...intent.metadata, ...metadataOf(params.metadata) };
    if (typeof params.payment_method === "string") intent.payment_method = params.payment_method;
    if (typeof params.receipt_email === "string") intent.receipt_email = params.receipt_email;
    return intent;
  }

  confirm(id: string, params: Record<string, unknown>): PaymentIntent {
    const intent = this.intent(id);
    if (!["requires_payment_method", "requires_confirmation", "requires_action"].includes(intent.status)) {
      throw new StripeFailure(400, {
        type: "invalid_request_error",
        code: "payment_intent_unexpected_state",
        message: `This PaymentIntent's status is ${intent.status}; it cannot be confirmed.`,
        payment_intent: intent,
      });
    }
    const method = typeof params.payment_method === "string" ? params.payment_method : intent.payment_method;
    if (!method) throw invalid("You must provide a payment_method to confirm this PaymentIntent.", "payment_method");
    const card = TEST_CARDS[method];
    if (!card)
      throw new StripeFailure(400, {
        type: "invalid_request_error",
        code: "resource_missing",
        message: `No such PaymentMethod: '${method}'`,
        param: "payment_method",
      });
    intent.payment_method = method;
    intent.last_payment_error = null;
    if (card === "succeeds") return this.succeed(intent);
    if (card === "processing") {
      intent.status = "processing";
      setTimeout(() => intent.status === "processing" && this.succeed(intent), this.processingMs).unref();
      return intent;
    }
    if (card === "processing_fails") {
      intent.status = "processing";
      const refused = { type: "card_error", code: "payment_method_provider_decline", message: "The bank refused the debit." } as const;
      setTimeout(() => intent.status === "processing" && this.fail(intent, refused), this.processingMs).unref();
      return intent;
    }
    if (card === "requires_action") {
      const returnUrl = typeof params.return_url === "string" ? params.return_url : "";
      if (!returnUrl) throw invalid("This payment method needs authentication: pass a return_url.", "return_url");
      intent.status = "requires_action";
      const page = new URL(`/3ds/${intent.id}`, this.origin());
      page.searchParams.set("return_url", returnUrl);
      intent.next_action = { type: "redirect_to_url", redirect_to_url: { url: page.href, return_url: returnUrl } };
      return intent;
    }
    this.fail(intent, { type: "card_error", code: "card_declined", decline_code: card.decline_code, message: card.message });
    throw new StripeFailure(402, { type: "card_error", code: "card_declined", decline_code: card.decline_code, message: card.message, payment_intent: intent });
  }

  /** The shopper's answer on the 3-D Secure page. */
  authenticate(id: string, approved: boolean): PaymentIntent {
    const intent = this.intent(id);
    if (intent.status !== "requires_action") return intent;
    intent.next_action = null;
    if (approved) return this.succeed(intent);
    this.fail(intent, { type: "card_error", code: "payment_intent_authentication_failure", message: "We are unable to authenticate your payment method." });
    return intent;
  }

  cancel(id: string, params: Record<string, unknown>): PaymentIntent {
    const intent = this.intent(id);
    if (intent.status === "succeeded" || intent.status === "canceled" || intent.status === "processing") {
      throw new StripeFailure(400, {
        type: "invalid_request_error",
        code: "payment_intent_unexpected_state",
        message: `You cannot cancel this PaymentIntent because it has a status of ${intent.status}.`,
        payment_intent: intent,
      });
    }
    intent.status = "canceled";
    intent.next_action = null;
    intent.canceled_at = now();
    const reason = params.cancellation_reason;
    intent.cancellation_reason = (typeof reason === "string" ? reason : null) as PaymentIntent["cancellation_reason"];
    this.emit("payment_intent.canceled", intent);
    return intent;
  }

  refund(params: Record<string, unknown>): Refund {
    const intent = this.intent(typeof params.payment_intent === "string" ? params.payment_intent : "");
    const charge = intent.latest_charge ? this.charges.get(intent.latest_charge) : undefined;
    if (!charge || intent.status !== "succeeded") throw invalid(`PaymentIntent ${intent.id} has no successful charge to refund.`, "payment_intent");
    const remaining = charge.amount_captured - charge.amount_refunded;
    const amount = params.amount === undefined ? remaining : positiveAmount(params.amount);
    if (remaining === 0)
      throw new StripeFailure(400, {
        type: "invalid_request_error",
        code: "charge_already_refunded",
        message: `Charge ${charge.id} has already been refunded.`,
      });
    if (amount > remaining) {
      throw new StripeFailure(400, {
        type: "invalid_request_error",
        code: "amount_too_large",
        param: "amount",
        message: `Refund amount (${amount}) is greater than unrefunded amount on charge (${remaining}).`,
      });
    }
    charge.amount_refunded += amount;
    charge.refunded = charge.amount_refunded === charge.amount_captured;
    const refund: Refund = {
      id: newId("re"),
      object: "refund",
      amount,
      currency: charge.currency,
      status: "succeeded",
      metadata: metadataOf(params.metadata),
      created: now(),
      reason: (typeof params.reason === "string" ? params.reason : null) as Refund["reason"],
      charge: charge.id,
      payment_intent: intent.id,
    };
    this.refunds.set(refund.id, refund);
    this.emit("charge.refunded", charge);
    return refund;
  }

  private succeed(intent: PaymentIntent): PaymentIntent {
    const charge: Charge = {
      id: newId("ch"),
      object: "charge",
      amount: intent.amount,
      amount_captured: intent.amount,
      amount_refunded: 0,
      refunded: false,
      currency: intent.currency,
      status: "succeeded",
      created: now(),
      livemode: false,
      paid: true,
      captured: true,
      payment_intent: intent.id,
    };
    this.charges.set(charge.id, charge);
    Object.assign(intent, { status: "succeeded", amount_received: intent.amount, latest_charge: charge.id, next_action: null });
    this.emit("payment_intent.succeeded", intent);
    return intent;
  }

  private fail(intent: PaymentIntent, error: NonNullable<PaymentIntent["last_payment_error"]>) {
    Object.assign(intent, { status: "requires_payment_method", last_payment_error: error, next_action: null });
    this.emit("payment_intent.payment_failed", intent);
  }
}

function positiveAmount(value: unknown): number {
  const amount = Number(value);
  if (!Number.isInteger(amount) || amount < 1 || amount > 99_999_999)
    throw invalid("amount must be a whole number of minor units from 1 to 99999999.", "amount");
  return amount;
}

function metadataOf(value: unknown): Record<string, string> {
  if (!value || typeof value !== "object") return {};
  return Object.fromEntries(Object.entries(value).map(([k, v]) => [k, String(v)]));
}
