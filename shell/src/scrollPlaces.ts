import { useLocation, useNavigationType } from "@shop/router";
import { useEffect, useLayoutEffect, useRef } from "react";

// Where the shopper was on each page of this tab's history (by history entry), so Back and Forward
// return there once the page has its content again, and a new page starts at its top. The browser's
// own restoration runs before an in-app page has re-rendered (a listing with three pages loaded is
// one screen high for a moment), so it is off.
const KEY = "shop-scroll-places";
const places: Record<string, number> = readPlaces();

function readPlaces(): Record<string, number> {
  try {
    return JSON.parse(sessionStorage.getItem(KEY) ?? "{}") as Record<string, number>;
  } catch {
    return {};
  }
}

/** How long a returning page may take to be tall enough to scroll back to where the shopper was. */
const RESTORE_FOR_MS = 3000;

function scrollBackTo(y: number) {
  const started = performance.now();
  const attempt = () => {
    const reachable = document.documentElement.scrollHeight - innerHeight >= y;
    window.scrollTo(0, y);
    if (!reachable && performance.now() - started < RESTORE_FOR_MS) observer.observe(document.body, { childList: true, subtree: true });
    else observer.disconnect();
  };
  const observer = new MutationObserver(() => {
    observer.disconnect();
    requestAnimationFrame(attempt);
  });
  attempt();
  setTimeout(() => observer.disconnect(), RESTORE_FOR_MS);
}

const reloaded = () => (performance.getEntriesByType("navigation")[0] as PerformanceNavigationTiming | undefined)?.type === "reload";

/**
 * The shell's scroll places: Back and Forward (and a reload) go back to where the shopper was,
 * waiting for the page to be tall enough again; a new page (another path) starts at its top; a
 * change within a page (a filter, Load more, a variant) leaves the scroll where it is.
 */
export function useScrollPlaces() {
  const location = useLocation();
  const navigation = useNavigationType();
  const shown = useRef<{ key: string; pathname: string } | null>(null);
  useEffect(() => {
    if ("scrollRestoration" in history) history.scrollRestoration = "manual";
    // Each scroll is the place of the entry shown at that moment (switched before a new page scrolls,
    // so the old page's place is never overwritten by the new page's start or the browser's clamp).
    let saving = 0;
    const remember = () => {
      if (!shown.current) return;
      places[shown.current.key] = Math.round(scrollY);
      clearTimeout(saving);
      saving = window.setTimeout(() => sessionStorage.setItem(KEY, JSON.stringify(places)), 200);
    };
    addEventListener("scroll", remember, { passive: true });
    return () => {
      removeEventListener("scroll", remember);
      clearTimeout(saving);
    };
  }, []);
  useLayoutEffect(() => {
    const previous = shown.current;
    shown.current = { key: location.key, pathname: location.pathname };
    // The document's first page: the browser's own place, unless this is a reload of a place we know.
    if (!previous) {
      if (reloaded() && places[location.key] !== undefined) scrollBackTo(places[location.key]!);
      return;
    }
    if (navigation === "POP") scrollBackTo(places[location.key] ?? 0);
    else if (previous.pathname !== location.pathname) window.scrollTo(0, 0);
  }, [location.key, location.pathname, navigation]);
}
