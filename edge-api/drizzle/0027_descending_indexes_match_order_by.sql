DROP INDEX "audit_entries_subject_idx";--> statement-breakpoint
DROP INDEX "audit_entries_actor_idx";--> statement-breakpoint
DROP INDEX "orders_placed_idx";--> statement-breakpoint
DROP INDEX "orders_status_placed_idx";--> statement-breakpoint
DROP INDEX "orders_email_placed_idx";--> statement-breakpoint
DROP INDEX "returns_status_idx";--> statement-breakpoint
DROP INDEX "stock_movements_sku_idx";--> statement-breakpoint
CREATE INDEX "audit_entries_subject_idx" ON "audit_entries" USING btree ("subject","id" DESC NULLS FIRST);--> statement-breakpoint
CREATE INDEX "audit_entries_actor_idx" ON "audit_entries" USING btree (lower("actor"),"id" DESC NULLS FIRST);--> statement-breakpoint
CREATE INDEX "orders_placed_idx" ON "orders" USING btree ("placed_at" DESC NULLS FIRST,"number" DESC NULLS FIRST);--> statement-breakpoint
CREATE INDEX "orders_status_placed_idx" ON "orders" USING btree ("status","placed_at" DESC NULLS FIRST,"number" DESC NULLS FIRST);--> statement-breakpoint
CREATE INDEX "orders_email_placed_idx" ON "orders" USING btree (lower("email"),"placed_at" DESC NULLS FIRST);--> statement-breakpoint
CREATE INDEX "returns_status_idx" ON "returns" USING btree ("status","requested_at" DESC NULLS FIRST,"number" DESC NULLS FIRST);--> statement-breakpoint
CREATE INDEX "stock_movements_sku_idx" ON "stock_movements" USING btree ("sku","id" DESC NULLS FIRST);