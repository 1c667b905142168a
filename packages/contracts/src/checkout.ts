import { z } from "zod";
import { CartLine } from "./cart";
import { addressProblems, COUNTRY_CODES, EMAIL_PROBLEM, SHIPPING_METHOD_IDS } from "./checkout-rules";
import { Money } from "./money";
import { PlainText } from "./text";

export * from "./checkout-rules";

const text = (max: number) =>
  PlainText.pipe(
    z
      .string()
      .trim()
      .max(max * 4),
  )
    .optional()
    .default("");

export const ShippingAddress = z
  .object({
    name: text(100),
    line1: text(120),
    line2: text(120),
    city: text(80),
    region: text(40),
    postalCode: text(12),
    country: z.enum(COUNTRY_CODES, { error: "We ship to the United States, Canada, the United Kingdom, Germany and France" }),
    phone: text(30),
  })
  .superRefine((address, ctx) => {
    for (const [field, message] of Object.entries(addressProblems(address))) ctx.addIssue({ code: "custom", path: [field], message });
  })
  .meta({ id: "ShippingAddress" });
export type ShippingAddress = z.infer<typeof ShippingAddress>;

export const ShippingMethodId = z.enum(SHIPPING_METHOD_IDS);
export type ShippingMethodId = z.infer<typeof ShippingMethodId>;

export const Email = z.string().trim().max(254, "Email can be at most 254 characters").pipe(z.email(EMAIL_PROBLEM));

export const StartCheckout = z.object({ email: Email, shippingAddress: ShippingAddress, shippingMethod: ShippingMethodId }).meta({ id: "StartCheckout" });
export type StartCheckout = z.infer<typeof StartCheckout>;

export const ShippingOption = z
  .object({
    id: ShippingMethodId,
    label: z.string(),
    price: Money,
    /** Delivery window as calendar dates (YYYY-MM-DD), counted in business days from today. */
    estimate: z.object({ earliest: z.string(), latest: z.string() }),
  })
  .meta({ id: "ShippingOption" });
export type ShippingOption = z.infer<typeof ShippingOption>;

export const OrderTotals = z.object({ subtotal: Money, discount: Money, shipping: Money, tax: Money, total: Money }).meta({ id: "OrderTotals" });
export type OrderTotals = z.infer<typeof OrderTotals>;

export const CheckoutLine = CartLine.pick({ sku: true, name: true, options: true, image: true, quantity: true, unitPrice: true, lineTotal: true }).meta({
  id: "CheckoutLine",
});
export type CheckoutLine = z.infer<typeof CheckoutLine>;

export const CheckoutStatus = z.enum(["open", "completed", "expired", "replaced"]);

export const Checkout = z
  .object({
    id: z.string(),
    status: CheckoutStatus,
    email: z.string(),
    shippingAddress: ShippingAddress,
    shippingMethod: ShippingMethodId,
    shippingOptions: z.array(ShippingOption),
    lines: z.array(CheckoutLine),
    coupon: z.object({ code: z.string(), description: z.string() }).nullable(),
    totals: OrderTotals,
    /** The stock is held until then; after it the checkout must start again. */
    reservationExpiresAt: z.string(),
    payment: z.object({
      clientSecret: z.string(),
      /** Stripe's publishable key for the Payment Element; null where the test methods are offered (locally). */
      publishableKey: z.string().nullable(),
      /** What the last attempt said when it failed (a decline, a failed authentication). */
      lastError: z.string().nullable(),
    }),
    /** Set once the order exists, with the link that opens it. */
    order: z.object({ number: z.string(), url: z.string() }).nullable(),
  })
  .meta({ id: "Checkout" });
export type Checkout = z.infer<typeof Checkout>;

/**
 * How the shopper pays: a ConfirmationToken the Payment Element made (`ctoken_…`, production), or a
 * PaymentMethod id (locally one of the test methods: pm_card_visa, …).
 */
export const PayCheckout = z
  .object({
    paymentMethod: z.string().regex(/^(pm|ctoken)_\w{1,64}$/, "paymentMethod must be a Stripe PaymentMethod or ConfirmationToken id, such as pm_card_visa"),
  })
  .meta({ id: "PayCheckout" });

export const PayResult = z
  .object({
    status: z.enum(["succeeded", "requires_action", "declined"]),
    order: z.object({ number: z.string(), url: z.string() }).optional(),
    /** Where the shopper authenticates (3-D Secure); they come back to the checkout after. */
    nextActionUrl: z.string().optional(),
    /** Why a payment was declined, for the shopper. */
    message: z.string().optional(),
  })
  .meta({ id: "PayResult" });
export type PayResult = z.infer<typeof PayResult>;

export const OrderStatus = z.enum(["pending_payment", "paid", "fulfilled", "delivered", "cancelled", "refunded"]);
export type OrderStatus = z.infer<typeof OrderStatus>;

// ── Returns: a shopper asks, the checkout team's back office decides, receives and refunds ──────

export const RETURN_STATUSES = ["requested", "approved", "rejected", "received", "refunded"] as const;
export const ReturnStatus = z.enum(RETURN_STATUSES);
export type ReturnStatus = z.infer<typeof ReturnStatus>;

export const ReturnRequest = z
  .object({
    lines: z
      .array(z.object({ sku: z.string().min(1).max(64), quantity: z.number().int().min(1, "At least 1").max(100) }).strict())
      .min(1, "Choose at least one item")
      .max(50)
      .refine((lines) => new Set(lines.map((l) => l.sku)).size === lines.length, "Name each item once"),
    reason: PlainText.pipe(z.string().trim().min(1, "Say why you are returning them").max(500, "At most 500 characters")),
  })
  .strict()
  .meta({ id: "ReturnRequest" });
