-- search_words (migration 0007) and product_facet_counts (0014) were made by hand-written SQL; the
-- catalog's schema (src/catalog/schema.ts) now declares them too, so this migration only records
-- them in drizzle's snapshot. Nothing to change in the database.
SELECT 1;
