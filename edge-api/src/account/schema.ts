import type { ShippingAddress } from "@shop/contracts";
import { sql } from "drizzle-orm";
import { boolean, check, index, integer, jsonb, pgTable, primaryKey, text, uniqueIndex } from "drizzle-orm/pg-core";
import { belongsTo, createdAndUpdated, moment } from "../db/columns";

// The account domain's tables.

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
    ...createdAndUpdated(),
  },
  // Better Auth lowercases emails; the index makes sure nothing else can store a case variant.
  (t) => [uniqueIndex("users_email_lower").on(sql`lower(${t.email})`), check("users_role", sql`${t.role} IN ('customer', 'admin')`)],
);

export const sessions = pgTable(
  "sessions",
  {
    id: text("id").primaryKey(),
    token: text("token").notNull().unique(),
    userId: belongsTo(text("user_id").notNull(), () => users.id),
    expiresAt: moment("expires_at").notNull(),
    ipAddress: text("ip_address"),
    userAgent: text("user_agent"),
    ...createdAndUpdated(),
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
    userId: belongsTo(text("user_id").notNull(), () => users.id),
    accessToken: text("access_token"),
    refreshToken: text("refresh_token"),
    idToken: text("id_token"),
    accessTokenExpiresAt: moment("access_token_expires_at"),
    refreshTokenExpiresAt: moment("refresh_token_expires_at"),
    scope: text("scope"),
    password: text("password"),
    ...createdAndUpdated(),
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
    expiresAt: moment("expires_at").notNull(),
    ...createdAndUpdated(),
  },
  (t) => [index("verifications_identifier_idx").on(t.identifier)],
);

export const passkeys = pgTable(
  "passkeys",
  {
    id: text("id").primaryKey(),
    name: text("name"),
    publicKey: text("public_key").notNull(),
    userId: belongsTo(text("user_id").notNull(), () => users.id),
    credentialID: text("credential_id").notNull(),
    counter: integer("counter").notNull(),
    deviceType: text("device_type").notNull(),
    backedUp: boolean("backed_up").notNull(),
    transports: text("transports"),
    aaguid: text("aaguid"),
    createdAt: moment("created_at").defaultNow(),
  },
  (t) => [index("passkeys_user_idx").on(t.userId), index("passkeys_credential_idx").on(t.credentialID)],
);

/** A shopper's saved addresses; at most one default for shipping and one for billing. */
export const addresses = pgTable(
  "addresses",
  {
    id: text("id").primaryKey(),
    userId: belongsTo(text("user_id").notNull(), () => users.id),
    address: jsonb("address").$type<ShippingAddress>().notNull(),
    defaultShipping: boolean("default_shipping").notNull().default(false),
    defaultBilling: boolean("default_billing").notNull().default(false),
    createdAt: moment("created_at").notNull().defaultNow(),
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
    userId: belongsTo(text("user_id").notNull(), () => users.id),
    productSlug: text("product_slug").notNull(),
    addedAt: moment("added_at").notNull().defaultNow(),
  },
  (t) => [primaryKey({ columns: [t.userId, t.productSlug] }), index("wishlist_user_added_idx").on(t.userId, t.addedAt)],
);
