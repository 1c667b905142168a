import type { ModeratedReview, ModerationDecision } from "@shop/contracts";
import { ActionForm, Field, FormMessage, SelectField, useAction, usePagedList } from "@shop/forms";
import { Link, useSearchParams } from "@shop/router";
import { useState } from "react";
import { StarLine } from "../Stars";
import { listReviews, moderateReview } from "./api";

// The catalog team's moderation queue: reviews the automatic checks held or shoppers reported first,
// any status on request. Publish, reject (the author sees why and may change it) or remove.

const QUEUES = [
  ["held", "Held for reading"],
  ["reported", "Reported, still published"],
  ["published", "Published"],
  ["rejected", "Rejected"],
  ["removed", "Removed"],
] as const;
type Queue = (typeof QUEUES)[number][0];

function Decision({ review, onDecided }: { review: ModeratedReview; onDecided: (changed: ModeratedReview) => void }) {
  const [action, setAction] = useState<ModerationDecision["action"]>(review.status === "held" ? "publish" : "reject");
  const [reason, setReason] = useState("");
  const decide = useAction(async () => {
    const decision = (action === "publish" ? { action } : { action, reason }) as ModerationDecision;
    onDecided(await moderateReview(review.id, decision));
    return `Review ${action === "publish" ? "published" : action === "reject" ? "rejected" : "removed"}.`;
  });
  return (
    <ActionForm action={decide} submit="Decide" busy="Saving…" marksFields aria-label={`Decide on "${review.title}"`} className="review-decision">
      <SelectField
        id={`decision-${review.id}`}
        label="Decision"
        value={action}
        onChange={(value) => setAction(value as ModerationDecision["action"])}
        options={[
          ["publish", review.status === "published" ? "Keep it published (clears reports)" : "Publish"],
          ["reject", "Reject (the author may change it)"],
          ["remove", "Remove for good"],
        ]}
      />
      {action !== "publish" && (
        <Field id={`reason-${review.id}`} label="Reason the author sees" value={reason} onValue={setReason} maxLength={500} error={decide.fields.reason} />
      )}
    </ActionForm>
  );
}

export function ReviewQueue() {
  const [params] = useSearchParams();
  const queue: Queue = QUEUES.find(([name]) => name === params.get("status"))?.[0] ?? "held";
  const paged = usePagedList((after) => listReviews(queue, after), queue);
  const [decided, setDecided] = useState<Record<string, ModeratedReview>>({});
  return (
    <section>
      <h1 className="page-title">Reviews</h1>
      <nav aria-label="Which reviews" className="reviews__sorts">
        {QUEUES.map(([name, label]) => (
          <Link key={name} to={`?status=${name}`} aria-current={name === queue ? "page" : undefined}>
            {label}
          </Link>
        ))}
      </nav>
      <FormMessage error={paged.error} />
      {paged.list === null ? (
        <p aria-busy="true">Loading reviews…</p>
      ) : paged.list.items.length === 0 ? (
        <p role="status">No reviews here.</p>
      ) : (
        <ol className="moderation-list" aria-label={QUEUES.find(([name]) => name === queue)![1]}>
          {paged.list.items.map((listed) => {
            const review = decided[listed.id] ?? listed;
            return (
              <li key={review.id} className="review" data-testid="moderated-review">
                <article aria-labelledby={`moderated-${review.id}`}>
                  <p className="review__byline">
                    <Link to={`/p/${review.product.slug}`} reloadDocument>
                      {review.product.name}
                    </Link>{" "}
                    · {review.author} · {new Date(review.createdAt).toLocaleString("en-US")} · {review.status}
                    {review.reports > 0 && ` · reported by ${review.reports}`}
                  </p>
                  <StarLine stars={review.stars} />
                  <h2 id={`moderated-${review.id}`} className="review__title">
                    {review.title}
                  </h2>
                  <p className="review__text">{review.text}</p>
                  {review.moderationNote && <p className="notice">{review.moderationNote}</p>}
                  {review.status !== "removed" && <Decision review={review} onDecided={(changed) => setDecided({ ...decided, [changed.id]: changed })} />}
                </article>
              </li>
            );
          })}
        </ol>
      )}
      {paged.more && (
        <button className="btn btn-secondary" type="button" onClick={paged.more}>
          More
        </button>
      )}
    </section>
  );
}
