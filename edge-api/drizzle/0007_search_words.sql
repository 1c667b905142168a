-- Every word of product, brand and category names: a small dictionary that search corrects typos
-- against ("hedphones" → "headphones") before matching the full-text index, which is far cheaper
-- than comparing the misspelling with every product name.
CREATE TABLE search_words (word text PRIMARY KEY);
--> statement-breakpoint
CREATE INDEX search_words_trgm_idx ON search_words USING gin (word gin_trgm_ops);
--> statement-breakpoint
CREATE FUNCTION words_of(text) RETURNS SETOF text LANGUAGE sql IMMUTABLE AS $$
  SELECT DISTINCT w FROM regexp_split_to_table(lower($1), '[^a-z0-9]+') AS w WHERE length(w) > 2
$$;
--> statement-breakpoint
CREATE FUNCTION products_search_words() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  INSERT INTO search_words SELECT words_of(NEW.name) ON CONFLICT DO NOTHING;
  RETURN NULL;
END $$;
--> statement-breakpoint
CREATE TRIGGER products_search_words AFTER INSERT OR UPDATE OF name ON products
  FOR EACH ROW EXECUTE FUNCTION products_search_words();
--> statement-breakpoint
INSERT INTO search_words
  SELECT words_of(name) FROM products UNION SELECT words_of(name) FROM brands UNION SELECT words_of(name) FROM categories
  ON CONFLICT DO NOTHING;
