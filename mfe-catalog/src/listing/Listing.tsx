import type { ProductList } from "@shop/contracts";
import { formatCount, listingApiUrl, requestJson } from "@shop/contracts/browser";
import { type ApiAnswer, RemoteArea, useRenderedAnswer, useRenderedAnswers, useScripted } from "@shop/federation";
import { Link, useSearchParams } from "@shop/router";
import { useEffect, useRef, useState } from "react";
import { loadableOf } from "../api";
import { ProductCard, ProductCardSkeleton } from "../ProductCard";
import { activeChips } from "./ActiveFilters";
import { FILTERS_ID } from "./FiltersDrawer";
import { FILTERS_FORM, readListingState, withParams } from "./urlState";

/** Where a listing's page `n` starts (its first product's link): "Load more" as a new document goes on from there. */
const pageStart = (n: number) => `page-${n}`;

interface Pages {
  key: string;
  pages: ProductList[];
}

// The listings this tab showed last, by filters: coming Back to one shows its pages at once (and the
// shell puts the shopper back where they were), instead of a screen of placeholders while they load.
const RECENT_LISTINGS = 6;
const recent = new Map<string, Pages>();
function remember(pages: Pages) {
  recent.delete(pages.key);
  recent.set(pages.key, pages);
  if (recent.size > RECENT_LISTINGS) recent.delete(recent.keys().next().value!);
}

/** The pages the edge rendered this listing from (every page up to `?page=`), when it did and all went well. */
function useRenderedPages(urls: string[], key: string): Pages | null {
  const answers = useRenderedAnswers<ProductList>(urls);
  if (!answers.every((a): a is ApiAnswer<ProductList> => a?.status === 200)) return null;
  return { key, pages: answers.map((a) => a.body) };
}

/** The edge's error for the listing (say, a filter the API refuses), so the page says it as the browser would. */
function useRenderedError(url: string): string | null {
  const answer = useRenderedAnswer(url);
  const loaded = answer && loadableOf(answer);
  return loaded?.state === "error" ? loaded.error.message : null;
}

