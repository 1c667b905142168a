import { type FormEvent, type ReactNode, useEffect, useState } from "react";
import { FormMessage } from "./fields";

// Parts every back-office page uses the same way: a search form over a list, and a wide table that
// scrolls sideways on a phone.

/** A list's search or filters: a `<search>` landmark around its form. */
export function SearchForm({ label, onSearch, children }: { label: string; onSearch: () => void; children: ReactNode }) {
  return (
    <search aria-label={label}>
      <form
        className="back-office__filters"
        onSubmit={(event: FormEvent) => {
          event.preventDefault();
          onSearch();
        }}
      >
        {children}
      </form>
    </search>
  );
}

/** A table in a region that scrolls sideways when the screen is narrow, and can be scrolled by keyboard. */
export function TableRegion({ label, children }: { label: string; children: ReactNode }) {
  return (
    // biome-ignore lint/a11y/noNoninteractiveTabindex: a region that scrolls must take the focus, or a keyboard cannot scroll it (axe: scrollable-region-focusable)
    <section className="table-wrap" aria-label={label} tabIndex={0}>
      <table className="back-office__table">{children}</table>
    </section>
  );
}

/** A page of a back-office list, and where the next one starts (null: the last). */
export interface ListPage<T> {
  items: T[];
  next: string | null;
}

/**
 * A list read a page at a time: loaded again whenever `key` (its filters) changes, `more()` appends
 * the next page. Its failure is kept for the page to say.
 */
export function usePagedList<T>(load: (after?: string) => Promise<ListPage<T>>, key: string) {
  const [list, setList] = useState<ListPage<T> | null>(null);
  const [error, setError] = useState<string | null>(null);
  const read = async (after?: string) => {
    setError(null);
    try {
      const page = await load(after);
      setList((shown) => (after && shown ? { items: [...shown.items, ...page.items], next: page.next } : page));
    } catch (err) {
      setError((err as Error).message);
    }
  };
  // biome-ignore lint/correctness/useExhaustiveDependencies: reads again when the filters (the key) change
  useEffect(() => void read(), [key]);
  return { list, error, more: list?.next ? () => void read(list.next!) : null };
}

/**
 * A paged list as every back-office list page shows it: its failure, "Loading…", what it says when
 * nothing matches, or the table (`children` draws its head and rows); then More while pages remain.
 */
export function PagedTable<T>({
  paged,
  label,
  loading,
  empty,
  moreLabel = "More",
  children,
}: {
  paged: ReturnType<typeof usePagedList<T>>;
  label: string;
  loading: string;
  empty: ReactNode;
  moreLabel?: string;
  children: (items: T[]) => ReactNode;
}) {
  const { list, error, more } = paged;
  return (
    <>
      <FormMessage error={error} />
      {list === null ? (
        <p aria-busy="true">{loading}</p>
      ) : list.items.length === 0 ? (
        <p role="status">{empty}</p>
      ) : (
        <TableRegion label={label}>{children(list.items)}</TableRegion>
      )}
      {more && (
        <button className="btn btn-secondary" type="button" onClick={more}>
          {moreLabel}
        </button>
      )}
    </>
  );
}
