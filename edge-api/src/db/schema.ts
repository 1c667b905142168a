import { sql } from "drizzle-orm";
import { check, integer, pgTable, serial, text, timestamp } from "drizzle-orm/pg-core";

export const products = pgTable(
  "products",
  {
    id: serial("id").primaryKey(),
    sku: text("sku").notNull().unique(),
    slug: text("slug").notNull().unique(),
    name: text("name").notNull(),
    description: text("description").notNull().default(""),
    priceCents: integer("price_cents").notNull(),
    currency: text("currency").notNull().default("USD"),
    createdAt: timestamp("created_at", { withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [check("products_price_non_negative", sql`${t.priceCents} >= 0`)],
);

/** Stock per SKU. Owned by checkout (it reserves and commits); catalog only reads it. */
export const inventory = pgTable(
  "inventory",
  {
    sku: text("sku")
      .primaryKey()
      .references(() => products.sku, { onDelete: "cascade" }),
    available: integer("available").notNull().default(0),
  },
  (t) => [check("inventory_available_non_negative", sql`${t.available} >= 0`)],
);
