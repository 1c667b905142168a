import type { CheckoutLine, ShippingAddress } from "@shop/contracts";
import { sql } from "drizzle-orm";
import { type AnyPgColumn, boolean, check, customType, index, integer, jsonb, pgTable, primaryKey, real, serial, text, timestamp, uniqueIndex } from "drizzle-orm/pg-core";

const tsvector = customType<{ data: string }>({ dataType: () => "tsvector" });

/** A tree: `path` holds the ids from the root down ("/1/4/"), so a subtree is every path starting with its own. */
export const categories = pgTable(
  "categories",
  {
    id: serial("id").primaryKey(),
    parentId: integer("parent_id").references((): AnyPgColumn => categories.id),
    slug: text("slug").notNull().unique(),
    name: text("name").notNull(),
    path: text("path").notNull(),
  },
  (t) => [index("categories_path_idx").on(t.path.op("text_pattern_ops")), index("categories_parent_idx").on(t.parentId)],
);

export const brands = pgTable("brands", {
  id: serial("id").primaryKey(),
  slug: text("slug").notNull().unique(),
  name: text("name").notNull(),
});

export const products = pgTable(
  "products",
  {
    id: serial("id").primaryKey(),
    slug: text("slug").notNull().unique(),
    name: text("name").notNull(),
    /** Rich text (HTML); sanitised when shown. */
    descriptionHtml: text("description_html").notNull().default(""),
    brandId: integer("brand_id")
      .notNull()
      .references(() => brands.id),
    categoryId: integer("category_id")
      .notNull()
      .references(() => categories.id),
    attributes: jsonb("attributes").$type<Record<string, string>>().notNull().default({}),
    /** The lowest variant price, kept by a trigger, so listings sort and filter by price without a join. */
    priceCents: integer("price_cents").notNull().default(0),
    currency: text("currency").notNull().default("USD"),
    ratingAverage: real("rating_average").notNull().default(0),
    ratingCount: integer("rating_count").notNull().default(0),
    /** Count of 1- to 5-star ratings. */
    ratingDistribution: integer("rating_distribution").array().notNull().default(sql`'{0,0,0,0,0}'`),
    createdAt: timestamp("created_at", { withTimezone: true }).notNull().defaultNow(),
    /** Whether any sellable variant has stock: a read model kept by triggers on inventory and variants. */
    inStock: boolean("in_stock").notNull().default(false),
    /** Weighted name (A) > brand (B) > category (C) > description (D); kept by a trigger. */
    searchDocument: tsvector("search_document"),
  },
  (t) => [
    index("products_search_idx").using("gin", t.searchDocument),
    index("products_name_trgm_idx").using("gin", t.name.op("gin_trgm_ops")),
    // Listings and facets read the covering products_listing_idx (migration 0006); foreign keys
    // to brands need their own index for deletes. See docs/catalog-queries.md for the plans.
    index("products_brand_idx").on(t.brandId),
  ],
);

export const variants = pgTable(
  "variants",
  {
    id: serial("id").primaryKey(),
    productId: integer("product_id")
      .notNull()
      .references(() => products.id, { onDelete: "cascade" }),
    sku: text("sku").notNull().unique(),
    /** e.g. { size: "M", colour: "Navy" } */
    options: jsonb("options").$type<Record<string, string>>().notNull().default({}),
    priceCents: integer("price_cents").notNull(),
    compareAtCents: integer("compare_at_cents"),
    currency: text("currency").notNull().default("USD"),
    position: integer("position").notNull().default(0),
    /** A discontinued variant stays for old orders and carts but is no longer sold. */
    discontinued: boolean("discontinued").notNull().default(false),
  },
  (t) => [
    index("variants_product_idx").on(t.productId, t.position),
    check("variants_price_non_negative", sql`${t.priceCents} >= 0`),
    check("variants_compare_at_above_price", sql`${t.compareAtCents} IS NULL OR ${t.compareAtCents} > ${t.priceCents}`),
  ],
);

/** Artwork is generated per product and position; the row fixes its size and alt text. */
export const productImages = pgTable(
  "product_images",
  {
    productId: integer("product_id")
      .notNull()
      .references(() => products.id, { onDelete: "cascade" }),
    position: integer("position").notNull(),
    alt: text("alt").notNull(),
    width: integer("width").notNull(),
    height: integer("height").notNull(),
  },
  (t) => [index("product_images_product_idx").on(t.productId, t.position)],
);

/** Stock per SKU. Owned by checkout (it reserves and commits); catalog only reads it. */
export const inventory = pgTable(
  "inventory",
  {
    sku: text("sku")
      .primaryKey()
      .references(() => variants.sku, { onDelete: "cascade" }),
    available: integer("available").notNull().default(0),
  },
  (t) => [check("inventory_available_non_negative", sql`${t.available} >= 0`)],
);

