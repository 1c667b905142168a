import { type CheckoutLine, RETURN_STATUSES, type ShippingAddress } from "@shop/contracts";
import { sql } from "drizzle-orm";
import {
  type AnyPgColumn,
  bigint,
  bigserial,
  boolean,
  check,
  date,
  index,
  integer,
  jsonb,
  pgTable,
  primaryKey,
  serial,
  text,
  uniqueIndex,
} from "drizzle-orm/pg-core";
// Foreign keys only: rows of other domains this domain's rows point at.
import { users } from "../account/schema";
import { variants } from "../catalog/schema";
import { belongsTo, moment } from "../db/columns";

// The checkout domain's tables: stock per SKU, checkouts holding it until paid, orders and their history.

/** Stock per SKU. Owned by checkout (it reserves and commits); catalog only reads it. */
export const inventory = pgTable(
  "inventory",
  {
    sku: text("sku")
      .primaryKey()
      .references(() => variants.sku, { onDelete: "cascade" }),
    available: integer("available").notNull().default(0),
  },
  // The back office's low-stock view (LOW_STOCK, 5), lowest first: only the few low rows are in it.
  (t) => [
    check("inventory_available_non_negative", sql`${t.available} >= 0`),
    index("inventory_low_idx").on(t.available, t.sku).where(sql`${t.available} <= 5`),
  ],
);

/**
 * Every change an operator makes to a SKU's stock, with its reason: units in or out (`adjustment`),
 * or a level set outright after a count (`count`). Sales and holds are orders and reservations.
 */
export const stockMovements = pgTable(
  "stock_movements",
  {
    id: bigserial("id", { mode: "number" }).primaryKey(),
    sku: text("sku")
      .notNull()
      .references(() => inventory.sku, { onDelete: "cascade" }),
    at: moment("at").notNull().defaultNow(),
    /** `return`: units a received return put back on sale. */
    kind: text("kind", { enum: ["adjustment", "count", "return"] }).notNull(),
    change: integer("change").notNull(),
    availableAfter: integer("available_after").notNull(),
    reason: text("reason").notNull(),
    actor: text("actor").notNull(),
  },
  (t) => [index("stock_movements_sku_idx").on(t.sku, t.id.desc().nullsFirst()), check("stock_movements_after_non_negative", sql`${t.availableAfter} >= 0`)],
);

export const CHECKOUT_STATUSES = ["open", "completed", "expired", "replaced"] as const;

/** What a checkout charges and its order keeps, in integer minor units of one currency. */
const chargedTotals = () => ({
  currency: text("currency").notNull(),
  subtotalCents: integer("subtotal_cents").notNull(),
  discountCents: integer("discount_cents").notNull(),
  shippingCents: integer("shipping_cents").notNull(),
  taxCents: integer("tax_cents").notNull(),
  totalCents: integer("total_cents").notNull(),
});

/**
 * One attempt to buy a cart: the lines and totals it was priced at, the address, and the
 * PaymentIntent that pays for it. At most one is open per cart; its reservations hold the stock.
 */
export const checkouts = pgTable(
  "checkouts",
  {
    id: text("id").primaryKey(),
    cartId: text("cart_id").notNull(),
    /** The signed-in shopper who started it; null for a guest. */
    userId: text("user_id"),
    /** The browser's experiment visitor id: its order counts for the variants that browser saw. */
    visitorId: text("visitor_id"),
    status: text("status", { enum: CHECKOUT_STATUSES }).notNull().default("open"),
    email: text("email").notNull(),
    shippingAddress: jsonb("shipping_address").$type<ShippingAddress>().notNull(),
    shippingMethod: text("shipping_method", { enum: ["standard", "express", "overnight"] }).notNull(),
    lines: jsonb("lines").$type<CheckoutLine[]>().notNull(),
    couponCode: text("coupon_code"),
    couponDescription: text("coupon_description"),
    ...chargedTotals(),
    paymentIntentId: text("payment_intent_id").notNull().unique(),
    clientSecret: text("client_secret").notNull(),
    lastPaymentError: text("last_payment_error"),
    /** Set when the shopper first pays: from then on the sweep asks Stripe whether it went through. */
    paymentAttemptedAt: moment("payment_attempted_at"),
    /** Set when the shopper was told the payment is still processing: a later failure is then emailed. */
    processingSince: moment("processing_since"),
    expiresAt: moment("expires_at").notNull(),
    createdAt: moment("created_at").notNull().defaultNow(),
  },
  (t) => [
    uniqueIndex("checkouts_one_open_per_cart").on(t.cartId).where(sql`${t.status} = 'open'`),
    // The dashboard's checkouts started today (order-days.ts).
    index("checkouts_created_idx").on(t.createdAt),
    index("checkouts_open_expiry_idx").on(t.expiresAt).where(sql`${t.status} = 'open'`),
    check("checkouts_status", sql`${t.status} IN ('open', 'completed', 'expired', 'replaced')`),
    check(
      "checkouts_amounts",
      sql`${t.subtotalCents} >= 0 AND ${t.discountCents} >= 0 AND ${t.shippingCents} >= 0 AND ${t.taxCents} >= 0 AND ${t.totalCents} > 0`,
    ),
  ],
);

