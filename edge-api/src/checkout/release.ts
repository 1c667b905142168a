import { and, eq } from "drizzle-orm";
import type { Database } from "../db/client";
import { checkouts } from "./schema";
import { releaseReservation } from "./stock";

/**
 * Ends an open checkout and gives its stock back, once: the status guard makes a second caller (a
 * webhook racing the sweep) a no-op. Callers cancel the PaymentIntent first, so the checkout cannot
 * be paid after its stock is gone.
 */
export async function markCheckout(db: Database, checkoutId: string, status: "expired" | "replaced", message?: string): Promise<boolean> {
  return db.transaction(async (tx) => {
    const ended = await tx
      .update(checkouts)
      .set({ status, ...(message && { lastPaymentError: message }) })
      .where(and(eq(checkouts.id, checkoutId), eq(checkouts.status, "open")))
      .returning({ id: checkouts.id });
    if (ended.length === 0) return false;
    await releaseReservation(tx, checkoutId);
    return true;
  });
}
