-- A listing's facet counts without reading its products: how many products fall in each combination
-- of leaf category, brand, price bucket, star rating and stock, kept by triggers on products. A
-- top-level category holds a quarter of the catalog (261,000 products at 1,000,000), which no single
-- pass over its rows counts within the listing's budget; its combinations are a few thousand rows.

-- The price buckets of PRICE_BUCKETS (packages/contracts), numbered from 0; a test holds them equal.
CREATE FUNCTION price_bucket(cents integer) RETURNS smallint
  LANGUAGE sql IMMUTABLE PARALLEL SAFE
  AS $$ SELECT width_bucket(cents, ARRAY[2500, 5000, 10000, 25000])::smallint $$;
--> statement-breakpoint
-- The rating facet's steps: 4 means "4 stars and up", so a 5.0 counts there too.
CREATE FUNCTION rating_stars(rating real) RETURNS smallint
  LANGUAGE sql IMMUTABLE PARALLEL SAFE
  AS $$ SELECT least(floor(rating), 4)::smallint $$;
--> statement-breakpoint
CREATE TABLE product_facet_counts (
  category_id integer NOT NULL,
  brand_id integer NOT NULL,
  price_bucket smallint NOT NULL,
  stars smallint NOT NULL,
  in_stock boolean NOT NULL,
  products integer NOT NULL,
  PRIMARY KEY (category_id, brand_id, price_bucket, stars, in_stock)
);
--> statement-breakpoint
-- Adds each changed product's new combination and takes away its old one, in one upsert per
-- statement. Unchanged combinations (most updates: names, search documents, a stock change that
-- leaves a product in stock) write nothing. Rows that reach 0 stay; readers skip them.
CREATE FUNCTION product_facet_counts_changed() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  IF TG_OP = 'INSERT' THEN
    INSERT INTO product_facet_counts AS f
    SELECT category_id, brand_id, price_bucket(price_cents), rating_stars(rating_average), in_stock, count(*)
    FROM new_products GROUP BY 1, 2, 3, 4, 5 ORDER BY 1, 2, 3, 4, 5
    ON CONFLICT (category_id, brand_id, price_bucket, stars, in_stock) DO UPDATE SET products = f.products + excluded.products;
  ELSIF TG_OP = 'DELETE' THEN
    UPDATE product_facet_counts f SET products = f.products - gone.n
    FROM (SELECT category_id, brand_id, price_bucket(price_cents) AS price_bucket, rating_stars(rating_average) AS stars, in_stock, count(*) AS n
          FROM old_products GROUP BY 1, 2, 3, 4, 5) gone
    WHERE (f.category_id, f.brand_id, f.price_bucket, f.stars, f.in_stock) = (gone.category_id, gone.brand_id, gone.price_bucket, gone.stars, gone.in_stock);
  ELSE
    INSERT INTO product_facet_counts AS f
    SELECT category_id, brand_id, bucket, stars, in_stock, sum(change) FROM (
      SELECT category_id, brand_id, price_bucket(price_cents) AS bucket, rating_stars(rating_average) AS stars, in_stock, 1 AS change FROM new_products
      UNION ALL
      SELECT category_id, brand_id, price_bucket(price_cents), rating_stars(rating_average), in_stock, -1 FROM old_products) moved
    GROUP BY 1, 2, 3, 4, 5 HAVING sum(change) <> 0 ORDER BY 1, 2, 3, 4, 5
    ON CONFLICT (category_id, brand_id, price_bucket, stars, in_stock) DO UPDATE SET products = f.products + excluded.products;
  END IF;
  RETURN NULL;
END $$;
--> statement-breakpoint
CREATE TRIGGER products_facet_counts_insert AFTER INSERT ON products REFERENCING NEW TABLE AS new_products
  FOR EACH STATEMENT EXECUTE FUNCTION product_facet_counts_changed();
--> statement-breakpoint
CREATE TRIGGER products_facet_counts_update AFTER UPDATE ON products REFERENCING OLD TABLE AS old_products NEW TABLE AS new_products
  FOR EACH STATEMENT EXECUTE FUNCTION product_facet_counts_changed();
--> statement-breakpoint
CREATE TRIGGER products_facet_counts_delete AFTER DELETE ON products REFERENCING OLD TABLE AS old_products
  FOR EACH STATEMENT EXECUTE FUNCTION product_facet_counts_changed();
--> statement-breakpoint
-- Counts everything afresh: after this migration, and after a bulk load that set triggers aside.
CREATE FUNCTION product_facet_counts_rebuild() RETURNS void LANGUAGE sql AS $$
  DELETE FROM product_facet_counts;
  INSERT INTO product_facet_counts
  SELECT category_id, brand_id, price_bucket(price_cents), rating_stars(rating_average), in_stock, count(*)
  FROM products GROUP BY 1, 2, 3, 4, 5;
$$;
--> statement-breakpoint
CREATE FUNCTION product_facet_counts_truncated() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  TRUNCATE product_facet_counts;
  RETURN NULL;
END $$;
--> statement-breakpoint
CREATE TRIGGER products_facet_counts_truncate AFTER TRUNCATE ON products
  FOR EACH STATEMENT EXECUTE FUNCTION product_facet_counts_truncated();
--> statement-breakpoint
SELECT product_facet_counts_rebuild();
--> statement-breakpoint
-- A listing filtered by price counts its one partly covered price bucket live: keyed by price
-- within the category, that is a range of this index instead of the whole category.
DROP INDEX products_listing_idx;
--> statement-breakpoint
CREATE INDEX products_listing_idx ON products (category_id, price_cents)
  INCLUDE (id, brand_id, rating_average, rating_count, created_at, in_stock);
--> statement-breakpoint
-- A category's page in each sort order, read per subcategory and merged (see listing.ts): the
-- newest, and the best rated, of a category without sorting all of its products.
CREATE INDEX products_category_newest_idx ON products (category_id, created_at, id)
  INCLUDE (price_cents, brand_id, rating_average, rating_count, in_stock);
--> statement-breakpoint
CREATE INDEX products_category_rating_idx ON products (category_id, rating_average DESC, rating_count DESC, id)
  INCLUDE (price_cents, brand_id, created_at, in_stock);