/** Stock an open checkout holds: already taken out of `inventory.available`, given back if it lapses. */
export const reservations = pgTable(
  "reservations",
  {
    checkoutId: text("checkout_id")
      .notNull()
      .references(() => checkouts.id, { onDelete: "cascade" }),
    sku: text("sku")
      .notNull()
      .references(() => inventory.sku),
    quantity: integer("quantity").notNull(),
  },
  (t) => [
    primaryKey({ columns: [t.checkoutId, t.sku] }),
    index("reservations_sku_idx").on(t.sku),
    check("reservations_quantity_positive", sql`${t.quantity} > 0`),
  ],
);

export const ORDER_STATUSES = ["pending_payment", "paid", "fulfilled", "delivered", "cancelled", "refunded"] as const;

/** A placed order. One per PaymentIntent, enforced here, whichever path (answer, webhook, sweep) gets there first. */
export const orders = pgTable(
  "orders",
  {
    number: text("number").primaryKey(),
    checkoutId: text("checkout_id")
      .notNull()
      .unique()
      .references(() => checkouts.id),
    paymentIntentId: text("payment_intent_id").notNull().unique(),
    /** The account it belongs to: the buyer's, or one that claimed it by its verified email. Null for a guest. */
    userId: text("user_id").references((): AnyPgColumn => users.id, { onDelete: "set null" }),
    status: text("status", { enum: ORDER_STATUSES }).notNull(),
    email: text("email").notNull(),
    shippingAddress: jsonb("shipping_address").$type<ShippingAddress>().notNull(),
    shippingMethod: text("shipping_method", { enum: ["standard", "express", "overnight"] }).notNull(),
    couponCode: text("coupon_code"),
    ...chargedTotals(),
    refundedCents: integer("refunded_cents").notNull().default(0),
    /** Who carries the parcel and its tracking number, as the operator who shipped it said. */
    carrier: text("carrier"),
    trackingNumber: text("tracking_number"),
    placedAt: moment("placed_at").notNull().defaultNow(),
  },
  (t) => [
    check("orders_status", sql`${t.status} IN ('pending_payment', 'paid', 'fulfilled', 'delivered', 'cancelled', 'refunded')`),
    index("orders_user_placed_idx").on(t.userId, t.placedAt),
    // The back office's order list: newest first, by status, by buyer (order-admin.ts). DESC NULLS
    // FIRST is what ORDER BY … DESC means; drizzle's desc() alone writes NULLS LAST, an order no
    // such query can read from the index (at 1M orders, a sequential scan and a sort: 750 ms).
    // Newest first without a filter reads orders_placed_idx (migration 0028: placed_at DESC, number
    // DESC, INCLUDE total_cents, so the dashboard sums today's orders from the index alone).
    index("orders_status_placed_idx").on(t.status, t.placedAt.desc().nullsFirst(), t.number.desc().nullsFirst()),
    index("orders_email_placed_idx").on(sql`lower(${t.email})`, t.placedAt.desc().nullsFirst()),
    check("orders_refund_within_total", sql`${t.refundedCents} >= 0 AND ${t.refundedCents} <= ${t.totalCents}`),
  ],
);

export const orderLines = pgTable(
  "order_lines",
  {
    orderNumber: belongsTo(text("order_number").notNull(), () => orders.number),
    sku: text("sku").notNull(),
    name: text("name").notNull(),
    options: jsonb("options").$type<Record<string, string>>().notNull(),
    quantity: integer("quantity").notNull(),
    unitPriceCents: integer("unit_price_cents").notNull(),
    lineTotalCents: integer("line_total_cents").notNull(),
  },
  (t) => [primaryKey({ columns: [t.orderNumber, t.sku] }), check("order_lines_quantity_positive", sql`${t.quantity} > 0`)],
);

/** Every status an order has had, when, and what moved it there. */
export const orderEvents = pgTable(
  "order_events",
  {
    id: serial("id").primaryKey(),
    orderNumber: belongsTo(text("order_number").notNull(), () => orders.number),
    at: moment("at").notNull().defaultNow(),
    fromStatus: text("from_status", { enum: ORDER_STATUSES }),
    toStatus: text("to_status", { enum: ORDER_STATUSES }).notNull(),
    cause: text("cause").notNull(),
  },
  (t) => [index("order_events_order_idx").on(t.orderNumber, t.id)],
);

