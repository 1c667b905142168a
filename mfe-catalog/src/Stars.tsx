export function Stars({ rating }: { rating: { average: number; count: number } }) {
  if (rating.count === 0) return <span className="stars stars--none">No reviews yet</span>;
  const label = `Rated ${rating.average.toFixed(1)} out of 5 from ${rating.count} reviews`;
  return (
    <span className="stars" role="img" aria-label={label} title={label}>
      <span aria-hidden="true" className="stars__bar" style={{ ["--rating" as string]: rating.average }} />
      <span aria-hidden="true" className="stars__count">({rating.count})</span>
    </span>
  );
}
