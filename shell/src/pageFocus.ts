import { useLocation } from "@shop/router";
import { useEffect, useRef } from "react";

/** `Clothing | Edge Shop`; a heading with `data-page-title` names the page itself (`""`: the shop's name alone). */
function titleOf(heading: HTMLElement, storeName: string): string {
  const name = (heading.dataset.pageTitle ?? heading.textContent ?? "").trim();
  return name ? `${name} | ${storeName}` : storeName;
}

/**
 * The convention every page of every remote follows: its main heading is the one `<h1>` in `<main>`.
 * The shell makes it the document title (following it as the page fills in), and after each in-app
 * page change it moves focus there, so a screen reader says where the shopper is and Tab goes on
 * from the top of the new page, not from wherever the old one was. A shopper who has already moved
 * into the new page keeps their place.
 */
export function usePageFocusAndTitle(storeName: string) {
  const { pathname } = useLocation();
  const firstPage = useRef(true);
  // biome-ignore lint/correctness/useExhaustiveDependencies: each new page (path) gets its heading focused and its title followed
  useEffect(() => {
    const main = document.getElementById("main");
    if (!main) return;
    let focusPending = !firstPage.current;
    firstPage.current = false;
    const follow = () => {
      const heading = main.querySelector<HTMLElement>("h1");
      if (!heading) return;
      const title = titleOf(heading, storeName);
      if (document.title !== title) document.title = title;
      if (!focusPending) return;
      focusPending = false;
      const active = document.activeElement;
      if (active && active !== main && main.contains(active)) return;
      heading.tabIndex = -1;
      // The scroll is the shell's scroll places' (top for a new page, the old place on Back).
      heading.focus({ preventScroll: true });
    };
    const observer = new MutationObserver(follow);
    observer.observe(main, { childList: true, subtree: true, characterData: true });
    follow();
    return () => observer.disconnect();
  }, [pathname, storeName]);
}
