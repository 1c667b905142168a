CREATE TABLE "stock_movements" (
	"id" bigserial PRIMARY KEY NOT NULL,
	"sku" text NOT NULL,
	"at" timestamp with time zone DEFAULT now() NOT NULL,
	"kind" text NOT NULL,
	"change" integer NOT NULL,
	"available_after" integer NOT NULL,
	"reason" text NOT NULL,
	"actor" text NOT NULL,
	CONSTRAINT "stock_movements_after_non_negative" CHECK ("stock_movements"."available_after" >= 0)
);
--> statement-breakpoint
ALTER TABLE "stock_movements" ADD CONSTRAINT "stock_movements_sku_inventory_sku_fk" FOREIGN KEY ("sku") REFERENCES "public"."inventory"("sku") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
CREATE INDEX "stock_movements_sku_idx" ON "stock_movements" USING btree ("sku","id" DESC NULLS LAST);--> statement-breakpoint
CREATE INDEX "inventory_low_idx" ON "inventory" USING btree ("available","sku") WHERE "inventory"."available" <= 5;