import { type ApiAnswer, OPENS_ATTRIBUTE, RENDERED_DATA_ELEMENT_ID } from "@shop/contracts/browser";
import { createContext, type KeyboardEvent, type MouseEvent, startTransition, use, useEffect, useState } from "react";

export type { ApiAnswer };

/** A remote module rendered inside an area by its own remote, which the edge fills in. */
export interface AreaSlot {
  module: string;
  props: unknown;
}

/** What an edge render gives the components it renders (absent in the browser). */
export interface EdgeRender {
  /** The answer to a same-origin `GET /api/…`, through the edge, once per URL per render. */
  answer(url: string): Promise<ApiAnswer>;
  /** Other remotes' modules this render left for their own remotes, by slot id. */
  slots: Map<string, AreaSlot>;
}

export const EdgeRenderContext = createContext<EdgeRender | null>(null);

interface InlinedAnswers {
  /** The page (path and query) they were rendered for. */
  page: string;
  answers: Record<string, ApiAnswer>;
}

let inlined: InlinedAnswers | null | undefined;

function documentAnswers(): InlinedAnswers | null {
  if (inlined !== undefined) return inlined;
  const element = typeof document === "undefined" ? null : document.getElementById(RENDERED_DATA_ELEMENT_ID);
  inlined = element?.textContent ? (JSON.parse(element.textContent) as InlinedAnswers) : null;
  return inlined;
}

/**
 * How long the browser takes the edge's answers as its own: the catalog's freshness bound (what the
 * edge itself would still serve). Hydration happens well within it; past it, data is loaded afresh.
 */
const INLINED_FOR_MS = 60_000;

/**
 * The answer the edge rendered this page from, while it is fresh enough to stand for a fetch. On a
 * page of islands, always: an island hydrates whenever the shopper first needs it, from the answers
 * its HTML shows (the page is a document, loaded afresh on every navigation).
 */
export function inlinedAnswer<T>(url: string): ApiAnswer<T> | undefined {
  if (typeof performance === "undefined" || (performance.now() > INLINED_FOR_MS && !islandsPage())) return undefined;
  return documentAnswers()?.answers[url] as ApiAnswer<T> | undefined;
}

const islandsPage = () => document.getElementById("root")?.hasAttribute("data-islands") ?? false;

/**
 * The data components render from, when it exists before they run: during an edge render the
 * answers (the render waits for them); in the browser the copies the document inlined, which the
 * first render of the edge's HTML (hydration) must use to come out the same, with no second fetch.
 * `undefined` means "load it as usual". One call, however many URLs (a listing's pages). Reading it
 * changes nothing and schedules nothing: a render after hydration would make React drop the edge's
 * HTML of areas still waiting for their code.
 */
export function useRenderedAnswers<T>(urls: string[]): Array<ApiAnswer<T> | undefined> {
  const edge = use(EdgeRenderContext);
  if (edge) return urls.map((url) => use(edge.answer(url)) as ApiAnswer<T>);
  return urls.map((url) => inlinedAnswer<T>(url));
}

export const useRenderedAnswer = <T>(url: string | null | undefined): ApiAnswer<T> | undefined => useRenderedAnswers<T>(url ? [url] : [])[0];

/**
 * False in the edge's HTML and while the browser hydrates it, true once the page's scripts run: for
 * controls only a page without JavaScript needs (a filter form's Apply button), which then go. The
 * switch is a transition, so React waits for areas still hydrating instead of dropping their HTML.
 */
export function useScripted(): boolean {
  const [scripted, setScripted] = useState(false);
  useEffect(() => startTransition(() => setScripted(true)), []);
  return scripted;
}

/**
 * The props of a link that scripts make a button opening a dialog (the mini cart, the Filters
 * button): without scripts it goes where it points; once they run, a tap or Space opens the dialog.
 * One element throughout, marked for the islands loader, so a tap made before its code runs opens it.
 */
export function useDialogOpener(open: boolean, onOpen: () => void) {
  const scripted = useScripted();
  return {
    [OPENS_ATTRIBUTE]: "dialog",
    ...(scripted && { role: "button", "aria-haspopup": "dialog" as const, "aria-expanded": open }),
    onClick: (event: MouseEvent) => {
      event.preventDefault();
      onOpen();
    },
    onKeyDown: (event: KeyboardEvent) => {
      if (event.key !== " ") return;
      event.preventDefault();
      onOpen();
    },
  };
}
