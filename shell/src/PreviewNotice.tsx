import { pinnedRemotes, useScripted } from "@shop/federation";
import { useState } from "react";

const DISMISSED = "shop.preview-notice-dismissed";

/**
 * While a QA override pins remote versions (`?pin=catalog@2.1.0`), a small notice says which, with
 * a way to end the preview (a full reload, since the edge chooses versions) or to hide the notice.
 */
export function PreviewNotice() {
  const pins = pinnedRemotes();
  const key = pins.map((p) => `${p.name}@${p.version}`).join(",");
  // A browser matter (a session's preview, its storage): not in the edge's HTML, shown once scripts run.
  const scripted = useScripted();
  const [dismissed, setDismissed] = useState(() => typeof sessionStorage !== "undefined" && sessionStorage.getItem(DISMISSED) === key);
  if (!scripted || pins.length === 0 || dismissed) return null;
  return (
    <aside className="preview-notice" aria-label="Preview">
      <p>
        Previewing {pins.map((p) => `${p.name} ${p.version}`).join(", ")}. <a href={`${location.pathname}?pin=off`}>End preview</a>
      </p>
      <button
        type="button"
        className="preview-notice-close"
        aria-label="Hide the preview notice"
        onClick={() => {
          sessionStorage.setItem(DISMISSED, key);
          setDismissed(true);
        }}
      >
        ×
      </button>
    </aside>
  );
}
