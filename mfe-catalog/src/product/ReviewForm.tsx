import type { MyReview, ReviewInput } from "@shop/contracts";
import { productApiUrl, REVIEW_TEXT, requestAnswer, requestJson, signInPath, WRITE_REVIEW_ANCHOR } from "@shop/contracts/browser";
import { ActionForm, Field, FormMessage, TextAreaField, useAction } from "@shop/forms";
import { useLocation } from "@shop/router";
import { type ReactNode, useEffect, useRef, useState } from "react";
import { StarLine } from "../Stars";

// Writing, changing and deleting one's own review. Who may write is the shopper's own business, so
// it is asked by the browser once the page runs; the edge's HTML (and a page without JavaScript)
// offers the sign-in that leads here. The review request email links to `#write-review`.

const STATUS_SAID: Record<NonNullable<MyReview["review"]>["status"], string> = {
  published: "Published: other shoppers can read it.",
  held: "Waiting for the shop to read it before it is published.",
  rejected: "Not published. Change it and send it again.",
  removed: "Removed by the shop.",
};

function StarChoice({ value, onValue, error }: { value: number; onValue: (stars: number) => void; error?: string | undefined }) {
  return (
    <fieldset className="star-choice" aria-invalid={error ? true : undefined} aria-describedby={error ? "review-stars-error" : undefined}>
      <legend>Your rating</legend>
      {[1, 2, 3, 4, 5].map((stars) => (
        <label key={stars}>
          <input type="radio" name="stars" value={stars} checked={value === stars} onChange={() => onValue(stars)} />
          {stars} {stars === 1 ? "star" : "stars"}
        </label>
      ))}
      {error && (
        <p id="review-stars-error" className="form-error">
          {error}
        </p>
      )}
    </fieldset>
  );
}

function Editor({ slug, mine, onSaved, onCancel }: { slug: string; mine: MyReview; onSaved: (saved: MyReview) => void; onCancel?: () => void }) {
  const existing = mine.review;
  const [stars, setStars] = useState(existing?.stars ?? 0);
  const [title, setTitle] = useState(existing?.title ?? "");
  const [text, setText] = useState(existing?.text ?? "");
  const firstField = useRef<HTMLDivElement>(null);
  const { hash } = useLocation();
  // Arriving from the review request email: the form is where the shopper meant to go.
  useEffect(() => {
    if (hash === `#${WRITE_REVIEW_ANCHOR}` || existing) firstField.current?.querySelector<HTMLInputElement>("input")?.focus();
  }, [hash, existing]);
  const save = useAction(async () => {
    const body: ReviewInput = { stars, title, text };
    const saved = await requestJson<MyReview>(existing ? `/api/catalog/reviews/${existing.id}` : `${productApiUrl(slug)}/reviews`, {
      method: existing ? "PATCH" : "POST",
      body: JSON.stringify(body),
    });
    onSaved(saved);
  });
  return (
    <ActionForm action={save} submit={existing ? "Save your review" : "Send your review"} busy="Sending…" marksFields aria-label="Write a review">
      <div ref={firstField}>
        <StarChoice value={stars} onValue={setStars} error={save.fields.stars} />
      </div>
      <Field id="review-title" label="Title" maxLength={REVIEW_TEXT.title} value={title} onValue={setTitle} error={save.fields.title} required />
      <TextAreaField
        id="review-text"
        label="Your review"
        hint={`What did you like or not? Plain text, up to ${REVIEW_TEXT.text.toLocaleString("en-US")} characters.`}
        rows={6}
        maxLength={REVIEW_TEXT.text}
        value={text}
        onValue={setText}
        error={save.fields.text}
        required
      />
      {onCancel && (
        <button type="button" className="btn btn-link" onClick={onCancel}>
          Keep it as it was
        </button>
      )}
    </ActionForm>
  );
}

function OwnReview({ mine, onChange, onDeleted }: { mine: MyReview; onChange: () => void; onDeleted: () => void }) {
  const review = mine.review!;
  const [confirming, setConfirming] = useState(false);
  const remove = useAction(async () => {
    await requestJson(`/api/catalog/reviews/${review.id}`, { method: "DELETE" });
    onDeleted();
  });
  return (
    <div className="own-review" data-testid="own-review">
      <h3>Your review</h3>
      <p role="status" className={`own-review__status own-review__status--${review.status}`}>
        {STATUS_SAID[review.status]}
        {review.moderationNote && ` ${review.moderationNote}`}
      </p>
      <StarLine stars={review.stars} />
      <p className="review__title">{review.title}</p>
      <p className="review__text">{review.text}</p>
      <div className="review__actions">
        {review.status !== "removed" && (
          <button type="button" className="btn btn-secondary" onClick={onChange}>
            Change your review
          </button>
        )}
        {confirming ? (
          <>
            <button type="button" className="btn btn-danger" onClick={() => void remove.run()} disabled={remove.busy}>
              Yes, delete it
            </button>
            <button type="button" className="btn btn-link" onClick={() => setConfirming(false)}>
              Keep it
            </button>
          </>
        ) : (
          <button type="button" className="btn btn-link" onClick={() => setConfirming(true)}>
            Delete your review
          </button>
        )}
      </div>
      <FormMessage error={remove.error} />
    </div>
  );
}

export function ReviewForm({ slug }: { slug: string }) {
  const { pathname } = useLocation();
  // undefined: not asked yet (the edge's HTML).
  const [mine, setMine] = useState<MyReview | undefined>(undefined);
  const [editing, setEditing] = useState(false);
  const [said, setSaid] = useState<string | null>(null);
  useEffect(() => {
    const controller = new AbortController();
    requestAnswer(`${productApiUrl(slug)}/reviews/mine`, { signal: controller.signal }).then(
      (answer) => answer.status === 200 && setMine(answer.body as MyReview),
      () => undefined,
    );
    return () => controller.abort();
  }, [slug]);

  let body: ReactNode;
  if (!mine?.signedIn) {
    body = (
      <p>
        <a href={signInPath(`${pathname}#${WRITE_REVIEW_ANCHOR}`)}>Sign in to write a review</a> of something you bought here.
      </p>
    );
  } else if (mine.review && !editing) {
    body = (
      <OwnReview
        mine={mine}
        onChange={() => setEditing(true)}
        onDeleted={() => {
          setMine({ signedIn: true, canReview: true, reason: null, review: null });
          setSaid("Your review is deleted.");
        }}
      />
    );
  } else if (mine.canReview || editing) {
    body = (
      <Editor
        slug={slug}
        mine={mine}
        onSaved={(saved) => {
          setMine(saved);
          setEditing(false);
          setSaid(
            saved.review?.status === "published" ? "Thank you: your review is published." : "Thank you: the shop will read your review before publishing it.",
          );
        }}
        {...(editing && { onCancel: () => setEditing(false) })}
      />
    );
  } else {
    body = <p className="notice">{mine.reason}</p>;
  }
  return (
    <div className="review-form" id={WRITE_REVIEW_ANCHOR}>
      <h3 className="review-form__title">Write a review</h3>
      {body}
      <FormMessage success={said} />
    </div>
  );
}
