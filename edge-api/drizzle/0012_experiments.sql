CREATE TABLE "experiment_conversions" (
	"experiment_id" text NOT NULL,
	"phase" integer NOT NULL,
	"order_number" text NOT NULL,
	"visitor_id" text NOT NULL,
	"variant" text NOT NULL,
	"revenue_cents" integer NOT NULL,
	"at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "experiment_conversions_experiment_id_phase_order_number_pk" PRIMARY KEY("experiment_id","phase","order_number")
);
--> statement-breakpoint
CREATE TABLE "experiment_exposures" (
	"experiment_id" text NOT NULL,
	"phase" integer NOT NULL,
	"visitor_id" text NOT NULL,
	"variant" text NOT NULL,
	"versions" jsonb NOT NULL,
	"exposed_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "experiment_exposures_experiment_id_phase_visitor_id_pk" PRIMARY KEY("experiment_id","phase","visitor_id")
);
--> statement-breakpoint
CREATE TABLE "registry_changes" (
	"id" serial PRIMARY KEY NOT NULL,
	"at" timestamp with time zone DEFAULT now() NOT NULL,
	"actor" text NOT NULL,
	"action" text NOT NULL,
	"app" text,
	"version" text,
	"experiment" text,
	"reason" text,
	"detail" jsonb
);
--> statement-breakpoint
CREATE TABLE "remote_failures" (
	"app" text NOT NULL,
	"version" text NOT NULL,
	"visitor_id" text NOT NULL,
	"kind" text NOT NULL,
	"at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "remote_failures_app_version_visitor_id_pk" PRIMARY KEY("app","version","visitor_id")
);
--> statement-breakpoint
ALTER TABLE "checkouts" ADD COLUMN "visitor_id" text;--> statement-breakpoint
CREATE INDEX "experiment_exposures_visitor_idx" ON "experiment_exposures" USING btree ("visitor_id");--> statement-breakpoint
CREATE INDEX "registry_changes_at_idx" ON "registry_changes" USING btree ("at");--> statement-breakpoint
CREATE INDEX "registry_changes_app_idx" ON "registry_changes" USING btree ("app","at");--> statement-breakpoint
CREATE INDEX "registry_changes_experiment_idx" ON "registry_changes" USING btree ("experiment","at");