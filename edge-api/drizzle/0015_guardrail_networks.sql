ALTER TABLE "experiment_exposures" ADD COLUMN "confirmed_network" text;--> statement-breakpoint
ALTER TABLE "remote_failures" ADD COLUMN "network" text DEFAULT '' NOT NULL;--> statement-breakpoint
CREATE INDEX "remote_failures_at_idx" ON "remote_failures" USING btree ("at");