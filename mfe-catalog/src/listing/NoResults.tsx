import type { Suggestion } from "@shop/contracts";
import { Link, useSearchParams } from "@shop/router";
import { useEffect, useState } from "react";
import { fetchSuggestions } from "../api";
import { focusPageHeading } from "../focus";
import { CLEARED_FILTERS, withParams } from "./urlState";

/** An honest empty state: what to try instead, never a blank page. */
export function NoResults({ query, hasFilters }: { query: string; hasFilters: boolean }) {
  const [params, setParams] = useSearchParams();
  const [suggestions, setSuggestions] = useState<Suggestion[]>([]);
  useEffect(() => {
    if (!query) return;
    const controller = new AbortController();
    // The last word, shortened, finds near spellings of what was typed.
    const word = query.split(/\s+/).at(-1)!.slice(0, 5);
    fetchSuggestions(word, controller.signal).then(setSuggestions, () => {});
    return () => controller.abort();
  }, [query]);
  return (
    <div className="no-results" data-testid="no-results">
      <h2>{query ? `No products match “${query}”` : "No products match these filters"}</h2>
      <ul>
        {hasFilters && (
          <li>
            <button
              type="button"
              className="btn btn-secondary"
              onClick={() => {
                setParams(withParams(params, CLEARED_FILTERS));
                // This button goes with the empty state: focus goes on from the heading.
                focusPageHeading();
              }}
            >
              Remove all filters
            </button>
          </li>
        )}
        {query && <li>Check the spelling, or use fewer or more general words.</li>}
      </ul>
      {suggestions.length > 0 && (
        <p>
          Try:{" "}
          {suggestions.slice(0, 5).map((s, i) => (
            <span key={s.slug}>
              {i > 0 && ", "}
              <Link to={s.type === "category" ? `/c/${s.slug}` : `/p/${s.slug}`}>{s.name}</Link>
            </span>
          ))}
        </p>
      )}
      <p>
        Or <Link to="/">browse the shop</Link>.
      </p>
    </div>
  );
}
