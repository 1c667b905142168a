/** Focus the page's main heading: where a shopper goes on from when what they were on went away. */
export function focusPageHeading() {
  const heading = document.querySelector<HTMLElement>("main h1");
  if (!heading) return;
  heading.tabIndex = -1;
  heading.focus();
}
