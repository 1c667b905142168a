import { type SQL, sql } from "drizzle-orm";
import { users } from "./schema";

/**
 * The account with this id if it still exists, as part of another domain's statement (an order is
 * placed for its buyer's account unless that account was deleted meanwhile: then it is a guest order).
 */
export const existingAccountId = (id: string | null): SQL<string | null> => sql`(SELECT ${users.id} FROM ${users} WHERE ${users.id} = ${id})`;
