import type { Facets as FacetData, ProductList } from "@shop/contracts";
import { formatCount, listingApiUrl, requestJson } from "@shop/contracts/browser";
import { useDialogOpener } from "@shop/federation";
import { useSearchParams } from "@shop/router";
import { useEffect, useMemo, useRef, useState } from "react";
import { activeChips } from "./ActiveFilters";
import Facets, { StagedParams } from "./Facets";
import { readListingState } from "./urlState";

/** Where the filters are on the page before scripts run. */
export const FILTERS_ID = "filters";
const BUTTON_ID = "filters-button";

/** What the filters chosen in the drawer leave: the listing's first page for them, once it has come. */
function usePreview(chosen: URLSearchParams | null, category: string | undefined): ProductList | null {
  const [preview, setPreview] = useState<ProductList | null>(null);
  const url = chosen && listingApiUrl(chosen, category, 1);
  useEffect(() => {
    if (!url) {
      setPreview(null);
      return;
    }
    const controller = new AbortController();
    requestJson<ProductList>(url, { signal: controller.signal }).then(setPreview, () => {});
    return () => controller.abort();
  }, [url]);
  return preview;
}

/**
 * On a narrow screen the filters open in a drawer (a modal dialog: focus moves in, Escape or either
 * button closes it and focus returns to the Filters button). Choices show at once what they leave
 * (the count, the other filters' counts) and apply when it closes. Until scripts run (or without
 * them) the button is a link to the filters on the page, below the products. An area of its own: on
 * a page of islands, it hydrates at the first touch.
 */
export default function FiltersDrawer({ category, total, facets }: { category?: string; total: number; facets: FacetData }) {
  const [params, setParams] = useSearchParams();
  const [open, setOpen] = useState(false);
  /** The filters chosen in the open drawer, not applied yet. */
  const [chosen, setChosen] = useState<URLSearchParams | null>(null);
  const preview = usePreview(chosen, category);
  const dialog = useRef<HTMLDialogElement>(null);
  useEffect(() => {
    const element = dialog.current;
    if (open && element && !element.open) element.showModal();
    if (!open && element?.open) element.close();
  }, [open]);
  const close = () => {
    setOpen(false);
    setChosen(null);
    // On a page of islands applying is a new document: the focus goes on from the Filters button there.
    if (chosen && chosen.toString() !== params.toString()) setParams(chosen, { state: { focus: `#${BUTTON_ID}` } });
  };
  const staged = useMemo(() => [chosen ?? params, setChosen] as const, [chosen, params]);
  const active = activeChips(readListingState(params), String).length;
  const shown = preview ?? { total, facets };
  const opener = useDialogOpener(open, () => setOpen(true));
  return (
    <>
      {/* The same element before and after its code runs: a tap made meanwhile opens the drawer. */}
      <a id={BUTTON_ID} href={`#${FILTERS_ID}`} className="btn btn-secondary filters-button" {...opener}>
        Filters{active > 0 ? ` (${active})` : ""}
      </a>
      {/* biome-ignore lint/a11y/useKeyWithClickEvents: a click on the backdrop closes it; from the keyboard Escape does (the dialog's own) */}
      <dialog ref={dialog} className="filters-drawer" aria-labelledby="filters-title" onClose={close} onClick={(e) => e.target === e.currentTarget && close()}>
        {open && (
          <div className="filters-drawer__body">
            <div className="filters-drawer__head">
              <h2 id="filters-title">Filters</h2>
              <button type="button" className="filters-drawer__close" onClick={close} aria-label="Close filters">
                ×
              </button>
            </div>
            <div className="filters-drawer__facets">
              <StagedParams.Provider value={staged}>
                <Facets facets={shown.facets} />
              </StagedParams.Provider>
            </div>
            <button type="button" className="btn" onClick={close}>
              Show {formatCount(shown.total)} {shown.total === 1 ? "product" : "products"}
            </button>
          </div>
        )}
      </dialog>
    </>
  );
}
