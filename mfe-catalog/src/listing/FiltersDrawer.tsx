import { formatCount } from "@shop/contracts/browser";
import { useScripted } from "@shop/federation";
import { type ReactNode, useEffect, useRef, useState } from "react";

/** Where the filters are on the page before scripts run. */
export const FILTERS_ID = "filters";

/**
 * On a narrow screen the filters open in a drawer (a modal dialog: focus moves in, Escape or either
 * button closes it and focus returns to the Filters button). Filters apply as they are chosen; the
 * footer says how many products they leave.
 */
export function FiltersDrawer({ active, total, children }: { active: number; total: number; children: ReactNode }) {
  const [open, setOpen] = useState(false);
  const dialog = useRef<HTMLDialogElement>(null);
  useEffect(() => {
    const element = dialog.current;
    if (open && element && !element.open) element.showModal();
    if (!open && element?.open) element.close();
  }, [open]);
  const close = () => setOpen(false);
  const label = `Filters${active > 0 ? ` (${active})` : ""}`;
  // Until scripts run (or without them) the filters are on the page, below the products.
  if (!useScripted()) {
    return (
      <a className="btn btn-secondary filters-button" href={`#${FILTERS_ID}`}>
        {label}
      </a>
    );
  }
  return (
    <>
      <button type="button" className="btn btn-secondary filters-button" aria-haspopup="dialog" aria-expanded={open} onClick={() => setOpen(true)}>
        {label}
      </button>
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
            <div className="filters-drawer__facets">{children}</div>
            <button type="button" className="btn" onClick={close}>
              Show {formatCount(total)} {total === 1 ? "product" : "products"}
            </button>
          </div>
        )}
      </dialog>
    </>
  );
}
