import { env } from "cloudflare:workers";
import { PRICE_BUCKETS } from "@shop/contracts";
import { sql } from "drizzle-orm";
import { describe, expect, it } from "vitest";
import { bucketCoverage } from "../src/catalog/listing";
import { openDatabase } from "../src/db/client";
import type { Env } from "../src/env";
import { query } from "./helpers";

// The kept counts against a count of the products themselves, as comparable sorted lines.
const kept = sql`SELECT category_id, brand_id, price_bucket, stars, in_stock, products FROM product_facet_counts WHERE products <> 0`;
const recounted = sql`SELECT category_id, brand_id, price_bucket(price_cents), rating_stars(rating_average), in_stock, count(*) AS products
  FROM products GROUP BY 1, 2, 3, 4, 5`;
const lines = (rows: Array<Record<string, unknown>>) => rows.map((r) => Object.values(r).map(String).join(" ")).sort();

class RolledBack extends Error {}

describe("kept facet counts (product_facet_counts)", () => {
  it("number the price buckets as PRICE_BUCKETS lists them, and rate in whole stars up to 4", async () => {
    for (const [i, bucket] of PRICE_BUCKETS.entries()) {
      const [row] = await query<{ low: number; high: number }>(
        sql`SELECT price_bucket(${bucket.min}) AS low, price_bucket(${(bucket.max ?? 10_000_000) - 1}) AS high`,
      );
      expect(row, bucket.key).toEqual({ low: i, high: i });
    }
    const [stars] = await query<Record<string, number>>(sql`SELECT rating_stars(0) a, rating_stars(3.99) b, rating_stars(4) c, rating_stars(5) d`);
    expect(stars).toEqual({ a: 0, b: 3, c: 4, d: 4 });
  });

  it("follow products as they are added, repriced, sell out, are rated and are removed", async () => {
    const { db, close } = openDatabase(env as unknown as Env);
    const check = async (tx: Pick<typeof db, "execute">, step: string) =>
      expect(lines((await tx.execute(kept)).rows), step).toEqual(lines((await tx.execute(recounted)).rows));
    try {
      await db
        .transaction(async (tx) => {
          await check(tx, "as loaded");
          const [{ id: copied } = { id: 0 }] = (
            await tx.execute<{ id: number }>(sql`INSERT INTO products (slug, name, brand_id, category_id, price_cents, rating_average, in_stock)
              SELECT slug || '-copy', name, brand_id, category_id, price_cents, rating_average, in_stock FROM products WHERE id IN (1, 2, 3) RETURNING id`)
          ).rows;
          await check(tx, "after adding products");
          // A variant's new price moves its product to another bucket (through the variants trigger).
          await tx.execute(sql`UPDATE variants SET price_cents = CASE WHEN price_cents < 5000 THEN 30000 ELSE 999 END WHERE product_id IN (4, 5)`);
          await check(tx, "after repricing");
          await tx.execute(sql`UPDATE inventory SET available = 0 WHERE sku IN (SELECT sku FROM variants WHERE product_id IN (6, 7))`);
          await check(tx, "after selling out");
          await tx.execute(sql`UPDATE products SET rating_average = 4.5 WHERE id IN (8, 9)`);
          await tx.execute(sql`UPDATE products SET name = name || ' II' WHERE id = 10`);
          await check(tx, "after ratings and a rename");
          await tx.execute(sql`DELETE FROM products WHERE id = ${copied}`);
          await check(tx, "after removing a product");
          throw new RolledBack();
        })
        .catch((error: unknown) => {
          if (!(error instanceof RolledBack)) throw error;
        });
    } finally {
      await close();
    }
  });
});

describe("bucketCoverage", () => {
  const bucket = { min: 2500, max: 5000 };
  it("tells whole, missed and cut buckets apart", () => {
    expect(bucketCoverage(bucket)).toEqual({ kind: "all" });
    expect(bucketCoverage(bucket, 2500, 4999)).toEqual({ kind: "all" });
    expect(bucketCoverage(bucket, 5000)).toEqual({ kind: "none" });
    expect(bucketCoverage(bucket, undefined, 2499)).toEqual({ kind: "none" });
  });
  it("counts the narrower side of a cut product by product", () => {
    expect(bucketCoverage(bucket, 2600)).toEqual({ kind: "part", countLive: [[2500, 2599]], restPasses: true });
    expect(bucketCoverage(bucket, 4900)).toEqual({ kind: "part", countLive: [[4900, 4999]], restPasses: false });
    expect(bucketCoverage(bucket, 2600, 2700)).toEqual({ kind: "part", countLive: [[2600, 2700]], restPasses: false });
    expect(bucketCoverage(bucket, 2501, 4998)).toEqual({
      kind: "part",
      countLive: [
        [2500, 2500],
        [4999, 4999],
      ],
      restPasses: true,
    });
    expect(bucketCoverage({ min: 25000, max: null }, 30000)).toEqual({ kind: "part", countLive: [[25000, 29999]], restPasses: true });
    expect(bucketCoverage({ min: 25000, max: null }, undefined, 90000)).toEqual({ kind: "part", countLive: [[25000, 90000]], restPasses: false });
  });
});