/** A category or search listing: filters, sort and how many pages are shown all live in the URL. */
export function Listing({ title, category }: { title: string; category?: string }) {
  const [params, setParams] = useSearchParams();
  const state = readListingState(params);
  const filterKey = `${category ?? ""}?${withParams(params, { page: undefined }).toString()}`;
  const pageUrls = Array.from({ length: state.pages }, (_, i) => listingApiUrl(params, category, i + 1));
  const rendered = useRenderedPages(pageUrls, filterKey);
  const renderedError = useRenderedError(pageUrls[0]!);
  const [loaded, setLoaded] = useState<Pages | null>(() => {
    const kept = recent.get(filterKey);
    return rendered ?? (kept && kept.pages.length >= state.pages ? { key: filterKey, pages: kept.pages.slice(0, state.pages) } : null);
  });
  const [error, setError] = useState<string | null>(renderedError);
  const loadedRef = useRef(loaded);
  loadedRef.current = loaded;
  const scripted = useScripted();
  const results = useRef<HTMLUListElement>(null);
  /** After Load more: the first new product, where the keyboard goes on from. */
  const focusFrom = useRef<number | null>(null);

  // biome-ignore lint/correctness/useExhaustiveDependencies: only new filters or another page load again (the URLs follow from them)
  useEffect(() => {
    const controller = new AbortController();
    // Pages already on screen for the same filters stay; only the missing ones are fetched.
    const have = loadedRef.current?.key === filterKey ? loadedRef.current.pages.slice(0, state.pages) : [];
    const missing = pageUrls.slice(have.length);
    if (missing.length === 0 && have.length === loadedRef.current?.pages.length) {
      remember(loadedRef.current!); // the edge's pages, or ones kept from before
      return;
    }
    setError(null);
    Promise.all(missing.map((url) => requestJson<ProductList>(url, { signal: controller.signal }))).then(
      (more) => {
        const pages = { key: filterKey, pages: [...have, ...more] };
        remember(pages);
        setLoaded(pages);
      },
      (err: Error) => !controller.signal.aborted && setError(err.message),
    );
    return () => controller.abort();
  }, [filterKey, state.pages]);

  const current = loaded?.key === filterKey ? loaded : null;
  const first = current?.pages[0] ?? loaded?.pages[0];
  const pages = (current ?? loaded)?.pages ?? [];
  const items = pages.flatMap((p) => p.items);
  const total = first?.total ?? 0;
  const busy = !current || current.pages.length < state.pages;
  const brandNames = new Map(first?.facets.brands.map((b) => [b.slug, b.name]));
  const chips = activeChips(state, (slug) => brandNames.get(slug) ?? slug);
  // The parts that run are areas of their own (on a page of islands, the only parts that hydrate):
  // the filters (on a phone, in a drawer), the sort, the filters in use, an empty result's
  // suggestions. Filters that would all count 0 say nothing: an empty result offers its own way on.
  const facetData = first && total > 0 ? first.facets : null;
  const facets = facetData && <RemoteArea module="catalog/Facets" label="Filters" variant="widget" props={{ facets: facetData }} />;
  const brandNamesInUse = Object.fromEntries(state.brands.map((slug) => [slug, brandNames.get(slug) ?? slug]));
  // A document navigation (without JavaScript, or on a page of islands) lands on the first new product.
  const nextPage = `?${withParams(params, { page: String(state.pages + 1) }).toString()}#${pageStart(state.pages + 1)}`;

  useEffect(() => {
    const from = focusFrom.current;
    if (from === null || items.length <= from) return;
    focusFrom.current = null;
    results.current?.querySelectorAll<HTMLElement>(".product-card__link")[from]?.focus();
  }, [items.length]);

  return (
    // Without JavaScript the filters and the sort are a form (Apply sends it) and "Load more" a link;
    // with it, each choice applies at once. On a narrow screen the filters live in a drawer once
    // scripts run, and below the products until then.
    <section className={scripted ? "listing listing--scripted" : "listing"} aria-busy={busy}>
      <form id={FILTERS_FORM} method="get" onSubmit={(event) => event.preventDefault()}>
        {state.q && <input type="hidden" name="q" value={state.q} />}
      </form>
      <header className="listing__header">
        <h1 className="page-title" tabIndex={-1}>
          {title}
        </h1>
        <p role="status" className="listing__count">
          {first ? `${formatCount(total)} ${total === 1 ? "product" : "products"}` : "Loading products…"}
        </p>
        {first?.correctedQuery && (
          <p className="listing__corrected" data-testid="corrected-query">
            Nothing matched “{state.q}”. Showing results for <strong>“{first.correctedQuery}”</strong>.
          </p>
        )}
        {facetData && <RemoteArea module="catalog/FiltersDrawer" label="Filters" variant="widget" props={{ category, total, facets: facetData }} />}
        <RemoteArea module="catalog/ListingSort" label="Sort" variant="widget" />
      </header>
      {/* Always there (empty without filters): taking the last one off moves the focus to the heading. */}
      <RemoteArea module="catalog/ActiveFilters" label="Active filters" variant="widget" props={{ brandNames: brandNamesInUse }} />
      <div className={facets ? "listing__body" : "listing__body listing__body--whole"}>
        {facets && (
          <aside className="listing__facets" aria-label="Filters" id={FILTERS_ID}>
            <a className="skip-link skip-link--inline" href="#results">
              Skip to products
            </a>
            {facets}
          </aside>
        )}
        <div className="listing__results">
          {/* Try again asks again; on a page of islands (nothing here runs), by loading the page again. */}
          {error && (
            <p role="alert" className="form-error">
              {error}{" "}
              <Link
                to={`?${params.toString()}`}
                onClick={(event) => {
                  event.preventDefault();
                  setParams(new URLSearchParams(params));
                }}
              >
                Try again
              </Link>
            </p>
          )}
          {!error && first && total === 0 && (
            <RemoteArea module="catalog/NoResults" label="Suggestions" variant="widget" props={{ query: state.q, hasFilters: chips.length > 0 }} />
          )}
          <ul className="product-grid" id="results" tabIndex={-1} ref={results} aria-label="Products">
            {pages.map((page, n) =>
              page.items.map((product, i) => (
                <ProductCard key={product.id} product={product} eager={n === 0 && i < 4} id={n > 0 && i === 0 ? pageStart(n + 1) : undefined} />
              )),
            )}
            {busy &&
              Array.from({ length: items.length ? 4 : 8 }, (_, i) => (
                // biome-ignore lint/suspicious/noArrayIndexKey: identical placeholders, never reordered
                <ProductCardSkeleton key={`s${i}`} />
              ))}
          </ul>
          {first && items.length > 0 && items.length < total && (
            <div className="load-more">
              <p>
                Showing {formatCount(items.length)} of {formatCount(total)}
              </p>
              {/* A link to the next page (it works without JavaScript); it stays while that page loads, so the keyboard focus stays on it. */}
              <Link
                className="btn btn-secondary"
                to={nextPage}
                aria-disabled={busy}
                onClick={(event) => {
                  event.preventDefault();
                  if (busy) return;
                  focusFrom.current = items.length;
                  setParams(withParams(params, { page: String(state.pages + 1) }), { preventScrollReset: true });
                }}
              >
                {busy ? "Loading…" : "Load more"}
              </Link>
            </div>
          )}
          {category && !busy && items.length > 0 && (
            <p className="listing__back">
              <Link to="/">Back to the shop</Link>
            </p>
          )}
        </div>
      </div>
    </section>
  );
}
