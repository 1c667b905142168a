// One record per page, whichever copy of this module a remote bundled.
const registry = globalThis as Record<symbol, Set<string>>;
const ADOPTED = Symbol.for("shop.adoptedStyles");
registry[ADOPTED] ??= new Set();
const adopted: Set<string> = registry[ADOPTED];

/**
 * Adds a remote's own stylesheet once per page, whichever of its modules renders first: the team
 * that owns the markup owns its CSS, and the shell only provides the shared basics. It is a
 * constructed stylesheet, not a `<style>` element: the page's Content-Security-Policy allows no
 * inline style elements, and stylesheets built by the page's own scripts are not inline markup.
 */
export function injectStyles(id: string, css: string) {
  if (typeof document === "undefined" || adopted.has(id)) return;
  // A page the edge rendered carries the remote's stylesheet (`data-styles="<app>"`) already.
  if (document.querySelector(`[data-styles="${id}"]`)) {
    adopted.add(id);
    return;
  }
  const sheet = new CSSStyleSheet();
  sheet.replaceSync(css);
  document.adoptedStyleSheets = [...document.adoptedStyleSheets, sheet];
  adopted.add(id);
}
