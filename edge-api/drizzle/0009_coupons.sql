CREATE TABLE "coupons" (
	"code" text PRIMARY KEY NOT NULL,
	"description" text NOT NULL,
	"kind" text NOT NULL,
	"value" integer NOT NULL,
	"min_subtotal_cents" integer DEFAULT 0 NOT NULL,
	"starts_at" timestamp with time zone DEFAULT now() NOT NULL,
	"ends_at" timestamp with time zone,
	"max_uses" integer,
	"times_used" integer DEFAULT 0 NOT NULL,
	"category_slug" text,
	CONSTRAINT "coupons_code_upper" CHECK ("coupons"."code" = upper("coupons"."code")),
	CONSTRAINT "coupons_kind" CHECK ("coupons"."kind" IN ('percent', 'fixed')),
	CONSTRAINT "coupons_value_range" CHECK ("coupons"."value" > 0 AND ("coupons"."kind" = 'fixed' OR "coupons"."value" <= 100)),
	CONSTRAINT "coupons_min_subtotal_non_negative" CHECK ("coupons"."min_subtotal_cents" >= 0),
	CONSTRAINT "coupons_window" CHECK ("coupons"."ends_at" IS NULL OR "coupons"."ends_at" > "coupons"."starts_at"),
	CONSTRAINT "coupons_uses" CHECK ("coupons"."times_used" >= 0 AND ("coupons"."max_uses" IS NULL OR "coupons"."max_uses" > 0))
);
