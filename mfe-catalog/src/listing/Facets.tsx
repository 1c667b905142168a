import type { Facets as FacetData } from "@shop/contracts";
import { formatCount } from "@shop/contracts/browser";
import { Link, useSearchParams } from "@shop/router";
import { createContext, useContext, useState } from "react";
import { FILTERS_FORM, priceBucketOf, readListingState, withParams } from "./urlState";

/**
 * A checkbox or radio that shows a click at once: navigation updates are transitions, so an input
 * bound to the URL would lag behind the click. It shows the URL's state again whenever that changes,
 * and stays the same element throughout, so the keyboard focus stays on it.
 */
function Choice({
  checked,
  type,
  onChange,
  ...props
}: {
  type: "checkbox" | "radio";
  name: string;
  value: string;
  checked: boolean;
  disabled?: boolean;
  onChange: () => void;
}) {
  const [shown, setShown] = useState(checked);
  const [urlState, setUrlState] = useState(checked);
  if (checked !== urlState) {
    setUrlState(checked);
    setShown(checked);
  }
  return (
    <input
      type={type}
      form={FILTERS_FORM}
      checked={shown}
      onChange={() => {
        setShown(type === "radio" ? true : !shown);
        onChange();
      }}
      {...props}
    />
  );
}

/** Filters chosen but not applied yet (the phone's drawer applies them when it closes), instead of the URL's. */
export const StagedParams = createContext<readonly [URLSearchParams, (next: URLSearchParams) => void] | null>(null);

/**
 * A listing's filters, each applied as it is chosen (in the phone's drawer, when it closes); the
 * counts come from the listing, what is chosen from the URL. An area of its own: on a page of
 * islands, it hydrates at the first touch.
 */
export default function Facets({ facets }: { facets: FacetData }) {
  const routed = useSearchParams();
  const [params, setParams] = useContext(StagedParams) ?? routed;
  const state = readListingState(params);
  const set = (changes: Record<string, string | undefined>) => setParams(withParams(params, changes));
  const bucket = priceBucketOf(state);
  const toggleBrand = (slug: string) => {
    const brands = state.brands.includes(slug) ? state.brands.filter((b) => b !== slug) : [...state.brands, slug];
    set({ brand: brands.join(",") || undefined });
  };
  const keep = withParams(params, {}).toString();
  return (
    <div className="facets">
      {facets.categories.length > 0 && (
        <section>
          <h2>Category</h2>
          <ul>
            {facets.categories.map((c) => (
              <li key={c.slug}>
                <Link to={`/c/${c.slug}${keep ? `?${keep}` : ""}`}>
                  {c.name} <span className="facet-count">({formatCount(c.count)})</span>
                </Link>
              </li>
            ))}
          </ul>
        </section>
      )}
      <fieldset>
        <legend>Brand</legend>
        <ul className="facet-scroll">
          {facets.brands.map((b) => (
            <li key={b.slug}>
              <label>
                <Choice type="checkbox" name="brand" value={b.slug} checked={state.brands.includes(b.slug)} onChange={() => toggleBrand(b.slug)} /> {b.name}{" "}
                <span className="facet-count">({formatCount(b.count)})</span>
              </label>
            </li>
          ))}
        </ul>
      </fieldset>
      <fieldset>
        <legend>Price</legend>
        <ul>
          {facets.price.map((p) => (
            <li key={p.key}>
              <label>
                <Choice
                  type="radio"
                  name="price"
                  value={p.key}
                  checked={bucket?.key === p.key}
                  disabled={p.count === 0 && bucket?.key !== p.key}
                  onChange={() => set({ minPrice: p.min ? String(p.min) : undefined, maxPrice: p.max === null ? undefined : String(p.max - 1) })}
                />{" "}
                {p.label} <span className="facet-count">({formatCount(p.count)})</span>
              </label>
            </li>
          ))}
        </ul>
      </fieldset>
      <fieldset>
        <legend>Rating</legend>
        <ul>
          {facets.rating.map((r) => (
            <li key={r.min}>
              <label>
                <Choice
                  type="radio"
                  name="minRating"
                  value={String(r.min)}
                  checked={state.minRating === r.min}
                  onChange={() => set({ minRating: String(r.min) })}
                />{" "}
                {r.min}★ &amp; up <span className="facet-count">({formatCount(r.count)})</span>
              </label>
            </li>
          ))}
        </ul>
      </fieldset>
      <fieldset>
        <legend>Availability</legend>
        <label>
          <Choice type="checkbox" name="inStock" value="true" checked={state.inStock} onChange={() => set({ inStock: state.inStock ? undefined : "true" })} />{" "}
          In stock only
        </label>
      </fieldset>
      {/* Choices apply at once with scripts; without them, this sends the form (never shown with them, so nothing moves). */}
      <noscript>
        <button type="submit" form={FILTERS_FORM} className="btn">
          Apply filters
        </button>
      </noscript>
    </div>
  );
}
