import { createPath, Router } from "@shop/router";
import { type ComponentProps, type ReactNode, useSyncExternalStore } from "react";
import { FOCUS_HANDOFF_KEY, type FocusHandOff } from "./protocol";

// An island's router. The page is the edge's document, not an application: going to another page
// is a document navigation (made instant by speculation rules), and a change of the URL in place
// (a variant chosen: `?sku=`) is told to every island on the page.

type Navigator = ComponentProps<typeof Router>["navigator"];
type To = Parameters<Navigator["push"]>[0];

const listeners = new Set<() => void>();
const subscribe = (listener: () => void) => {
  listeners.add(listener);
  return () => listeners.delete(listener);
};
const current = () => `${location.pathname}${location.search}${location.hash}`;
const hrefOf = (to: To) => (typeof to === "string" ? to : createPath(to));

const documentNavigator: Navigator = {
  createHref: hrefOf,
  go: (delta) => history.go(delta),
  push: (to, state) => {
    const url = new URL(hrefOf(to), location.href);
    if (url.pathname === location.pathname) handOffFocus(url, state);
    location.assign(url);
  },
  replace: (to, state) => {
    history.replaceState(state ?? null, "", hrefOf(to));
    for (const listener of listeners) listener();
  },
};

/**
 * A change on the same page (a filter, the sort) is a new document: the focus goes on there from the
 * control it was on, or the one the island names (`navigate(to, { state: { focus: selector } })`).
 */
function handOffFocus(url: URL, state: unknown) {
  const selector = (state as { focus?: string } | null)?.focus ?? selectorOf(document.activeElement);
  if (!selector) return;
  const handOff: FocusHandOff = { url: url.pathname + url.search, selector };
  try {
    sessionStorage.setItem(FOCUS_HANDOFF_KEY, JSON.stringify(handOff));
  } catch {}
}

/** A selector that finds the same control on the next document: by its id, or its name (and value, for a choice). */
function selectorOf(element: Element | null): string | undefined {
  if (!element || element === document.body) return undefined;
  if (element.id) return `#${CSS.escape(element.id)}`;
  const name = element.getAttribute("name");
  if (!name) return undefined;
  const choice = element instanceof HTMLInputElement && (element.type === "checkbox" || element.type === "radio");
  return `${element.localName}[name="${CSS.escape(name)}"]${choice ? `[value="${CSS.escape(element.value)}"]` : ""}`;
}

export function IslandRouter({ children }: { children: ReactNode }) {
  // The URL the edge rendered the page for is the one the browser shows: hydration reads the same.
  const location = useSyncExternalStore(subscribe, current, current);
  return (
    <Router location={location} navigator={documentNavigator}>
      {children}
    </Router>
  );
}
