/**
 * Injects a remote's own stylesheet once per page, whichever of its modules renders first: the team
 * that owns the markup owns its CSS, and the shell only provides the shared basics.
 */
export function injectStyles(id: string, css: string) {
  if (typeof document === "undefined" || document.getElementById(id)) return;
  const style = document.createElement("style");
  style.id = id;
  style.textContent = css;
  document.head.appendChild(style);
}
