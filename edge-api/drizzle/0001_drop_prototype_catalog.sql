DROP TABLE "inventory" CASCADE;--> statement-breakpoint
DROP TABLE "products" CASCADE;