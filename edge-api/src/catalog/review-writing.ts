import type { MyReview, ReviewInput } from "@shop/contracts";
import { and, eq, getTableColumns, sql } from "drizzle-orm";
import type { Shopper } from "../account/shopper";
import type { Database } from "../db/client";
import { isUniqueViolation } from "../db/errors";
import { ApiFailure } from "../errors";
import { checkReview } from "./review-checks";
import { asOwnReview, myReview, NOT_RECEIVED, reviewedProduct, shortName } from "./reviews";
import { products, reviewReports, reviews, reviewVotes } from "./schema";

// A buyer's review: written once per product, changed or deleted by its author only. The product's
// figures follow in the same transaction (the trigger of migration 0029).

/** Reports from this many shoppers take a published review off the page until an operator reads it. */
export const REPORTS_TO_HOLD = 3;

const ALREADY_REVIEWED = "You reviewed this product already; change your review instead.";
const notYours = () => new ApiFailure(404, "not_found", "No such review of yours.");

/** What a write answers: the author's view of their review, and the product whose cached answers it changes. */
export interface Written {
  answer: MyReview;
  slug: string;
}

const slugOfReviewed = sql<string>`(SELECT slug FROM ${products} WHERE id = ${reviews.productId})`;

export async function writeReview(db: Database, shopper: Shopper, slug: string, input: ReviewInput): Promise<Written> {
  const product = await reviewedProduct(db, slug);
  if (!product) throw new ApiFailure(404, "not_found", `No product "${slug}".`);
  const mine = await myReview(db, shopper, product);
  if (mine.review) throw new ApiFailure(409, "already_reviewed", ALREADY_REVIEWED);
  if (!mine.canReview) throw new ApiFailure(403, "not_a_buyer", NOT_RECEIVED);
  const checked = checkReview(input);
  try {
    const [row] = await db
      .insert(reviews)
      .values({
        productId: product.id,
        userId: shopper.id,
        author: shortName(shopper.name),
        verifiedPurchase: true,
        ...input,
        status: checked.status,
        moderationNote: checked.note,
      })
      .returning();
    return { answer: { signedIn: true, canReview: false, reason: null, review: asOwnReview(row!) }, slug };
  } catch (err) {
    // The same shopper's second review, sent at the same moment as the first.
    if (isUniqueViolation(err, "reviews_one_per_author")) throw new ApiFailure(409, "already_reviewed", ALREADY_REVIEWED);
    throw err;
  }
}

/** The author's change: checked again, as a new review would be (a rejected one is resubmitted so). */
export async function changeReview(db: Database, shopper: Shopper, id: string, input: ReviewInput): Promise<Written> {
  const checked = checkReview(input);
  const [changed] = await db
    .update(reviews)
    .set({ ...input, status: checked.status, moderationNote: checked.note, editedAt: new Date() })
    .where(and(eq(reviews.id, id), eq(reviews.userId, shopper.id), sql`${reviews.status} <> 'removed'`))
    .returning({ ...getTableColumns(reviews), slug: slugOfReviewed });
  if (changed) return { answer: { signedIn: true, canReview: false, reason: null, review: asOwnReview(changed) }, slug: changed.slug };
  const [removed] = await db
    .select({ id: reviews.id })
    .from(reviews)
    .where(and(eq(reviews.id, id), eq(reviews.userId, shopper.id)));
  if (removed) throw new ApiFailure(409, "review_removed", "The shop removed this review; it cannot be changed. You can delete it.");
  throw notYours();
}

/** Deletes the author's review; answers its product's slug. */
export async function deleteReview(db: Database, shopper: Shopper, id: string): Promise<string> {
  const [gone] = await db
    .delete(reviews)
    .where(and(eq(reviews.id, id), eq(reviews.userId, shopper.id)))
    .returning({ slug: slugOfReviewed });
  if (!gone) throw notYours();
  return gone.slug;
}

/** Why a vote or a report on a review found nothing to count: no such published review, the shopper's own, or counted already. */
async function refusalFor(db: Database, shopper: Shopper, id: string, counted: string): Promise<ApiFailure> {
  const [review] = await db.select({ userId: reviews.userId, status: reviews.status }).from(reviews).where(eq(reviews.id, id));
  if (review?.status !== "published") return new ApiFailure(404, "not_found", "No such review.");
  if (review.userId === shopper.id) return new ApiFailure(409, "own_review", "This is your own review.");
  return new ApiFailure(409, `already_${counted}`, `You ${counted} this review already.`);
}

/** "Helpful": once per shopper and review, never the shopper's own. One statement: the vote and the count together. */
export async function voteHelpful(db: Database, shopper: Shopper, id: string): Promise<{ helpful: number }> {
  const { rows } = await db.execute<{ helpful: number }>(sql`
    WITH vote AS (
      INSERT INTO ${reviewVotes} (review_id, user_id)
      SELECT id, ${shopper.id} FROM ${reviews} WHERE id = ${id} AND status = 'published' AND user_id IS DISTINCT FROM ${shopper.id}
      ON CONFLICT DO NOTHING RETURNING review_id)
    UPDATE ${reviews} SET helpful = helpful + 1 WHERE id IN (SELECT review_id FROM vote) RETURNING helpful`);
  if (rows[0]) return { helpful: rows[0].helpful };
  throw await refusalFor(db, shopper, id, "voted for");
}

/** A shopper's report, once per review; enough of them hold the review for an operator. */
export async function reportReview(db: Database, shopper: Shopper, id: string, reason: string): Promise<{ held: boolean; slug: string }> {
  const { rows } = await db.execute<{ status: string; slug: string }>(sql`
    WITH report AS (
      INSERT INTO ${reviewReports} (review_id, user_id, reason)
      SELECT id, ${shopper.id}, ${reason} FROM ${reviews} WHERE id = ${id} AND status = 'published' AND user_id IS DISTINCT FROM ${shopper.id}
      ON CONFLICT DO NOTHING RETURNING review_id)
    UPDATE ${reviews} SET reports = reports + 1,
      status = CASE WHEN reports + 1 >= ${REPORTS_TO_HOLD} THEN 'held' ELSE status END,
      moderation_note = CASE WHEN reports + 1 >= ${REPORTS_TO_HOLD} THEN 'Shoppers reported it; the shop is reading it.' ELSE moderation_note END
    WHERE id IN (SELECT review_id FROM report) RETURNING status, (SELECT slug FROM ${products} WHERE id = product_id) AS slug`);
  if (rows[0]) return { held: rows[0].status === "held", slug: rows[0].slug };
  throw await refusalFor(db, shopper, id, "reported");
}
