import type { FormEvent, ReactNode } from "react";

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
