import type { Recommendations } from "@shop/contracts";
import { sql } from "drizzle-orm";
import type { Database } from "../db/client";
import { MINIMUM_SUPPORT } from "./co-purchases";
import { getProduct } from "./detail";
import { cardColumns, cardJoins, type ItemRow, inStockCondition, toSummary } from "./listing";
import { coPurchases } from "./schema";

const SHOWN = 4;

/**
 * What goes with a set of products (a cart's): what other shoppers bought with them, the most
 * orders first, then more near the first of them in category and price (its product page's list).
 * In stock, and never one of them.
 */
export async function recommendationsFor(db: Database, slugs: string[]): Promise<Recommendations> {
  const { rows } = await db.execute(sql`
    WITH given AS (SELECT id FROM products WHERE slug IN (${sql.join(
      slugs.map((slug) => sql`${slug}`),
      sql`, `,
    )})),
    together AS (
      SELECT cp.other_id AS id, sum(cp.orders) AS orders FROM ${coPurchases} cp JOIN given g ON cp.product_id = g.id
      WHERE cp.orders >= ${MINIMUM_SUPPORT} AND cp.other_id NOT IN (SELECT id FROM given)
      GROUP BY cp.other_id)
    SELECT ${cardColumns}
    FROM (SELECT t.id, t.orders FROM together t JOIN products p ON p.id = t.id WHERE ${inStockCondition}
          ORDER BY t.orders DESC, t.id LIMIT ${SHOWN}) page
    JOIN products p ON p.id = page.id ${cardJoins}
    ORDER BY page.orders DESC, page.id`);
  const bought = (rows as unknown as ItemRow[]).map(toSummary);
  if (bought.length >= SHOWN) return { items: bought };
  const first = await getProduct(db, slugs[0]!);
  const left = new Set([...slugs, ...bought.map((p) => p.slug)]);
  const near = (first?.related ?? []).filter((p) => !left.has(p.slug));
  return { items: [...bought, ...near].slice(0, SHOWN) };
}
