import { z } from "zod";
import { ProductSummary } from "./catalog";
import { OrderStatus, ShippingAddress } from "./checkout";
import { Money } from "./money";
import { PlainText } from "./text";

export const Profile = z
  .object({
    id: z.string(),
    name: z.string(),
    email: z.string(),
    emailVerified: z.boolean(),
    role: z.enum(["customer", "admin"]),
    createdAt: z.string(),
    /** Whether the account has a password (an account may have passkeys only). */
    hasPassword: z.boolean(),
  })
  .meta({ id: "Profile" });
export type Profile = z.infer<typeof Profile>;

export const SavedAddress = z
  .object({ id: z.string(), address: ShippingAddress, defaultShipping: z.boolean(), defaultBilling: z.boolean() })
  .meta({ id: "SavedAddress" });
export type SavedAddress = z.infer<typeof SavedAddress>;

/** A new or edited address: the same rules as checkout's. */
export const AddressInput = z
  .object({ address: ShippingAddress, defaultShipping: z.boolean().optional(), defaultBilling: z.boolean().optional() })
  .meta({ id: "AddressInput" });
export type AddressInput = z.infer<typeof AddressInput>;

export const OrderSummary = z
  .object({ number: z.string(), status: OrderStatus, placedAt: z.string(), total: Money, itemCount: z.number().int() })
  .meta({ id: "OrderSummary" });
export type OrderSummary = z.infer<typeof OrderSummary>;

export const ORDERS_PER_PAGE = 10;

export const OrderHistory = z
  .object({ orders: z.array(OrderSummary), page: z.number().int(), pageCount: z.number().int(), total: z.number().int() })
  .meta({ id: "OrderHistory" });
export type OrderHistory = z.infer<typeof OrderHistory>;

export const Reorder = z
  .object({
    added: z.array(z.object({ sku: z.string(), name: z.string(), quantity: z.number().int() })),
    /** Lines that could not go back in the cart, and why (no longer sold, out of stock, fewer left). */
    notAdded: z.array(z.object({ sku: z.string(), name: z.string(), reason: z.string() })),
  })
  .meta({ id: "Reorder" });
export type Reorder = z.infer<typeof Reorder>;

export const Wishlist = z.object({ items: z.array(z.object({ product: ProductSummary, addedAt: z.string() })) }).meta({ id: "Wishlist" });
export type Wishlist = z.infer<typeof Wishlist>;

/** A shopper's name, the same rules wherever it is given (registration, the profile). */
export const PersonName = PlainText.pipe(z.string().trim().min(1, "Enter your name").max(100, "at most 100 characters"));

export const ProfileChange = z.object({ name: PersonName }).meta({ id: "ProfileChange" });

export const AccountDeletion = z
  .object({ password: z.string().max(128).optional(), confirm: z.literal("delete my account", { error: 'Type "delete my account" to confirm' }) })
  .meta({ id: "AccountDeletion" });

// ── The account team's back office: customers ────────────────────────────────────────────────────

export const CustomerSummary = z
  .object({ id: z.string(), name: z.string(), email: z.string(), role: z.enum(["customer", "admin"]), createdAt: z.string(), emailVerified: z.boolean() })
  .meta({ id: "CustomerSummary" });
export type CustomerSummary = z.infer<typeof CustomerSummary>;

export const CustomerList = z.object({ items: z.array(CustomerSummary), next: z.string().nullable() }).meta({ id: "CustomerList" });
export type CustomerList = z.infer<typeof CustomerList>;

export const CustomerDetail = CustomerSummary.extend({
  addresses: z.array(SavedAddress),
  orders: OrderHistory,
  sessions: z.array(
    z.object({ id: z.string(), createdAt: z.string(), expiresAt: z.string(), ipAddress: z.string().nullable(), userAgent: z.string().nullable() }),
  ),
}).meta({ id: "CustomerDetail" });
export type CustomerDetail = z.infer<typeof CustomerDetail>;

export const RoleChange = z
  .object({ role: z.enum(["customer", "admin"]) })
  .strict()
  .meta({ id: "RoleChange" });