/**
 * Discount codes. A cart holds only the code; the terms are read here on every pricing, so a coupon
 * that expires or is used up stops applying everywhere at once. `times_used` counts placed orders
 * (checkout increments it); the restriction names a category by slug (it covers its subtree) so it
 * survives a catalog reload.
 */
export const coupons = pgTable(
  "coupons",
  {
    /** Upper-case; shoppers may type it in any case. */
    code: text("code").primaryKey(),
    description: text("description").notNull(),
    kind: text("kind", { enum: ["percent", "fixed"] }).notNull(),
    /** Percent off (1–100), or cents off. */
    value: integer("value").notNull(),
    minSubtotalCents: integer("min_subtotal_cents").notNull().default(0),
    startsAt: timestamp("starts_at", { withTimezone: true }).notNull().defaultNow(),
    endsAt: timestamp("ends_at", { withTimezone: true }),
    maxUses: integer("max_uses"),
    timesUsed: integer("times_used").notNull().default(0),
    categorySlug: text("category_slug"),
  },
  (t) => [
    check("coupons_code_upper", sql`${t.code} = upper(${t.code})`),
    check("coupons_kind", sql`${t.kind} IN ('percent', 'fixed')`),
    check("coupons_value_range", sql`${t.value} > 0 AND (${t.kind} = 'fixed' OR ${t.value} <= 100)`),
    check("coupons_min_subtotal_non_negative", sql`${t.minSubtotalCents} >= 0`),
    check("coupons_window", sql`${t.endsAt} IS NULL OR ${t.endsAt} > ${t.startsAt}`),
    check("coupons_uses", sql`${t.timesUsed} >= 0 AND (${t.maxUses} IS NULL OR ${t.maxUses} > 0)`),
  ],
);

