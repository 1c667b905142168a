DROP INDEX "orders_placed_idx";--> statement-breakpoint
-- Newest orders first (the back office's list, its keyset pages), and today's totals for the
-- dashboard (checkout/order-days.ts) summed from the index alone. Declared here, not in schema.ts:
-- drizzle cannot write INCLUDE.
CREATE INDEX "orders_placed_idx" ON "orders" USING btree ("placed_at" DESC NULLS FIRST, "number" DESC NULLS FIRST) INCLUDE ("total_cents");
