import type { Sort } from "@shop/contracts";
import { useSearchParams } from "@shop/router";
import { FILTERS_FORM, readListingState, withParams } from "./urlState";

const SORT_LABELS: Record<Sort, string> = {
  relevance: "Best match",
  newest: "Newest",
  price_asc: "Price: low to high",
  price_desc: "Price: high to low",
  rating: "Best rated",
};

/**
 * A listing's order, applied as it is chosen (without JavaScript, with its button). An area of its
 * own: on a page of islands, it hydrates at the first touch.
 */
export default function ListingSort() {
  const [params, setParams] = useSearchParams();
  const state = readListingState(params);
  // "Best match" only means something for a search.
  const sorts = (Object.keys(SORT_LABELS) as Sort[]).filter((s) => s !== "relevance" || state.q);
  return (
    <label className="listing__sort">
      Sort by{" "}
      <select
        form={FILTERS_FORM}
        name="sort"
        value={state.sort ?? (state.q ? "relevance" : "newest")}
        onChange={(e) => setParams(withParams(params, { sort: e.target.value }))}
      >
        {sorts.map((s) => (
          <option key={s} value={s}>
            {SORT_LABELS[s]}
          </option>
        ))}
      </select>
      <noscript>
        <button type="submit" form={FILTERS_FORM} className="btn btn-secondary">
          Sort
        </button>
      </noscript>
    </label>
  );
}
