-- Products whose search document matches a full-text query, at most `max_rows` of them, found
-- through the search index. Written inline with a LIMIT (or as EXISTS), the planner has no
-- statistics for a word the catalog lacks or rarely uses, guesses that 0.5% of products match and
-- scans the table expecting to stop early; a misspelling matches nothing, so every search with a
-- typo read every product (100 ms at 100,000 products). The SET keeps this lookup on the index; a
-- function with a SET clause is planned on its own, so it holds for every caller.
CREATE OR REPLACE FUNCTION products_matching(query tsquery, max_rows integer) RETURNS SETOF integer
  LANGUAGE sql STABLE PARALLEL SAFE
  SET enable_seqscan = off
  AS $$ SELECT id FROM products WHERE search_document @@ query LIMIT max_rows $$;
