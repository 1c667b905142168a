import type { CategoryNode, Suggestion } from "@shop/contracts";
import { CATEGORY_TREE_URL, requestJson } from "@shop/contracts/browser";
import { Link, useSearchParams } from "@shop/router";
import { useEffect, useState } from "react";
import { fetchSuggestions } from "../api";
import { focusPageHeading } from "../focus";
import { CLEARED_FILTERS, withParams } from "./urlState";

/** An honest empty state: what to try instead, never a blank page. An area of its own (on a page of islands, it runs once in view). */
export default function NoResults({ query, hasFilters }: { query: string; hasFilters: boolean }) {
  const [params, setParams] = useSearchParams();
  const [suggestions, setSuggestions] = useState<Suggestion[]>([]);
  const [departments, setDepartments] = useState<CategoryNode[]>([]);
  useEffect(() => {
    const controller = new AbortController();
    // Near spellings of the last word typed; where there are none, the shop's departments.
    const word = query.split(/\s+/).at(-1) ?? "";
    const near = query && !hasFilters ? fetchSuggestions(word, controller.signal) : Promise.resolve([]);
    near
      .then(async (found) => {
        setSuggestions(found);
        if (found.length === 0)
          setDepartments((await requestJson<{ categories: CategoryNode[] }>(CATEGORY_TREE_URL, { signal: controller.signal })).categories);
      })
      .catch(() => {});
    return () => controller.abort();
  }, [query, hasFilters]);
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
        {/* With filters on, they are what found nothing: the spelling is not the point. */}
        {hasFilters ? <li>Fewer filters may find what you are looking for.</li> : query && <li>Check the spelling, or use fewer or more general words.</li>}
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
      {suggestions.length === 0 && departments.length > 0 ? (
        <p>
          Browse:{" "}
          {departments.map((d, i) => (
            <span key={d.slug}>
              {i > 0 && ", "}
              <Link to={`/c/${d.slug}`}>{d.name}</Link>
            </span>
          ))}
        </p>
      ) : (
        <p>
          Or <Link to="/">browse the shop</Link>.
        </p>
      )}
    </div>
  );
}
