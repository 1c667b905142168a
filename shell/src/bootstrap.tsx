import { confirmExposuresToEdge, registerRemotesFromDocument } from "@shop/federation";
import { BrowserRouter } from "@shop/router";
import { StrictMode, startTransition } from "react";
import { createRoot, hydrateRoot } from "react-dom/client";
import App from "./App";

registerRemotesFromDocument();
confirmExposuresToEdge();

const root = document.getElementById("root")!;
const page = (
  <StrictMode>
    <BrowserRouter>
      <App />
    </BrowserRouter>
  </StrictMode>
);

// The edge rendered this page (its areas' HTML is already here): the browser takes it over as it
// is. An area the edge left to the browser arrives as a boundary React renders itself, which it
// reports as recoverable; that is expected, anything else is a real mismatch and is said.
if (root.dataset.rendered !== undefined) {
  // As a transition, React hydrates in slices and lets the page answer between them, instead of in
  // one long task; the page is already painted and its links and forms work meanwhile.
  startTransition(() => {
    hydrateRoot(root, page, {
      onRecoverableError: (error, info) => {
        if (!isLeftToBrowser(error)) console.error("hydration", error, info.componentStack);
      },
    });
  });
} else {
  createRoot(root).render(page);
}

function isLeftToBrowser(error: unknown) {
  const message = error instanceof Error ? error.message : String(error);
  return /Switched to client rendering|#419\b/.test(message);
}
