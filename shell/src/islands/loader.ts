import {
  CART_CHANGED,
  CONFIRM_EXPOSURES_META,
  ISLAND_TAG,
  ISLANDS_CONFIG_ELEMENT_ID,
  type IslandLoad,
  type IslandsConfig,
  OPENS_ATTRIBUTE,
} from "@shop/contracts/browser";
import { FOCUS_HANDOFF_KEY, type FocusHandOff, type HeldAction, type IslandsPage } from "./protocol";

// The islands loader, inlined in the head of a page of islands: the only script that runs before the
// shopper needs one. It loads nothing by itself. It wakes each island when its load says (the page
// table), asking once for the shell's islands host, which brings React, the federation runtime and
// the island's code; a click or a form's submission made on an island before its code runs is held
// and given to it once it is live, or, if its code cannot load, let happen as without JavaScript.

const page: IslandsPage = {
  woken: [],
  held: [],
  giveUp(island) {
    island.dataset.island = "failed";
    // The page no longer counts on scripts for what they would show (the filters' drawer).
    delete document.documentElement.dataset.scripted;
    // Without its code an island works as it does without JavaScript, which shows its <noscript>
    // parts (the filters' Apply button). Its HTML is then the edge's no more: a Retry renders it afresh.
    const hidden = island.querySelectorAll("noscript");
    for (const part of hidden) part.outerHTML = part.textContent ?? "";
    if (hidden.length > 0) island.setAttribute("data-empty", "");
    for (const action of page.held.filter((a) => a.island === island)) replayNatively(action);
    page.held = page.held.filter((a) => a.island !== island);
  },
};
window.shopIslands = page;
// Scripts run: what only they can show is offered (a drawer for the filters, instead of the page's own).
document.documentElement.dataset.scripted = "";

const asleep = (node: EventTarget | null): HTMLElement | null => {
  const island = node instanceof Element ? node.closest<HTMLElement>(ISLAND_TAG) : null;
  return island && !island.dataset.island ? island : null;
};

const config = JSON.parse(document.getElementById(ISLANDS_CONFIG_ELEMENT_ID)?.textContent ?? "{}") as IslandsConfig;

function wake(island: HTMLElement) {
  if (island.dataset.island) return;
  if (page.wake) return page.wake(island);
  island.dataset.island = "waking";
  page.woken.push(island);
  // Woken by a touch, the shopper waits for it; woken by being in view, nobody does.
  loadHost(island.dataset.load === "visible" ? "low" : "high");
}

let hostRequested = false;
function loadHost(priority: "low" | "high") {
  if (hostRequested) return;
  hostRequested = true;
  for (const src of config.host) {
    const script = document.createElement("script");
    script.src = src;
    script.fetchPriority = priority;
    // The islands woken so far work without their code; the next island touched asks again (the
    // network may be back), and until then nothing waits on a request that already failed.
    script.onerror = () => {
      script.remove();
      hostRequested = false;
      for (const woken of page.woken.splice(0)) page.giveUp(woken);
    };
    document.head.append(script);
  }
}

/** Without the island's code: a click and a submission happen as the HTML says; a value is already on the page. */
function replayNatively(action: HeldAction) {
  if (!action.target.isConnected) return;
  if (action.kind === "submit") (action.target as HTMLFormElement).submit();
  else if (action.kind === "click") action.target.click();
}

// A touch of any kind wakes an island that waits for interaction: a pointer over it (a head start
// of the hover), pressed on it, or the keyboard's focus on it.
for (const type of ["pointerover", "pointerdown", "focusin"]) {
  document.addEventListener(
    type,
    (event) => {
      const island = asleep(event.target);
      // Only what waits to be in view does not wake at a touch (the mini cart does: it may be opened).
      if (island && island.dataset.load !== "visible") wake(island);
    },
    { capture: true, passive: true },
  );
}

// Held until the island is live: a link still goes where it points, everything else waits for the code.
document.addEventListener(
  "click",
  (event) => {
    const target = event.target as Element;
    const island = asleep(target) ?? waking(target);
    // A link goes where it points, unless its island's code makes it open something.
    if (!island || target.closest(`a[href]:not([${OPENS_ATTRIBUTE}])`)) return;
    // A box or a radio turns as it would (its new state is held as a value, below).
    if (isToggle(target) || isToggle(target.closest("label")?.control ?? null)) return wake(island);
    event.preventDefault();
    event.stopPropagation();
    page.held.push({ island, target: target as HTMLElement, kind: "click" });
    wake(island);
  },
  true,
);
document.addEventListener(
  "submit",
  (event) => {
    const island = asleep(event.target) ?? waking(event.target as Element);
    if (!island) return;
    event.preventDefault();
    page.held.push({ island, target: event.target as HTMLElement, kind: "submit" });
    wake(island);
  },
  true,
);

