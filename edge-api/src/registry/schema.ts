import { index, jsonb, pgTable, serial, text } from "drizzle-orm/pg-core";
import { moment } from "../db/columns";

// The registry's table (versions and experiments themselves live in KV): its change log.

/** Every registry change (publish, promote, rollback, prune, experiments): who, when, what and why. */
export const registryChanges = pgTable(
  "registry_changes",
  {
    id: serial("id").primaryKey(),
    at: moment("at").notNull().defaultNow(),
    /** `deploy token`, `admin token`, `admin:<email>` or `edge` (the guardrail and the rollout schedule). */
    actor: text("actor").notNull(),
    action: text("action").notNull(),
    app: text("app"),
    version: text("version"),
    experiment: text("experiment"),
    reason: text("reason"),
    detail: jsonb("detail").$type<Record<string, unknown>>(),
  },
  (t) => [
    index("registry_changes_at_idx").on(t.at),
    index("registry_changes_app_idx").on(t.app, t.at),
    index("registry_changes_experiment_idx").on(t.experiment, t.at),
  ],
);
