import { sql } from "drizzle-orm";
import type { Database } from "../db/client";

/**
 * Ends an open checkout and gives its stock back, once, in one call into Postgres
 * (release_checkout, migration 0031): a second caller (a webhook racing the sweep) changes nothing.
 * Callers cancel the PaymentIntent first, so the checkout cannot be paid after its stock is gone.
 */
export async function markCheckout(db: Database, checkoutId: string, status: "expired" | "replaced", message?: string): Promise<boolean> {
  const {
    rows: [row],
  } = await db.execute<{ released: boolean }>(sql`SELECT release_checkout(${checkoutId}, ${status}, ${message ?? null}) AS released`);
  return row!.released;
}