export type ReturnRequest = z.infer<typeof ReturnRequest>;

export const OrderReturn = z
  .object({
    number: z.string(),
    orderNumber: z.string(),
    status: ReturnStatus,
    reason: z.string(),
    /** Why it was rejected, as the operator said. */
    decision: z.string().nullable(),
    requestedAt: z.string(),
    lines: z.array(z.object({ sku: z.string(), name: z.string(), quantity: z.number().int(), received: z.number().int(), restocked: z.number().int() })),
    /** What its refund gave back; null until refunded. */
    refunded: Money.nullable(),
    history: z.array(z.object({ at: z.string(), status: ReturnStatus, actor: z.string(), cause: z.string() })),
  })
  .meta({ id: "OrderReturn" });
export type OrderReturn = z.infer<typeof OrderReturn>;

export const ReturnList = z
  .object({ items: z.array(OrderReturn), next: z.string().nullable().describe("Pass as `after` for the next page") })
  .meta({ id: "ReturnList" });
export type ReturnList = z.infer<typeof ReturnList>;

export const ReturnReceipt = z
  .object({
    lines: z
      .array(
        z
          .object({
            sku: z.string().min(1).max(64),
            quantity: z.number().int().min(0).max(100),
            /** Of those received, how many go back on sale (the rest are damaged). */
            restock: z.number().int().min(0).max(100),
          })
          .strict()
          .refine((l) => l.restock <= l.quantity, { message: "Restock at most what arrived", path: ["restock"] }),
      )
      .min(1)
      .max(50),
  })
  .strict()
  .meta({ id: "ReturnReceipt" });
export type ReturnReceipt = z.infer<typeof ReturnReceipt>;

export const Order = z
  .object({
    number: z.string(),
    status: OrderStatus,
    placedAt: z.string(),
    email: z.string(),
    shippingAddress: ShippingAddress,
    shippingMethod: z.object({ id: ShippingMethodId, label: z.string() }),
    lines: z.array(CheckoutLine.omit({ image: true })),
    coupon: z.string().nullable(),
    totals: OrderTotals,
    refunded: Money,
    payment: z.object({ reference: z.string() }),
    history: z.array(z.object({ at: z.string(), status: OrderStatus, cause: z.string() })),
    /** How the parcel travels, once shipped: the carrier, its tracking number and the carrier's page for it. */
    shipment: z.object({ carrier: z.string().nullable(), trackingNumber: z.string().nullable(), trackingUrl: z.string().nullable() }).nullable(),
    /** Until when, and how many of each SKU, can still be returned; null when nothing can (not delivered, or too late). */
    returnable: z.object({ until: z.string(), lines: z.record(z.string(), z.number().int()) }).nullable(),
    returns: z.array(OrderReturn),
  })
  .meta({ id: "Order" });
export type Order = z.infer<typeof Order>;

// ── The checkout team's back office: orders ─────────────────────────────────────────────────────

export const AdminOrderSummary = z
  .object({ number: z.string(), email: z.string(), status: OrderStatus, placedAt: z.string(), total: Money, refunded: Money, items: z.number().int() })
  .meta({ id: "AdminOrderSummary" });
export type AdminOrderSummary = z.infer<typeof AdminOrderSummary>;

export const AdminOrderList = z
  .object({ items: z.array(AdminOrderSummary), next: z.string().nullable().describe("Pass as `after` for the next page") })
  .meta({ id: "AdminOrderList" });
export type AdminOrderList = z.infer<typeof AdminOrderList>;

// ── The checkout team's back office: stock ───────────────────────────────────────────────────────

export const StockRow = z
  .object({
    sku: z.string(),
    /** The catalog's name and options; null for a SKU no longer sold. */
    name: z.string().nullable(),
    options: z.record(z.string(), z.string()),
    /** Sellable now. */
    available: z.number().int(),
    /** Held by checkouts not yet paid (already out of `available`). */
    held: z.number().int(),
  })
  .meta({ id: "StockRow" });
export type StockRow = z.infer<typeof StockRow>;

export const StockList = z
  .object({ items: z.array(StockRow), next: z.string().nullable().describe("Pass as `after` for the next page") })
  .meta({ id: "StockList" });
export type StockList = z.infer<typeof StockList>;

export const StockMovement = z
  .object({
    at: z.string(),
    /** `adjustment` (units in or out, with a reason), `count` (the level set outright) or `return` (a received return put back on sale). */
    kind: z.enum(["adjustment", "count", "return"]),
    change: z.number().int(),
    availableAfter: z.number().int(),
    reason: z.string(),
    actor: z.string(),
  })
  .meta({ id: "StockMovement" });
export type StockMovement = z.infer<typeof StockMovement>;

export const StockDetail = StockRow.extend({ movements: z.array(StockMovement) }).meta({ id: "StockDetail" });
export type StockDetail = z.infer<typeof StockDetail>;

export const StockAdjustment = z
  .object({
    change: z
      .number()
      .int("Whole units")
      .min(-1_000_000)
      .max(1_000_000)
      .refine((n) => n !== 0, "Say how many units come in (more than 0) or go out (less than 0)"),
    reason: PlainText.pipe(z.string().trim().min(1, "Say why (a delivery, a count, damage…)").max(200)),
  })
  .strict()
  .meta({ id: "StockAdjustment" });
export type StockAdjustment = z.infer<typeof StockAdjustment>;