/**
 * A shopper's return of a delivered order's items: requested → approved or rejected → received →
 * refunded, each move under the row's lock (so two operators cannot receive or refund it twice).
 */
export const returns = pgTable(
  "returns",
  {
    number: text("number").primaryKey(),
    orderNumber: text("order_number")
      .notNull()
      .references(() => orders.number),
    status: text("status", { enum: RETURN_STATUSES }).notNull().default("requested"),
    reason: text("reason").notNull(),
    /** Why an operator rejected it, for the shopper. */
    decision: text("decision"),
    /** The refund that paid it back, once refunded. */
    refundId: text("refund_id"),
    refundCents: integer("refund_cents"),
    requestedAt: moment("requested_at").notNull().defaultNow(),
  },
  (t) => [
    index("returns_order_idx").on(t.orderNumber),
    index("returns_status_idx").on(t.status, t.requestedAt.desc().nullsFirst(), t.number.desc().nullsFirst()),
    check("returns_status", sql`${t.status} IN ('requested', 'approved', 'rejected', 'received', 'refunded')`),
  ],
);

/** What a return holds: how many of a SKU were asked for, how many arrived, how many went back on sale. */
export const returnLines = pgTable(
  "return_lines",
  {
    returnNumber: belongsTo(text("return_number").notNull(), () => returns.number),
    sku: text("sku").notNull(),
    quantity: integer("quantity").notNull(),
    received: integer("received").notNull().default(0),
    restocked: integer("restocked").notNull().default(0),
  },
  (t) => [
    primaryKey({ columns: [t.returnNumber, t.sku] }),
    check("return_lines_counts", sql`${t.quantity} > 0 AND ${t.received} BETWEEN 0 AND ${t.quantity} AND ${t.restocked} BETWEEN 0 AND ${t.received}`),
  ],
);

/** Every status a return has had: when, who moved it, why. */
export const returnEvents = pgTable(
  "return_events",
  {
    id: serial("id").primaryKey(),
    returnNumber: belongsTo(text("return_number").notNull(), () => returns.number),
    at: moment("at").notNull().defaultNow(),
    fromStatus: text("from_status", { enum: RETURN_STATUSES }),
    toStatus: text("to_status", { enum: RETURN_STATUSES }).notNull(),
    actor: text("actor").notNull(),
    cause: text("cause").notNull(),
  },
  (t) => [index("return_events_return_idx").on(t.returnNumber, t.id)],
);

/** Refunds asked of Stripe: a row is written (and counted against the order) before Stripe is asked. */
export const refunds = pgTable(
  "refunds",
  {
    id: text("id").primaryKey(),
    orderNumber: text("order_number")
      .notNull()
      .references(() => orders.number),
    amountCents: integer("amount_cents").notNull(),
    status: text("status", { enum: ["pending", "succeeded", "failed"] })
      .notNull()
      .default("pending"),
    stripeRefundId: text("stripe_refund_id").unique(),
    reason: text("reason").notNull(),
    createdAt: moment("created_at").notNull().defaultNow(),
  },
  (t) => [
    index("refunds_order_idx").on(t.orderNumber),
    index("refunds_created_idx").on(t.createdAt),
    check("refunds_amount_positive", sql`${t.amountCents} > 0`),
  ],
);

/**
 * The shop's figures per closed day (UTC): checkouts started, orders placed and their totals, money
 * refunded that day. A closed day never changes again, so the sweep writes each once (order-days.ts)
 * and the dashboard reads 30 days as 30 rows, plus today from the orders themselves.
 */
export const orderDays = pgTable("order_days", {
  day: date("day", { mode: "string" }).primaryKey(),
  checkouts: integer("checkouts").notNull(),
  orders: integer("orders").notNull(),
  revenueCents: bigint("revenue_cents", { mode: "number" }).notNull(),
  refundedCents: bigint("refunded_cents", { mode: "number" }).notNull(),
});

/**
 * Which units a refund paid back, when an operator refunded chosen lines, and whether they went back
 * on sale. Its key to the refund is checked at commit (migration 0026): the lines are claimed under
 * the order's lock before the refund row is written, in the same transaction.
 */
export const refundLines = pgTable(
  "refund_lines",
  {
    refundId: belongsTo(text("refund_id").notNull(), () => refunds.id),
    sku: text("sku").notNull(),
    quantity: integer("quantity").notNull(),
    restocked: boolean("restocked").notNull().default(false),
  },
  (t) => [primaryKey({ columns: [t.refundId, t.sku] }), check("refund_lines_quantity_positive", sql`${t.quantity} > 0`)],
);

/** Stripe events already handled, so a redelivery is answered without doing anything twice. */
export const stripeEvents = pgTable("stripe_events", {
  id: text("id").primaryKey(),
  type: text("type").notNull(),
  receivedAt: moment("received_at").notNull().defaultNow(),
});
