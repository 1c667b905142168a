import { createPath, Router } from "@shop/router";
import { type ComponentProps, type ReactNode, useSyncExternalStore } from "react";

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
  push: (to) => location.assign(new URL(hrefOf(to), location.href)),
  replace: (to, state) => {
    history.replaceState(state ?? null, "", hrefOf(to));
    for (const listener of listeners) listener();
  },
};

export function IslandRouter({ children }: { children: ReactNode }) {
  // The URL the edge rendered the page for is the one the browser shows: hydration reads the same.
  const location = useSyncExternalStore(subscribe, current, current);
  return (
    <Router location={location} navigator={documentNavigator}>
      {children}
    </Router>
  );
}
