import { index, integer, jsonb, pgTable, primaryKey, text } from "drizzle-orm/pg-core";
import { moment } from "../db/columns";

// The experiments' tables: who saw which variant, what they bought, and which versions failed them.

/** Which experiment, in which phase: a phase ends when its weights change, and a report reads one. */
const experimentPhase = () => ({ experimentId: text("experiment_id").notNull(), phase: integer("phase").notNull() });

/** A visitor saw an experiment's variant: once per visitor per experiment phase (a phase ends when its weights change). */
export const experimentExposures = pgTable(
  "experiment_exposures",
  {
    ...experimentPhase(),
    visitorId: text("visitor_id").notNull(),
    variant: text("variant").notNull(),
    /** The versions of the experiment's apps the visitor got: failures are matched to them. */
    versions: jsonb("versions").$type<Record<string, string>>().notNull(),
    exposedAt: moment("exposed_at").notNull().defaultNow(),
    /**
     * Set when the browser that got the document confirmed it (its shell ran, or it reported a
     * failure): a keyed hash of its network, never the address. The guardrail counts only confirmed
     * exposures, at most one per network, so minted visitors cannot dilute it.
     */
    confirmedNetwork: text("confirmed_network"),
  },
  (t) => [primaryKey({ columns: [t.experimentId, t.phase, t.visitorId] }), index("experiment_exposures_visitor_idx").on(t.visitorId)],
);

/** An order counted for the variant its buyer was exposed to, once per experiment phase. */
export const experimentConversions = pgTable(
  "experiment_conversions",
  {
    ...experimentPhase(),
    orderNumber: text("order_number").notNull(),
    visitorId: text("visitor_id").notNull(),
    variant: text("variant").notNull(),
    revenueCents: integer("revenue_cents").notNull(),
    at: moment("at").notNull().defaultNow(),
  },
  (t) => [primaryKey({ columns: [t.experimentId, t.phase, t.orderNumber] })],
);

/** A browser reported that an app version failed to load or render: once per version and visitor, kept 30 days. */
export const remoteFailures = pgTable(
  "remote_failures",
  {
    app: text("app").notNull(),
    version: text("version").notNull(),
    visitorId: text("visitor_id").notNull(),
    kind: text("kind", { enum: ["load", "render"] }).notNull(),
    /** A keyed hash of the reporting browser's network: the guardrail counts one failure per network. */
    network: text("network").notNull().default(""),
    at: moment("at").notNull().defaultNow(),
  },
  (t) => [primaryKey({ columns: [t.app, t.version, t.visitorId] }), index("remote_failures_at_idx").on(t.at)],
);
