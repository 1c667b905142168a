import { formatMoney } from "@shop/contracts/browser";
import { useSearchParams } from "@shop/router";
import { useEffect, useRef } from "react";
import { focusPageHeading } from "../focus";
import { CLEARED_FILTERS, type ListingState, priceBucketOf, readListingState, withParams } from "./urlState";

interface Chip {
  label: string;
  changes: Record<string, string | undefined>;
}

export function activeChips(state: ListingState, brandName: (slug: string) => string): Chip[] {
  const chips: Chip[] = state.brands.map((slug) => ({
    label: brandName(slug),
    changes: { brand: state.brands.filter((b) => b !== slug).join(",") || undefined },
  }));
  if (state.minPrice !== undefined || state.maxPrice !== undefined) {
    const bucket = priceBucketOf(state);
    const usd = (amount: number) => formatMoney({ amount, currency: "USD" });
    const label =
      bucket?.label ?? `${state.minPrice !== undefined ? usd(state.minPrice) : "Any"} to ${state.maxPrice !== undefined ? usd(state.maxPrice) : "any"}`;
    chips.push({ label, changes: { minPrice: undefined, maxPrice: undefined } });
  }
  if (state.minRating !== undefined) chips.push({ label: `${state.minRating}★ & up`, changes: { minRating: undefined } });
  if (state.inStock) chips.push({ label: "In stock", changes: { inStock: undefined } });
  return chips;
}

const chipName = (chip: Chip) => `Remove filter ${chip.label}`;

/**
 * The filters in use, each a button that takes it off. A removed chip's focus goes to the chip that
 * takes its place (or the page heading once none is left), never to the page's start. An area of its
 * own (the chosen brands' names come with it): on a page of islands, it hydrates at the first touch.
 */
export default function ActiveFilters({ brandNames }: { brandNames: Record<string, string> }) {
  const [params, setParams] = useSearchParams();
  const chips = activeChips(readListingState(params), (slug) => brandNames[slug] ?? slug);
  const list = useRef<HTMLUListElement>(null);
  const removedAt = useRef<number | null>(null);
  // biome-ignore lint/correctness/useExhaustiveDependencies: the focus moves when a chip is gone, which the number of chips says
  useEffect(() => {
    const at = removedAt.current;
    if (at === null) return;
    removedAt.current = null;
    const left = list.current?.querySelectorAll<HTMLButtonElement>("button.chip:not(.chip--clear)") ?? [];
    if (left.length > 0) left[Math.min(at, left.length - 1)]!.focus();
    else focusPageHeading();
  }, [chips.length]);
  const remove = (at: number, changes: Chip["changes"]) => {
    removedAt.current = at;
    // On a page of islands the change is a new document: it is told where the focus goes on.
    const next = chips.filter((_, i) => i !== at)[Math.min(at, chips.length - 2)];
    const focus = next && at < chips.length ? `button[aria-label="${CSS.escape(chipName(next))}"]` : "h1";
    setParams(withParams(params, changes), { state: { focus } });
  };
  if (chips.length === 0) return null;
  return (
    <ul className="active-filters" aria-label="Active filters" ref={list}>
      {chips.map((chip, at) => (
        <li key={chip.label}>
          <button type="button" className="chip" onClick={() => remove(at, chip.changes)} aria-label={chipName(chip)}>
            {chip.label} <span aria-hidden="true">×</span>
          </button>
        </li>
      ))}
      <li>
        <button type="button" className="chip chip--clear" onClick={() => remove(chips.length, CLEARED_FILTERS)}>
          Clear all
        </button>
      </li>
    </ul>
  );
}
