import type { AddressInput, SavedAddress } from "@shop/contracts";
import { and, asc, count, eq } from "drizzle-orm";
import type { Database } from "../db/client";
import { ApiFailure } from "../errors";
import { addresses } from "./schema";

const MAX_ADDRESSES = 20;
type Row = typeof addresses.$inferSelect;
const view = (row: Row): SavedAddress => ({ id: row.id, address: row.address, defaultShipping: row.defaultShipping, defaultBilling: row.defaultBilling });
const notFound = () => new ApiFailure(404, "address_not_found", "No such address in your address book.");
const normalised = (input: AddressInput) => ({ ...input.address, region: input.address.region.toUpperCase() });

export async function listAddresses(db: Database, userId: string): Promise<SavedAddress[]> {
  const rows = await db.select().from(addresses).where(eq(addresses.userId, userId)).orderBy(asc(addresses.createdAt), asc(addresses.id));
  return rows.map(view);
}

/** A default moves: the old default stops being one in the same transaction. */
async function clearDefaults(tx: Pick<Database, "update">, userId: string, input: AddressInput) {
  if (input.defaultShipping)
    await tx
      .update(addresses)
      .set({ defaultShipping: false })
      .where(and(eq(addresses.userId, userId), eq(addresses.defaultShipping, true)));
  if (input.defaultBilling)
    await tx
      .update(addresses)
      .set({ defaultBilling: false })
      .where(and(eq(addresses.userId, userId), eq(addresses.defaultBilling, true)));
}

export async function addAddress(db: Database, userId: string, input: AddressInput): Promise<SavedAddress> {
  return db.transaction(async (tx) => {
    const [{ saved } = { saved: 0 }] = await tx.select({ saved: count() }).from(addresses).where(eq(addresses.userId, userId));
    if (saved >= MAX_ADDRESSES) throw new ApiFailure(409, "address_book_full", `You can keep up to ${MAX_ADDRESSES} addresses; delete one first.`);
    const first = saved === 0;
    await clearDefaults(tx, userId, input);
    const [row] = await tx
      .insert(addresses)
      .values({
        id: crypto.randomUUID(),
        userId,
        address: normalised(input),
        defaultShipping: first || !!input.defaultShipping,
        defaultBilling: first || !!input.defaultBilling,
      })
      .returning();
    return view(row!);
  });
}

export async function changeAddress(db: Database, userId: string, id: string, input: AddressInput): Promise<SavedAddress> {
  return db.transaction(async (tx) => {
    const [existing] = await tx
      .select()
      .from(addresses)
      .where(and(eq(addresses.id, id), eq(addresses.userId, userId)))
      .for("update");
    if (!existing) throw notFound();
    await clearDefaults(tx, userId, input);
    const [row] = await tx
      .update(addresses)
      .set({
        address: normalised(input),
        defaultShipping: input.defaultShipping ?? existing.defaultShipping,
        defaultBilling: input.defaultBilling ?? existing.defaultBilling,
      })
      .where(eq(addresses.id, id))
      .returning();
    return view(row!);
  });
}

export async function removeAddress(db: Database, userId: string, id: string) {
  const removed = await db
    .delete(addresses)
    .where(and(eq(addresses.id, id), eq(addresses.userId, userId)))
    .returning({ id: addresses.id });
  if (removed.length === 0) throw notFound();
}
