import { ISLAND_TAG } from "@shop/contracts/browser";
import { focusInto, forgetRemote, loadRemoteModule, onRemoteLoaded, pinnedRemotes, registerRemotesFromDocument, reportFailureToEdge } from "@shop/federation";
import { type ComponentType, type ReactNode, StrictMode, useEffect, useState } from "react";
import { createRoot, hydrateRoot } from "react-dom/client";
import { PreviewNotice } from "../PreviewNotice";
import { IslandRouter } from "./IslandRouter";
import type { HeldAction } from "./protocol";

// The islands host: loaded by the loader when the page's first island is needed. Each island is
// its remote's module (the visitor's version of it, through the federation runtime) hydrated on
// its own root from the HTML and answers the edge sent; nothing else on the page hydrates.

registerRemotesFromDocument();
const page = window.shopIslands!;
/** Each island's hydration once started: whether its code loaded. */
const hydrations = new WeakMap<HTMLElement, Promise<boolean>>();

/** Shown at the end of the page, on a root of its own (a notice). */
function showApart(notice: ReactNode) {
  const place = document.createElement("div");
  document.body.append(place);
  createRoot(place).render(notice);
}

// A QA preview says so on every page, as the application does.
if (pinnedRemotes().length > 0) showApart(<PreviewNotice />);

page.wake = (island) => void wake(island);
for (const island of page.woken) void wake(island);
page.woken = [];

// Code of a remote has loaded (for an island, or an area inside one): its islands that hydrate with it do now.
onRemoteLoaded((remote) => {
  for (const island of document.querySelectorAll<HTMLElement>(`${ISLAND_TAG}[data-load="with-its-remote"]`)) {
    if (island.dataset.module?.startsWith(`${remote}/`)) void wake(island);
  }
});

function wake(island: HTMLElement): Promise<boolean> {
  let hydration = hydrations.get(island);
  if (!hydration) {
    island.dataset.island = "waking";
    hydration = hydrate(island);
    hydrations.set(island, hydration);
  }
  return hydration;
}

async function hydrate(island: HTMLElement): Promise<boolean> {
  const module = island.dataset.module ?? "";
  let Island: ComponentType<Record<string, unknown>>;
  try {
    Island = await loadRemoteModule(module);
  } catch (err) {
    console.error("island kept its edge HTML", module, err);
    reportFailureToEdge(module, "load");
    keepHtml(island);
    return false;
  }
  const props = JSON.parse(island.dataset.props ?? "{}") as Record<string, unknown>;
  const tree = (
    <StrictMode>
      <IslandRouter>
        <Island {...props} />
        <Live island={island} />
      </IslandRouter>
    </StrictMode>
  );
  // The edge could not render it: the browser does, now.
  if (island.hasAttribute("data-empty")) {
    island.replaceChildren();
    createRoot(island).render(tree);
  } else {
    hydrateRoot(island, tree, {
      onRecoverableError: (error, info) => console.error("island hydration", module, error, info.componentStack),
    });
  }
  return true;
}

/** Marks the island live once it and every area inside it run (or kept their HTML), then gives it what it was sent meanwhile. */
function Live({ island }: { island: HTMLElement }) {
  useEffect(() => {
    void areasSettled(island).then(async () => {
      island.dataset.island = "live";
      const held = page.held.filter((action) => action.island === island);
      page.held = page.held.filter((action) => action.island !== island);
      // One at a time, each after React has rendered what the one before changed (a quantity chosen, then Add to cart).
      for (const action of held) {
        replay(action);
        await new Promise((rendered) => setTimeout(rendered, 0));
      }
    });
  }, [island]);
  return null;
}

const SETTLED = ".remote-area:not([data-live]):not([data-kept-html])";
const SETTLE_AT_MOST_MS = 10_000;

