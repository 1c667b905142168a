import type { ProductDetail, Review, ReviewPage, ReviewSort } from "@shop/contracts";
import { ApiRequestError, REVIEW_SORTS, requestJson, reviewsApiUrl } from "@shop/contracts/browser";
import { FormMessage } from "@shop/forms";
import { Link, useSearchParams } from "@shop/router";
import { useState } from "react";
import { StarLine } from "../Stars";
import { useFetch } from "../useFetch";
import { ReviewForm } from "./ReviewForm";

// A product's reviews: the rating and how it is spread over the stars, then the reviews in the
// order the shopper chose, a page at a time. The order and page live in the page's URL (links), so
// they work without JavaScript and the edge renders the same page the browser would.

const SORT_NAMES: Record<ReviewSort, string> = { newest: "Newest", helpful: "Most helpful", highest: "Highest rated", lowest: "Lowest rated" };
export const REVIEW_PARAMS = { sort: "reviews", page: "reviews-page" } as const;

const dateOf = (iso: string) => new Date(iso).toLocaleDateString("en-US", { year: "numeric", month: "long", day: "numeric", timeZone: "UTC" });

function Distribution({ rating }: { rating: ProductDetail["rating"] }) {
  const share = (n: number) => (rating.count ? Math.round((n / rating.count) * 100) : 0);
  return (
    <table className="rating-spread">
      <caption className="visually-hidden">How the {rating.count} ratings are spread</caption>
      <tbody>
        {[5, 4, 3, 2, 1].map((stars) => {
          const n = rating.distribution[stars - 1] ?? 0;
          return (
            <tr key={stars}>
              <th scope="row">{stars} star</th>
              <td>
                {/* Filled to the nearest 5 % by class: the page's policy allows no inline styles. */}
                <span className="rating-spread__bar" aria-hidden="true" data-share={Math.round(share(n) / 5) * 5} />
              </td>
              <td className="rating-spread__share">{share(n)}%</td>
            </tr>
          );
        })}
      </tbody>
    </table>
  );
}

function ReviewItem({ review }: { review: Review }) {
  const [helpful, setHelpful] = useState(review.helpful);
  const [said, setSaid] = useState<{ error?: string; success?: string }>({});
  const [reporting, setReporting] = useState(false);
  const [reason, setReason] = useState("spam");

  const act = async <T,>(path: string, body: object | undefined, done: (answer: T) => string) => {
    setSaid({});
    try {
      const answer = await requestJson<T>(path, { method: "POST", ...(body && { body: JSON.stringify(body) }) });
      setSaid({ success: done(answer) });
    } catch (err) {
      const signIn = err instanceof ApiRequestError && err.status === 401;
      setSaid({ error: signIn ? "Sign in to do that." : (err as Error).message });
    }
  };
  const voteHelpful = () =>
    act(`/api/catalog/reviews/${review.id}/helpful`, undefined, (answer: { helpful: number }) => {
      setHelpful(answer.helpful);
      return "Thanks: you found this helpful.";
    });
  const report = () =>
    act(`/api/catalog/reviews/${review.id}/report`, { reason }, () => {
      setReporting(false);
      return "Thanks: the shop will read it.";
    });

  return (
    <li className="review" data-testid="review">
      <article aria-labelledby={`review-${review.id}`}>
        <StarLine stars={review.stars} />
        <h3 id={`review-${review.id}`} className="review__title">
          {review.title}
        </h3>
        <p className="review__byline">
          {review.author} · {dateOf(review.createdAt)}
          {review.edited && " · edited"}
          {review.verifiedPurchase && <span className="badge badge--in review__verified">Verified purchase</span>}
        </p>
        <p className="review__text">{review.text}</p>
        <div className="review__actions">
          <button type="button" className="btn btn-link" onClick={voteHelpful}>
            Helpful ({helpful})
          </button>
          <button type="button" className="btn btn-link" aria-expanded={reporting} onClick={() => setReporting(!reporting)}>
            Report
          </button>
        </div>
        {reporting && (
          <form
            className="review__report"
            onSubmit={(event) => {
              event.preventDefault();
              void report();
            }}
          >
            <label htmlFor={`report-${review.id}`}>Why report it?</label>
            <select id={`report-${review.id}`} value={reason} onChange={(event) => setReason(event.target.value)}>
              <option value="spam">Spam or advertising</option>
              <option value="offensive">Offensive</option>
              <option value="off_topic">Not about this product</option>
              <option value="other">Something else</option>
            </select>
            <button type="submit" className="btn btn-secondary">
              Send report
            </button>
          </form>
        )}
        <FormMessage error={said.error} success={said.success} />
      </article>
    </li>
  );
}

export function Reviews({ product }: { product: ProductDetail }) {
  const [params] = useSearchParams();
  const sort = REVIEW_SORTS.find((s) => s === params.get(REVIEW_PARAMS.sort)) ?? "newest";
  const page = Math.max(1, Math.min(1000, Number.parseInt(params.get(REVIEW_PARAMS.page) ?? "1", 10) || 1));
  const result = useFetch<ReviewPage>(reviewsApiUrl(product.slug, sort, page));
  const linkTo = (changes: Record<string, string>) => {
    const next = new URLSearchParams(params);
    for (const [name, value] of Object.entries(changes)) next.set(name, value);
    return `?${next}#reviews`;
  };
  const { rating } = product;

  return (
    <section className="reviews" id="reviews" aria-labelledby="reviews-title">
      <h2 id="reviews-title">Customer reviews</h2>
      <div className="reviews__summary">
        <p className="reviews__average">
          {rating.count ? (
            <>
              <strong>{rating.average.toFixed(1)}</strong> out of 5 · {rating.count.toLocaleString("en-US")} ratings
            </>
          ) : (
            "No ratings yet"
          )}
        </p>
        {rating.count > 0 && <Distribution rating={rating} />}
      </div>
      <ReviewForm slug={product.slug} />
      {result.state === "error" && (
        <p role="alert" className="form-error">
          {result.error.message}
        </p>
      )}
      {result.state === "loading" && <div className="area-loading" role="status" aria-busy="true" aria-label="Loading reviews" />}
      {result.state === "ready" && result.data.total > 0 && (
        <>
          <nav aria-label="Order reviews by" className="reviews__sorts">
            {REVIEW_SORTS.map((s) => (
              <Link
                key={s}
                to={linkTo({ [REVIEW_PARAMS.sort]: s, [REVIEW_PARAMS.page]: "1" })}
                aria-current={s === sort ? "true" : undefined}
                preventScrollReset
                replace
              >
                {SORT_NAMES[s]}
              </Link>
            ))}
          </nav>
          <ol className="reviews__list" aria-label={`Reviews, ${SORT_NAMES[sort].toLowerCase()} first`}>
            {result.data.items.map((review) => (
              <ReviewItem key={review.id} review={review} />
            ))}
          </ol>
          {result.data.pages > 1 && (
            <nav aria-label="Pages of reviews" className="pager">
              {page > 1 && (
                <Link to={linkTo({ [REVIEW_PARAMS.page]: String(page - 1) })} preventScrollReset replace>
                  Previous reviews
                </Link>
              )}
              <span role="status">
                Page {page} of {result.data.pages}
              </span>
              {page < result.data.pages && (
                <Link to={linkTo({ [REVIEW_PARAMS.page]: String(page + 1) })} preventScrollReset replace>
                  More reviews
                </Link>
              )}
            </nav>
          )}
        </>
      )}
      {result.state === "ready" && result.data.total === 0 && <p>No written reviews yet.</p>}
    </section>
  );
}
