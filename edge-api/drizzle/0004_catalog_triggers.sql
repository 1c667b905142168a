-- The search document: name (A) > brand (B) > category (C) > description without tags (D).
CREATE FUNCTION products_search_document() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  NEW.search_document :=
    setweight(to_tsvector('english', NEW.name), 'A') ||
    setweight(to_tsvector('english', coalesce((SELECT name FROM brands WHERE id = NEW.brand_id), '')), 'B') ||
    setweight(to_tsvector('english', coalesce((SELECT name FROM categories WHERE id = NEW.category_id), '')), 'C') ||
    setweight(to_tsvector('english', regexp_replace(NEW.description_html, '<[^>]*>', ' ', 'g')), 'D');
  RETURN NEW;
END $$;
--> statement-breakpoint
CREATE TRIGGER products_search_document BEFORE INSERT OR UPDATE OF name, description_html, brand_id, category_id
  ON products FOR EACH ROW EXECUTE FUNCTION products_search_document();
--> statement-breakpoint
-- A product's listed price is its lowest sellable variant price.
CREATE FUNCTION products_sync_price() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  UPDATE products p SET price_cents = coalesce(
    (SELECT min(v.price_cents) FROM variants v WHERE v.product_id = p.id AND NOT v.discontinued),
    (SELECT min(v.price_cents) FROM variants v WHERE v.product_id = p.id),
    0)
  WHERE p.id IN (SELECT product_id FROM changed);
  RETURN NULL;
END $$;
--> statement-breakpoint
CREATE TRIGGER variants_price_after_insert AFTER INSERT ON variants REFERENCING NEW TABLE AS changed
  FOR EACH STATEMENT EXECUTE FUNCTION products_sync_price();
--> statement-breakpoint
CREATE TRIGGER variants_price_after_update AFTER UPDATE ON variants REFERENCING NEW TABLE AS changed
  FOR EACH STATEMENT EXECUTE FUNCTION products_sync_price();
--> statement-breakpoint
CREATE TRIGGER variants_price_after_delete AFTER DELETE ON variants REFERENCING OLD TABLE AS changed
  FOR EACH STATEMENT EXECUTE FUNCTION products_sync_price();
