import type { ModeratedReview, ModerationDecision, ModerationPage, ReviewStatus } from "@shop/contracts";
import { and, desc, eq, gt, type SQL } from "drizzle-orm";
import { recordAudit } from "../audit/record";
import type { Database } from "../db/client";
import { after, keysetCursor, pageOf } from "../db/keyset";
import { ApiFailure } from "../errors";
import { toReview } from "./reviews";
import { products, reviews } from "./schema";

// The catalog team's moderation queue: held reviews (automatic checks or shoppers' reports) and any
// review an operator looks up by status. Each decision is audited.

const PAGE = 20;
export type QueueName = "held" | "reported" | Exclude<ReviewStatus, "held">;

export async function moderationQueue(db: Database, queue: QueueName, cursor: string | undefined): Promise<ModerationPage> {
  // "Reported": still published, with reports fewer than hold it.
  const where: Array<SQL | undefined> = queue === "reported" ? [eq(reviews.status, "published"), gt(reviews.reports, 0)] : [eq(reviews.status, queue)];
  const rows = await db
    .select({ review: reviews, product: { slug: products.slug, name: products.name } })
    .from(reviews)
    .innerJoin(products, eq(products.id, reviews.productId))
    .where(and(...where, after(reviews.createdAt, reviews.id, cursor)))
    .orderBy(desc(reviews.createdAt), desc(reviews.id))
    .limit(PAGE + 1);
  const { page, next } = pageOf(rows, PAGE, (last) => keysetCursor(last.review.createdAt, last.review.id));
  return { items: page.map(({ review, product }) => moderated(review, product)), next };
}

const moderated = (review: typeof reviews.$inferSelect, product: { slug: string; name: string }): ModeratedReview => ({
  ...toReview(review),
  status: review.status,
  moderationNote: review.moderationNote,
  reports: review.reports,
  product,
});

/** Which decisions each status allows: publishing a published review keeps it after reports (and clears them). */
const ALLOWED: Record<ModerationDecision["action"], ReviewStatus[]> = {
  publish: ["held", "rejected", "removed", "published"],
  reject: ["held", "published"],
  remove: ["held", "published", "rejected"],
};
const TO: Record<ModerationDecision["action"], ReviewStatus> = { publish: "published", reject: "rejected", remove: "removed" };

export async function moderate(db: Database, id: string, decision: ModerationDecision, actor: string): Promise<ModeratedReview> {
  return db.transaction(async (tx) => {
    const [found] = await tx
      .select({ review: reviews, product: { slug: products.slug, name: products.name } })
      .from(reviews)
      .innerJoin(products, eq(products.id, reviews.productId))
      .where(eq(reviews.id, id))
      .for("update", { of: reviews });
    if (!found) throw new ApiFailure(404, "not_found", "No such review.");
    const { review } = found;
    const keepsAfterReports = decision.action === "publish" && review.status === "published";
    if (!ALLOWED[decision.action].includes(review.status) || (keepsAfterReports && review.reports === 0)) {
      throw new ApiFailure(409, "illegal_transition", `A ${review.status} review cannot be ${TO[decision.action]}.`);
    }
    const note = decision.action === "publish" ? null : decision.reason;
    const [changed] = await tx
      .update(reviews)
      .set({ status: TO[decision.action], moderationNote: note, ...(decision.action === "publish" ? { reports: 0 } : {}) })
      .where(eq(reviews.id, id))
      .returning();
    await recordAudit(tx, actor, {
      area: "catalog",
      action: `review.${decision.action}`,
      subject: id,
      before: { status: review.status, note: review.moderationNote, reports: review.reports },
      after: { status: changed!.status, note: changed!.moderationNote, reports: changed!.reports },
    });
    return moderated(changed!, found.product);
  });
}
