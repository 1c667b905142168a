CREATE TABLE "co_purchase_progress" (
	"placed_at" timestamp with time zone,
	"number" text
);
--> statement-breakpoint
CREATE TABLE "co_purchases" (
	"product_id" integer NOT NULL,
	"other_id" integer NOT NULL,
	"orders" integer NOT NULL,
	CONSTRAINT "co_purchases_product_id_other_id_pk" PRIMARY KEY("product_id","other_id")
);
--> statement-breakpoint
ALTER TABLE "co_purchases" ADD CONSTRAINT "co_purchases_product_id_products_id_fk" FOREIGN KEY ("product_id") REFERENCES "public"."products"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "co_purchases" ADD CONSTRAINT "co_purchases_other_id_products_id_fk" FOREIGN KEY ("other_id") REFERENCES "public"."products"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
CREATE INDEX "co_purchases_top_idx" ON "co_purchases" USING btree ("product_id","orders" DESC NULLS FIRST,"other_id");--> statement-breakpoint
CREATE INDEX "co_purchases_other_idx" ON "co_purchases" USING btree ("other_id");
--> statement-breakpoint
-- The one row: nothing counted yet.
INSERT INTO co_purchase_progress (placed_at, number) VALUES (NULL, NULL);