// A field changed without a click (a list's choice, typing, a key on a radio group): its value is kept.
for (const type of ["input", "change"]) {
  document.addEventListener(
    type,
    (event) => {
      const target = event.target as HTMLInputElement;
      const island = asleep(target) ?? waking(target);
      if (!island) return;
      page.held = page.held.filter((a) => !(a.kind === "value" && a.target === target));
      page.held.push({ island, target, kind: "value", value: target.value, checked: target.checked });
      wake(island);
    },
    true,
  );
}

const isToggle = (node: Element | null) => node instanceof HTMLInputElement && (node.type === "checkbox" || node.type === "radio");

function waking(node: Element): HTMLElement | null {
  const island = node.closest<HTMLElement>(ISLAND_TAG);
  return island?.dataset.island === "waking" ? island : null;
}

const visible = new IntersectionObserver(
  (entries) => {
    for (const entry of entries) {
      if (!entry.isIntersecting) continue;
      visible.unobserve(entry.target);
      const island = asleep(entry.target);
      if (island) wake(island);
    }
  },
  { rootMargin: "200px" },
);
// An island is an element without a box of its own (`display: contents`): its first element is watched.
function watchVisibleIslands() {
  for (const island of document.querySelectorAll<HTMLElement>(ISLAND_TAG)) {
    if ((island.dataset.load as IslandLoad) === "visible") visible.observe(island.firstElementChild ?? island);
  }
}
// Watched once the page has loaded and the browser is idle: an island in view never competes with
// what the first paint needs (the islands are there by then too).
// A QA preview's notice is the host's: a pinned session loads it then too.
const whenIdle = () => {
  watchVisibleIslands();
  if (config.preview) loadHost("low");
};
const afterLoad = () => ("requestIdleCallback" in window ? requestIdleCallback(whenIdle, { timeout: 2000 }) : setTimeout(whenIdle, 200));
if (document.readyState === "complete") afterLoad();
else addEventListener("load", afterLoad, { once: true });

// Another tab changed the cart: the cart's islands that come with their remote (the mini cart) wake,
// and hear of it once they run, as a click is held for them.
if ("BroadcastChannel" in window) {
  new BroadcastChannel(CART_CHANGED).onmessage = ({ data }) => {
    for (const island of document.querySelectorAll<HTMLElement>(`${ISLAND_TAG}[data-load="with-its-remote"][data-module^="cart/"]`)) {
      if (island.dataset.island === "live") continue;
      page.held.push({ island, target: island, kind: "message", channel: CART_CHANGED, data });
      wake(island);
    }
  };
}

// Focus where the shopper left it: a change made on this page by an island (a filter, a chip taken
// off) is a new document, whose focus goes to the same control or the one the island named (else the
// heading). (A page opened at a link's id, as Load more does, focuses it by itself.)
addEventListener("DOMContentLoaded", () => {
  // Only a page of this shop hands the focus on: arriving from elsewhere, storage is not even opened.
  if (!document.referrer.startsWith(`${location.origin}/`)) return;
  // Storage may be off, and what it holds is not trusted to be a selector: nothing is focused then.
  try {
    const handOff = JSON.parse(sessionStorage.getItem(FOCUS_HANDOFF_KEY) ?? "null") as FocusHandOff | null;
    sessionStorage.removeItem(FOCUS_HANDOFF_KEY);
    if (handOff?.url !== location.pathname + location.search) return;
    const target = document.querySelector<HTMLElement>(handOff.selector) ?? document.querySelector("h1");
    if (target?.localName === "h1") target.tabIndex = -1;
    target?.focus();
  } catch {}
});

// A page shown from its prerender is there at once: the cross-fade (shell.css) is for pages that
// still had to load, and here it would only hold the finished page back (~100–150 ms of its LCP).
addEventListener("pagereveal", (event) => {
  const navigation = performance.getEntriesByType("navigation")[0] as PerformanceNavigationTiming & { activationStart?: number };
  const reveal = event as Event & { viewTransition?: { skipTransition(): void } | null };
  if (reveal.viewTransition && (navigation?.activationStart ?? 0) > 0) reveal.viewTransition.skipTransition();
});

// The document exposed this visitor to an experiment's variant: a page that ran says so (a
// prerendered one only once it is shown), so the exposure counts for the guardrail.
function confirmExposures() {
  if (document.querySelector(`meta[name="${CONFIRM_EXPOSURES_META}"]`))
    void fetch("/api/delivery/exposures", { method: "POST", keepalive: true }).catch(() => {});
}
if ((document as Document & { prerendering?: boolean }).prerendering) document.addEventListener("prerenderingchange", confirmExposures, { once: true });
else confirmExposures();
