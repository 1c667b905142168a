// What the islands loader (inlined into the document) and the islands host (loaded at the first
// island's need) share, on `window.shopIslands`. Both are the shell's, built together.

/**
 * What an island received before its code ran, given to it once it is live: a click, a form's
 * submission, a field's new value (a choice in a list, text typed: the page already shows it, its
 * code must hear of it), or a message between remotes (another tab changed the cart).
 */
export type HeldAction = { island: HTMLElement; target: HTMLElement } & (
  | { kind: "click" | "submit" }
  | { kind: "value"; value: string; checked: boolean }
  | { kind: "message"; channel: string; data: unknown }
);

export interface IslandsPage {
  /** Islands woken before the host arrived, in order. */
  woken: HTMLElement[];
  held: HeldAction[];
  /** Set by the host: hydrates an island (at once, or once its code is in). */
  wake?: (island: HTMLElement) => void;
  /** Set by the loader: the host could not load, or an island's code could not; its held actions run as without JavaScript. */
  giveUp: (island: HTMLElement) => void;
}

declare global {
  interface Window {
    shopIslands?: IslandsPage;
  }
}

/** An island's state, on its element (`data-island`): absent while asleep. */
export type IslandState = "waking" | "live" | "failed";

/**
 * Where the focus goes on the document an island navigates to on the same page (a filter chosen):
 * kept in session storage for that URL (path and query), the control's CSS selector.
 */
export const FOCUS_HANDOFF_KEY = "shop:focus";
export interface FocusHandOff {
  url: string;
  selector: string;
}
