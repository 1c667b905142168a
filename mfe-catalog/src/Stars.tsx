export function Stars({ rating }: { rating: { average: number; count: number } }) {
  if (rating.count === 0) return <span className="stars stars--none">No ratings yet</span>;
  const label = `Rated ${rating.average.toFixed(1)} out of 5 from ${rating.count.toLocaleString("en-US")} ratings`;
  return (
    <span className="stars" role="img" aria-label={label} title={label}>
      {/* To the nearest half star, by class: the page's policy allows no inline style attributes. */}
      <span aria-hidden="true" className="stars__bar" data-rating={(Math.round(rating.average * 2) / 2).toFixed(1)} />
      <span aria-hidden="true" className="stars__count">
        ({rating.count})
      </span>
    </span>
  );
}

/** One review's stars, as text a screen reader says whole. */
export function StarLine({ stars }: { stars: number }) {
  return (
    <span className="review__stars" role="img" aria-label={`${stars} out of 5 stars`}>
      <span aria-hidden="true">{"★".repeat(stars) + "☆".repeat(5 - stars)}</span>
    </span>
  );
}
