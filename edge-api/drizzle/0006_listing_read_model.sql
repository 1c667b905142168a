-- Listings and facet counts read only these columns: a covering index lets them scan it alone.
CREATE INDEX products_listing_idx ON products (category_id)
  INCLUDE (id, brand_id, price_cents, rating_average, rating_count, created_at, in_stock);
--> statement-breakpoint
-- products.in_stock follows stock (inventory) and which variants are still sold.
CREATE FUNCTION products_sync_in_stock(product_ids integer[]) RETURNS void LANGUAGE sql AS $$
  UPDATE products p SET in_stock = EXISTS (
    SELECT 1 FROM variants v JOIN inventory i ON i.sku = v.sku
    WHERE v.product_id = p.id AND NOT v.discontinued AND i.available > 0)
  WHERE p.id = ANY(product_ids);
$$;
--> statement-breakpoint
CREATE FUNCTION inventory_changed() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  PERFORM products_sync_in_stock(ARRAY(SELECT DISTINCT v.product_id FROM variants v JOIN changed c ON c.sku = v.sku));
  RETURN NULL;
END $$;
--> statement-breakpoint
CREATE TRIGGER inventory_after_insert AFTER INSERT ON inventory REFERENCING NEW TABLE AS changed
  FOR EACH STATEMENT EXECUTE FUNCTION inventory_changed();
--> statement-breakpoint
CREATE TRIGGER inventory_after_update AFTER UPDATE ON inventory REFERENCING NEW TABLE AS changed
  FOR EACH STATEMENT EXECUTE FUNCTION inventory_changed();
--> statement-breakpoint
CREATE TRIGGER inventory_after_delete AFTER DELETE ON inventory REFERENCING OLD TABLE AS changed
  FOR EACH STATEMENT EXECUTE FUNCTION inventory_changed();
--> statement-breakpoint
-- A variant's price or discontinuation changes the product's price and stock flag.
CREATE OR REPLACE FUNCTION products_sync_price() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  UPDATE products p SET price_cents = coalesce(
    (SELECT min(v.price_cents) FROM variants v WHERE v.product_id = p.id AND NOT v.discontinued),
    (SELECT min(v.price_cents) FROM variants v WHERE v.product_id = p.id),
    0)
  WHERE p.id IN (SELECT product_id FROM changed);
  PERFORM products_sync_in_stock(ARRAY(SELECT DISTINCT product_id FROM changed));
  RETURN NULL;
END $$;
--> statement-breakpoint
UPDATE products p SET in_stock = EXISTS (
  SELECT 1 FROM variants v JOIN inventory i ON i.sku = v.sku
  WHERE v.product_id = p.id AND NOT v.discontinued AND i.available > 0);
