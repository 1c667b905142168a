import { formatMoney } from "@shop/contracts/browser";
import { useSearchParams } from "@shop/router";
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
    const label = bucket?.label ?? `${state.minPrice !== undefined ? usd(state.minPrice) : "Any"} to ${state.maxPrice !== undefined ? usd(state.maxPrice) : "any"}`;
    chips.push({ label, changes: { minPrice: undefined, maxPrice: undefined } });
  }
  if (state.minRating !== undefined) chips.push({ label: `${state.minRating}★ & up`, changes: { minRating: undefined } });
  if (state.inStock) chips.push({ label: "In stock", changes: { inStock: undefined } });
  return chips;
}

export function ActiveFilters({ chips }: { chips: Chip[] }) {
  const [params, setParams] = useSearchParams();
  if (chips.length === 0) return null;
  return (
    <ul className="active-filters" aria-label="Active filters">
      {chips.map((chip) => (
        <li key={chip.label}>
          <button type="button" className="chip" onClick={() => setParams(withParams(params, chip.changes))} aria-label={`Remove filter ${chip.label}`}>
            {chip.label} <span aria-hidden="true">×</span>
          </button>
        </li>
      ))}
      <li>
        <button
          type="button"
          className="chip chip--clear"
          onClick={() => setParams(withParams(params, CLEARED_FILTERS))}
        >
          Clear all
        </button>
      </li>
    </ul>
  );
}