// ─── Checkout (owned by checkout/): checkouts hold stock until paid; orders are what was bought. ───

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
    paymentAttemptedAt: timestamp("payment_attempted_at", { withTimezone: true }),
    expiresAt: timestamp("expires_at", { withTimezone: true }).notNull(),
    createdAt: timestamp("created_at", { withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [
    uniqueIndex("checkouts_one_open_per_cart").on(t.cartId).where(sql`${t.status} = 'open'`),
    index("checkouts_open_expiry_idx").on(t.expiresAt).where(sql`${t.status} = 'open'`),
    check("checkouts_status", sql`${t.status} IN ('open', 'completed', 'expired', 'replaced')`),
    check("checkouts_amounts", sql`${t.subtotalCents} >= 0 AND ${t.discountCents} >= 0 AND ${t.shippingCents} >= 0 AND ${t.taxCents} >= 0 AND ${t.totalCents} > 0`),
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
  (t) => [primaryKey({ columns: [t.checkoutId, t.sku] }), index("reservations_sku_idx").on(t.sku), check("reservations_quantity_positive", sql`${t.quantity} > 0`)],
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
    placedAt: timestamp("placed_at", { withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [
    check("orders_status", sql`${t.status} IN ('pending_payment', 'paid', 'fulfilled', 'delivered', 'cancelled', 'refunded')`),
    index("orders_user_placed_idx").on(t.userId, t.placedAt),
    check("orders_refund_within_total", sql`${t.refundedCents} >= 0 AND ${t.refundedCents} <= ${t.totalCents}`),
  ],
);

export const orderLines = pgTable(
  "order_lines",
  {
    orderNumber: text("order_number")
      .notNull()
      .references(() => orders.number, { onDelete: "cascade" }),
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
    orderNumber: text("order_number")
      .notNull()
      .references(() => orders.number, { onDelete: "cascade" }),
    at: timestamp("at", { withTimezone: true }).notNull().defaultNow(),
    fromStatus: text("from_status", { enum: ORDER_STATUSES }),
    toStatus: text("to_status", { enum: ORDER_STATUSES }).notNull(),
    cause: text("cause").notNull(),
  },
  (t) => [index("order_events_order_idx").on(t.orderNumber, t.id)],
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
    status: text("status", { enum: ["pending", "succeeded", "failed"] }).notNull().default("pending"),
    stripeRefundId: text("stripe_refund_id").unique(),
    reason: text("reason").notNull(),
    createdAt: timestamp("created_at", { withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [index("refunds_order_idx").on(t.orderNumber), check("refunds_amount_positive", sql`${t.amountCents} > 0`)],
);

/** Stripe events already handled, so a redelivery is answered without doing anything twice. */
export const stripeEvents = pgTable("stripe_events", {
  id: text("id").primaryKey(),
  type: text("type").notNull(),
  receivedAt: timestamp("received_at", { withTimezone: true }).notNull().defaultNow(),
});

/** Messages to send (order confirmations, refunds): what an email sender would pick up. */
export const outbox = pgTable(
  "outbox",
  {
    id: serial("id").primaryKey(),
    kind: text("kind", { enum: ["order_confirmation", "refund", "order_cancelled", "verify_email", "reset_password", "change_email", "existing_account"] }).notNull(),
    recipient: text("recipient").notNull(),
    subject: text("subject").notNull(),
    body: text("body").notNull(),
    orderNumber: text("order_number").references(() => orders.number),
    createdAt: timestamp("created_at", { withTimezone: true }).notNull().defaultNow(),
    sentAt: timestamp("sent_at", { withTimezone: true }),
  },
  (t) => [index("outbox_unsent_idx").on(t.id).where(sql`${t.sentAt} IS NULL`)],
);

// ─── Accounts ────────────────────────────────────────────────────────────────────────────────
// Better Auth's tables (user, session, account, verification, passkey) under our own names; the
// property names are the fields Better Auth reads and writes, so its drizzle adapter maps onto them.

export const USER_ROLES = ["customer", "admin"] as const;

export const users = pgTable(
  "users",
  {
    id: text("id").primaryKey(),
    name: text("name").notNull(),
    email: text("email").notNull(),
    emailVerified: boolean("email_verified").notNull().default(false),
    image: text("image"),
    role: text("role", { enum: USER_ROLES }).notNull().default("customer"),
    createdAt: timestamp("created_at", { withTimezone: true }).notNull().defaultNow(),
    updatedAt: timestamp("updated_at", { withTimezone: true }).notNull().defaultNow(),
  },
  // Better Auth lowercases emails; the index makes sure nothing else can store a case variant.
  (t) => [uniqueIndex("users_email_lower").on(sql`lower(${t.email})`), check("users_role", sql`${t.role} IN ('customer', 'admin')`)],
);

export const sessions = pgTable(
  "sessions",
  {
    id: text("id").primaryKey(),
    token: text("token").notNull().unique(),
    userId: text("user_id")
      .notNull()
      .references(() => users.id, { onDelete: "cascade" }),
    expiresAt: timestamp("expires_at", { withTimezone: true }).notNull(),
    ipAddress: text("ip_address"),
    userAgent: text("user_agent"),
    createdAt: timestamp("created_at", { withTimezone: true }).notNull().defaultNow(),
    updatedAt: timestamp("updated_at", { withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [index("sessions_user_idx").on(t.userId)],
);

/** A way to sign in: `credential` holds the password hash (with its scrypt parameters). */
export const authAccounts = pgTable(
  "auth_accounts",
  {
    id: text("id").primaryKey(),
    accountId: text("account_id").notNull(),
    providerId: text("provider_id").notNull(),
    userId: text("user_id")
      .notNull()
      .references(() => users.id, { onDelete: "cascade" }),
    accessToken: text("access_token"),
    refreshToken: text("refresh_token"),
    idToken: text("id_token"),
    accessTokenExpiresAt: timestamp("access_token_expires_at", { withTimezone: true }),
    refreshTokenExpiresAt: timestamp("refresh_token_expires_at", { withTimezone: true }),
    scope: text("scope"),
    password: text("password"),
    createdAt: timestamp("created_at", { withTimezone: true }).notNull().defaultNow(),
    updatedAt: timestamp("updated_at", { withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [index("auth_accounts_user_idx").on(t.userId)],
);

/** One-time tokens (email verification, password reset, WebAuthn challenges). */
export const verifications = pgTable(
  "verifications",
  {
    id: text("id").primaryKey(),
    identifier: text("identifier").notNull(),
    value: text("value").notNull(),
    expiresAt: timestamp("expires_at", { withTimezone: true }).notNull(),
    createdAt: timestamp("created_at", { withTimezone: true }).notNull().defaultNow(),
    updatedAt: timestamp("updated_at", { withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [index("verifications_identifier_idx").on(t.identifier)],
);

export const passkeys = pgTable(
  "passkeys",
  {
    id: text("id").primaryKey(),
    name: text("name"),
    publicKey: text("public_key").notNull(),
    userId: text("user_id")
      .notNull()
      .references(() => users.id, { onDelete: "cascade" }),
    credentialID: text("credential_id").notNull(),
    counter: integer("counter").notNull(),
    deviceType: text("device_type").notNull(),
    backedUp: boolean("backed_up").notNull(),
    transports: text("transports"),
    aaguid: text("aaguid"),
    createdAt: timestamp("created_at", { withTimezone: true }).defaultNow(),
  },
  (t) => [index("passkeys_user_idx").on(t.userId), index("passkeys_credential_idx").on(t.credentialID)],
);

/** A shopper's saved addresses; at most one default for shipping and one for billing. */
export const addresses = pgTable(
  "addresses",
  {
    id: text("id").primaryKey(),
    userId: text("user_id")
      .notNull()
      .references(() => users.id, { onDelete: "cascade" }),
    address: jsonb("address").$type<ShippingAddress>().notNull(),
    defaultShipping: boolean("default_shipping").notNull().default(false),
    defaultBilling: boolean("default_billing").notNull().default(false),
    createdAt: timestamp("created_at", { withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [
    index("addresses_user_idx").on(t.userId, t.createdAt),
    uniqueIndex("addresses_one_default_shipping").on(t.userId).where(sql`${t.defaultShipping}`),
    uniqueIndex("addresses_one_default_billing").on(t.userId).where(sql`${t.defaultBilling}`),
  ],
);

/** Products a shopper keeps for later. */
export const wishlistItems = pgTable(
  "wishlist_items",
  {
    userId: text("user_id")
      .notNull()
      .references(() => users.id, { onDelete: "cascade" }),
    productSlug: text("product_slug").notNull(),
    addedAt: timestamp("added_at", { withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [primaryKey({ columns: [t.userId, t.productSlug] }), index("wishlist_user_added_idx").on(t.userId, t.addedAt)],
);

/** Every registry change (publish, promote, rollback, prune, experiments): who, when, what and why. */
export const registryChanges = pgTable(
  "registry_changes",
  {
    id: serial("id").primaryKey(),
    at: timestamp("at", { withTimezone: true }).notNull().defaultNow(),
    /** `deploy token`, `admin token`, `admin:<email>` or `edge` (the guardrail and the rollout schedule). */
    actor: text("actor").notNull(),
    action: text("action").notNull(),
    app: text("app"),
    version: text("version"),
    experiment: text("experiment"),
    reason: text("reason"),
    detail: jsonb("detail").$type<Record<string, unknown>>(),
  },
  (t) => [index("registry_changes_at_idx").on(t.at), index("registry_changes_app_idx").on(t.app, t.at), index("registry_changes_experiment_idx").on(t.experiment, t.at)],
);

/** A visitor saw an experiment's variant: once per visitor per experiment phase (a phase ends when its weights change). */
export const experimentExposures = pgTable(
  "experiment_exposures",
  {
    experimentId: text("experiment_id").notNull(),
    phase: integer("phase").notNull(),
    visitorId: text("visitor_id").notNull(),
    variant: text("variant").notNull(),
    /** The versions of the experiment's apps the visitor got: failures are matched to them. */
    versions: jsonb("versions").$type<Record<string, string>>().notNull(),
    exposedAt: timestamp("exposed_at", { withTimezone: true }).notNull().defaultNow(),
    /**
     * Set when the browser that got the document confirmed it (its shell ran, or it reported a
     * failure): a keyed hash of its network, never the address. The guardrail counts only confirmed
     * exposures, at most one per network, so minted visitors cannot dilute it.
     */
    confirmedNetwork: text("confirmed_network"),
  },
  (t) => [primaryKey({ columns: [t.experimentId, t.phase, t.visitorId] }), index("experiment_exposures_visitor_idx").on(t.visitorId)],
);

/** An order counted for the variant its buyer was exposed to, once per experiment phase. */
export const experimentConversions = pgTable(
  "experiment_conversions",
  {
    experimentId: text("experiment_id").notNull(),
    phase: integer("phase").notNull(),
    orderNumber: text("order_number").notNull(),
    visitorId: text("visitor_id").notNull(),
    variant: text("variant").notNull(),
    revenueCents: integer("revenue_cents").notNull(),
    at: timestamp("at", { withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [primaryKey({ columns: [t.experimentId, t.phase, t.orderNumber] })],
);

/** A browser reported that an app version failed to load or render: once per version and visitor, kept 30 days. */
export const remoteFailures = pgTable(
  "remote_failures",
  {
    app: text("app").notNull(),
    version: text("version").notNull(),
    visitorId: text("visitor_id").notNull(),
    kind: text("kind", { enum: ["load", "render"] }).notNull(),
    /** A keyed hash of the reporting browser's network: the guardrail counts one failure per network. */
    network: text("network").notNull().default(""),
    at: timestamp("at", { withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [primaryKey({ columns: [t.app, t.version, t.visitorId] }), index("remote_failures_at_idx").on(t.at)],
);
