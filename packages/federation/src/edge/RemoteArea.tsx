import { SLOT_ATTRIBUTE } from "@shop/contracts/browser";
import { Suspense, use, useId } from "react";
import type { RemoteAreaProps } from "../RemoteArea";
import { EdgeRenderContext } from "../rendered-data";

/**
 * A remote's module inside this area, at the edge: its own remote renders it, so here is only a
 * slot, inside the same Suspense boundary the browser's RemoteArea has. The edge puts that remote's
 * HTML in its place (the browser hydrates it when the remote's code arrives), or, when the remote
 * cannot render it in time, the loading markup in a boundary the browser renders itself.
 */
export function RemoteArea<P extends object>({ module, loading = null, props }: RemoteAreaProps<P>) {
  const id = useId();
  const edge = use(EdgeRenderContext);
  edge?.slots.set(id, { module, props: props ?? {} });
  return (
    <div className="remote-area">
      <Suspense fallback={loading}>
        <template {...{ [SLOT_ATTRIBUTE]: id }}>{loading}</template>
      </Suspense>
    </div>
  );
}
