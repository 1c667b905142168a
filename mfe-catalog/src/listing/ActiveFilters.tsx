import { formatMoney } from "@shop/contracts/browser";
import { useSearchParams } from "@shop/router";
import { useEffect, useRef } from "react";
import { focusPageHeading } from "../focus";
import { CLEARED_FILTERS, type ListingState, priceBucketOf, withParams } from "./urlState";

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

/**
 * The filters in use, each a button that takes it off. A removed chip's focus goes to the chip that
 * takes its place (or the page heading once none is left), never to the page's start.
 */
export function ActiveFilters({ chips }: { chips: Chip[] }) {
  const [params, setParams] = useSearchParams();
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
    setParams(withParams(params, changes));
  };
  if (chips.length === 0) return null;
  return (
    <ul className="active-filters" aria-label="Active filters" ref={list}>
      {chips.map((chip, at) => (
        <li key={chip.label}>
          <button type="button" className="chip" onClick={() => remove(at, chip.changes)} aria-label={`Remove filter ${chip.label}`}>
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