function areasSettled(island: HTMLElement): Promise<void> {
  return new Promise((resolve) => {
    if (!island.querySelector(SETTLED)) return resolve();
    const observer = new MutationObserver(() => {
      if (island.querySelector(SETTLED)) return;
      observer.disconnect();
      resolve();
    });
    observer.observe(island, { subtree: true, attributes: true, attributeFilter: ["data-live", "data-kept-html"] });
    setTimeout(() => {
      observer.disconnect();
      resolve();
    }, SETTLE_AT_MOST_MS);
  });
}

function replay(action: HeldAction) {
  const { target } = action;
  if (!target.isConnected) return;
  if (action.kind === "submit") (target as HTMLFormElement).requestSubmit();
  else if (action.kind === "click") target.click();
  else if (action.kind === "value") giveValue(target as HTMLInputElement, action.value, action.checked);
  else if (action.kind === "message") {
    // Said again on a fresh channel, whose messages reach this tab's listeners too.
    const channel = new BroadcastChannel(action.channel);
    channel.postMessage(action.data);
    channel.close();
  }
}

/**
 * A field's value the shopper set before the island ran, given to its code as a change. React
 * hears a change only when the field's value differs from the one it last saw (hydration read the
 * page's): it is first told the field holds another (its own setter), then the field gets the
 * shopper's value as the browser gives it (a click, or the platform's setter and an input event).
 */
function giveValue(field: HTMLInputElement, value: string, checked: boolean) {
  if (field.type === "checkbox" || field.type === "radio") {
    if (field.type === "radio" && !checked) return; // another radio of its group was chosen: that one is held
    field.checked = !checked;
    field.click();
    return;
  }
  field.value = value === "" ? " " : "";
  Object.getOwnPropertyDescriptor(Object.getPrototypeOf(field) as object, "value")?.set?.call(field, value);
  field.dispatchEvent(new Event("input", { bubbles: true }));
  field.dispatchEvent(new Event("change", { bubbles: true }));
}

// Islands whose code could not load: their HTML stays, working as without JavaScript (what they
// were sent meanwhile happens so), and one notice says so, with a Retry.
const kept = new Set<HTMLElement>();
let noticeMounted = false;
/** Shows the notice again (another island kept its HTML after the last ones came back). */
let showNoticeAgain: (() => void) | undefined;

function keepHtml(island: HTMLElement) {
  page.giveUp(island);
  kept.add(island);
  if (noticeMounted) return showNoticeAgain?.();
  noticeMounted = true;
  showApart(<KeptHtmlNotice />);
}

/** Tries every kept island's code again: whether all of them run now (the first of them, for the focus). */
async function retryKept(): Promise<{ back: boolean; first?: HTMLElement }> {
  const islands = [...kept];
  kept.clear();
  const loaded = await Promise.all(
    islands.map((island) => {
      forgetRemote(island.dataset.module ?? "");
      hydrations.delete(island);
      delete island.dataset.island;
      return wake(island);
    }),
  );
  return { back: loaded.every(Boolean), first: islands[0] };
}

/**
 * Says that islands keep their HTML, with a Retry: while it tries, the button stays (and keeps the
 * focus); when they run again the notice goes and the focus moves into the first of them.
 */
function KeptHtmlNotice() {
  const [state, setState] = useState<"kept" | "trying" | "still down" | "back">("kept");
  useEffect(() => {
    showNoticeAgain = () => setState((now) => (now === "back" ? "kept" : now));
  }, []);
  if (state === "back") return null;
  const retry = async () => {
    if (state === "trying") return;
    setState("trying");
    const { back, first } = await retryKept();
    setState(back ? "back" : "still down");
    if (back && first) focusInto(first);
  };
  return (
    <div className="remote-notice" data-remote-notice="islands" role="status">
      <span>Part of this page is not fully working right now: links and forms still do.</span>
      <button type="button" aria-disabled={state === "trying"} onClick={() => void retry()}>
        {state === "trying" ? "Trying…" : "Retry"}
      </button>
      {state === "still down" && <span>Still unavailable.</span>}
    </div>
  );
}
