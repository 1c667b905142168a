// The edge-render protocol: what the edge asks a remote version's server bundle, and what it answers.
// Declared once, here: the edge (edge-api/src/delivery/edge-render) and every server bundle
// (@shop/federation/edge) read the same types and markers.

/** An API answer as a remote's code sees it, at the edge or in the browser (the document inlines the ones a render used). */
export interface ApiAnswer<T = unknown> {
  status: number;
  body: T;
}

/** One area the edge asks a server bundle for: an exposed module and its props. */
export interface AreaRequest {
  module: string;
  props?: unknown;
}

/** Another remote's module an area left for its own remote to render, by the slot's id. */
export interface AreaSlot {
  id: string;
  module: string;
  props: unknown;
}

/** What came of it: the area's HTML, the answers it used and the slots it left, or why it could not render. */
export type AreaResult = { html: string; answers: Record<string, ApiAnswer>; slots: AreaSlot[] } | { error: string };

/** A server bundle's entry, as the edge calls it over RPC. */
export interface AreaRenderer {
  render(areas: AreaRequest[], url: string, api: unknown): Promise<AreaResult[]>;
}

/** The attribute of the `<template>` that stands for a slot in an area's HTML, until the edge fills it. */
export const SLOT_ATTRIBUTE = "data-shop-slot";

/**
 * A page of islands (the page table's `islands`): the element the edge wraps each island's HTML in,
 * with `data-module`, `data-props` (JSON), `data-load` (IslandLoad) and `data-empty` when its HTML is
 * not the edge's render (the edge could not render it, or its code failed and its <noscript> parts
 * were shown): the browser renders it then, instead of hydrating; and the inlined config
 * naming the shell's islands host (its `./islands` files).
 */
export const ISLAND_TAG = "shop-island";
/**
 * On a link in an island that its code makes a button opening something (the mini cart's drawer):
 * a click before the code runs waits for it, instead of following the link (which it does if the
 * code cannot load). Other links go where they point at once.
 */
export const OPENS_ATTRIBUTE = "data-opens";
export const ISLANDS_CONFIG_ELEMENT_ID = "shop-islands";
/** The islands config: the shell's islands host's files, and whether a QA preview is on (its notice is the host's). */
export interface IslandsConfig {
  host: string[];
  preview?: boolean;
}

/**
 * React's markers around a Suspense boundary in server HTML: a boundary rendered on the server, its
 * end, and one the browser renders itself (its error digest in a template). Checked against the
 * react-dom the apps build with (REACT_BOUNDARY_CHECKED_WITH) by @shop/federation's test
 * (edge-markers.test.tsx): upgrading react-dom fails it until the markers are checked again.
 */
export const REACT_BOUNDARY_CHECKED_WITH = "19.3.1";
export const REACT_BOUNDARY = { open: "<!--$-->", close: "<!--/$-->", clientRendered: '<!--$!--><template data-dgst=""></template>' } as const;

const literally = (text: string) => text.replace(/[.*+?^${}()|[\]\\]/g, "\\$&");

/** Every slot in an area's HTML as React writes it: its boundary around the `<template>`, whose content (its loading markup) is captured. */
export const slotBoundaries = () =>
  new RegExp(`${literally(REACT_BOUNDARY.open)}<template ${SLOT_ATTRIBUTE}="[^"]*">([\\s\\S]*?)</template>${literally(REACT_BOUNDARY.close)}`, "g");
