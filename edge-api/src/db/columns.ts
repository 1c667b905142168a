import { type AnyPgColumn, timestamp } from "drizzle-orm/pg-core";

// Column shapes every domain's schema uses (drizzle's column helpers).

/** A moment, always with its time zone (timestamptz). */
export const moment = (name: string) => timestamp(name, { withTimezone: true });

/** When a row was made and last changed: Better Auth's tables keep both. */
export const createdAndUpdated = () => ({
  createdAt: moment("created_at").notNull().defaultNow(),
  updatedAt: moment("updated_at").notNull().defaultNow(),
});

/** A column naming the row this one belongs to: this row goes when that one does. */
export const belongsTo = <Column extends { references(to: () => AnyPgColumn, actions: { onDelete: "cascade" }): Column }>(
  column: Column,
  owner: () => AnyPgColumn,
) => column.references(owner, { onDelete: "cascade" });
