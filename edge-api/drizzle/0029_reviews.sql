CREATE TABLE "review_reports" (
	"review_id" uuid NOT NULL,
	"user_id" text NOT NULL,
	"reason" text NOT NULL,
	"at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "review_reports_review_id_user_id_pk" PRIMARY KEY("review_id","user_id")
);
--> statement-breakpoint
CREATE TABLE "review_votes" (
	"review_id" uuid NOT NULL,
	"user_id" text NOT NULL,
	"at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "review_votes_review_id_user_id_pk" PRIMARY KEY("review_id","user_id")
);
--> statement-breakpoint
CREATE TABLE "reviews" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"product_id" integer NOT NULL,
	"user_id" text,
	"author" text NOT NULL,
	"verified_purchase" boolean NOT NULL,
	"stars" smallint NOT NULL,
	"title" text NOT NULL,
	"text" text NOT NULL,
	"status" text NOT NULL,
	"moderation_note" text,
	"helpful" integer DEFAULT 0 NOT NULL,
	"reports" integer DEFAULT 0 NOT NULL,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	"edited_at" timestamp with time zone,
	CONSTRAINT "reviews_one_per_author" UNIQUE("product_id","user_id"),
	CONSTRAINT "reviews_stars" CHECK ("reviews"."stars" BETWEEN 1 AND 5),
	CONSTRAINT "reviews_status" CHECK ("reviews"."status" IN ('published', 'held', 'rejected', 'removed'))
);
--> statement-breakpoint
ALTER TABLE "products" ADD COLUMN "imported_ratings" integer[] DEFAULT '{0,0,0,0,0}' NOT NULL;--> statement-breakpoint
ALTER TABLE "review_reports" ADD CONSTRAINT "review_reports_review_id_reviews_id_fk" FOREIGN KEY ("review_id") REFERENCES "public"."reviews"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "review_reports" ADD CONSTRAINT "review_reports_user_id_users_id_fk" FOREIGN KEY ("user_id") REFERENCES "public"."users"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "review_votes" ADD CONSTRAINT "review_votes_review_id_reviews_id_fk" FOREIGN KEY ("review_id") REFERENCES "public"."reviews"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "review_votes" ADD CONSTRAINT "review_votes_user_id_users_id_fk" FOREIGN KEY ("user_id") REFERENCES "public"."users"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "reviews" ADD CONSTRAINT "reviews_product_id_products_id_fk" FOREIGN KEY ("product_id") REFERENCES "public"."products"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "reviews" ADD CONSTRAINT "reviews_user_id_users_id_fk" FOREIGN KEY ("user_id") REFERENCES "public"."users"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
CREATE INDEX "review_reports_user_idx" ON "review_reports" USING btree ("user_id");--> statement-breakpoint
CREATE INDEX "review_votes_user_idx" ON "review_votes" USING btree ("user_id");--> statement-breakpoint
CREATE INDEX "reviews_product_newest_idx" ON "reviews" USING btree ("product_id","created_at" DESC NULLS FIRST,"id" DESC NULLS FIRST) WHERE "reviews"."status" = 'published';--> statement-breakpoint
CREATE INDEX "reviews_product_helpful_idx" ON "reviews" USING btree ("product_id","helpful" DESC NULLS FIRST,"created_at" DESC NULLS FIRST,"id" DESC NULLS FIRST) WHERE "reviews"."status" = 'published';--> statement-breakpoint
CREATE INDEX "reviews_status_idx" ON "reviews" USING btree ("status","created_at" DESC NULLS FIRST,"id" DESC NULLS FIRST);--> statement-breakpoint
CREATE INDEX "reviews_user_idx" ON "reviews" USING btree ("user_id");
--> statement-breakpoint
-- Every rating there is before reviews is the generated catalog's: the history a shop brings from the
-- platform it came from. The figures do not change, so the facet counts' trigger has nothing to do.
ALTER TABLE products DISABLE TRIGGER products_facet_counts_update;
--> statement-breakpoint
UPDATE products SET imported_ratings = rating_distribution WHERE rating_count > 0;
--> statement-breakpoint
ALTER TABLE products ENABLE TRIGGER products_facet_counts_update;
--> statement-breakpoint
-- A product's rating figures from its count of 1- to 5-star ratings: what listings show, sort and
-- count their rating facet by (the facet counts' trigger on products moves with them).
CREATE FUNCTION product_rating_figures(distribution integer[], OUT count integer, OUT average real)
  LANGUAGE sql IMMUTABLE PARALLEL SAFE
  AS $$ SELECT coalesce(sum(n), 0)::integer, coalesce(round(sum(n * stars)::numeric / nullif(sum(n), 0), 2), 0)::real
        FROM unnest(distribution) WITH ORDINALITY AS d(n, stars) $$;
--> statement-breakpoint
-- One star more or less on a product: under the product row's lock, so racing reviews add up.
CREATE FUNCTION move_product_rating(product integer, star smallint, change integer) RETURNS void LANGUAGE plpgsql AS $$
DECLARE
  distribution integer[];
BEGIN
  SELECT rating_distribution INTO distribution FROM products WHERE id = product FOR UPDATE;
  -- Gone: the product is being deleted, and its reviews with it.
  IF NOT FOUND THEN RETURN; END IF;
  distribution[star] := distribution[star] + change;
  UPDATE products p SET rating_distribution = distribution, rating_count = f.count, rating_average = f.average
  FROM product_rating_figures(distribution) f WHERE p.id = product;
END $$;
--> statement-breakpoint
-- A review counts while it is published: written, edited (its stars), moderated or deleted, the
-- product's figures move in the same transaction.
CREATE FUNCTION reviews_move_rating() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  IF TG_OP <> 'INSERT' AND OLD.status = 'published' THEN
    PERFORM move_product_rating(OLD.product_id, OLD.stars, -1);
  END IF;
  IF TG_OP <> 'DELETE' AND NEW.status = 'published' THEN
    PERFORM move_product_rating(NEW.product_id, NEW.stars, 1);
  END IF;
  RETURN NULL;
END $$;
--> statement-breakpoint
CREATE TRIGGER reviews_rating_insert AFTER INSERT ON reviews FOR EACH ROW EXECUTE FUNCTION reviews_move_rating();
--> statement-breakpoint
CREATE TRIGGER reviews_rating_update AFTER UPDATE OF status, stars ON reviews FOR EACH ROW
  WHEN (OLD.status IS DISTINCT FROM NEW.status OR OLD.stars IS DISTINCT FROM NEW.stars) EXECUTE FUNCTION reviews_move_rating();
--> statement-breakpoint
CREATE TRIGGER reviews_rating_delete AFTER DELETE ON reviews FOR EACH ROW EXECUTE FUNCTION reviews_move_rating();
--> statement-breakpoint
-- Every product's figures afresh from its imported ratings and published reviews: after a bulk load
-- of reviews that set the triggers aside (the demo catalog's).
CREATE FUNCTION product_ratings_recount() RETURNS void LANGUAGE sql AS $$
  UPDATE products p SET rating_distribution = r.distribution, rating_count = f.count, rating_average = f.average
  FROM (
    SELECT p.id, ARRAY[
      p.imported_ratings[1] + count(v.*) FILTER (WHERE v.stars = 1), p.imported_ratings[2] + count(v.*) FILTER (WHERE v.stars = 2),
      p.imported_ratings[3] + count(v.*) FILTER (WHERE v.stars = 3), p.imported_ratings[4] + count(v.*) FILTER (WHERE v.stars = 4),
      p.imported_ratings[5] + count(v.*) FILTER (WHERE v.stars = 5)]::integer[] AS distribution
    FROM products p LEFT JOIN reviews v ON v.product_id = p.id AND v.status = 'published'
    GROUP BY p.id) r,
  LATERAL product_rating_figures(r.distribution) f
  WHERE p.id = r.id AND p.rating_distribution IS DISTINCT FROM r.distribution;
$$;
