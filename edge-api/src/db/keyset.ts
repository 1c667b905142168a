import { type AnyColumn, type SQL, sql } from "drizzle-orm";

// Back-office lists page newest first by where the last page ended (keyset, not OFFSET: page 1,000
// costs what page 1 does). A cursor is `<ISO time>_<key>`; its rows come after it in (time DESC,
// key DESC) order, which each list's index reads in that order.

export const keysetCursor = (at: Date, key: string | number) => `${at.toISOString()}_${key}`;

/** Rows listed after the cursor; undefined without one, or for one this list never wrote (the first page then). */
export function after(time: AnyColumn, key: AnyColumn, cursor: string | undefined): SQL | undefined {
  const split = cursor?.indexOf("_") ?? -1;
  if (!cursor || split < 0) return undefined;
  const at = new Date(cursor.slice(0, split));
  const last = cursor.slice(split + 1);
  if (!last || Number.isNaN(at.getTime())) return undefined;
  return sql`(${time}, ${key}) < (${at.toISOString()}::timestamptz, ${last})`;
}

/** A page of `limit` rows from a query that read `limit + 1`, and where the next starts (null: this is the last). */
export function pageOf<T>(rows: T[], limit: number, cursorOf: (last: T) => string): { page: T[]; next: string | null } {
  const page = rows.slice(0, limit);
  return { page, next: rows.length > limit ? cursorOf(page.at(-1)!) : null };
}
