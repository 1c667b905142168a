// Where the edge sends a browser back to after a form: a path of this shop only. A path is resolved
// as a browser would resolve it (`/.//evil.example` becomes `//evil.example`, another host), and
// only then checked, so no spelling of another origin passes.
const SENTINEL = "http://shop.invalid";

/** The path normalised as a browser resolves it, or undefined when it could lead off the shop. */
export function shopPath(value: string): string | undefined {
  if (!value.startsWith("/") || /[\s\\]/.test(value)) return undefined;
  let url: URL;
  try {
    url = new URL(value, SENTINEL);
  } catch {
    return undefined;
  }
  if (url.origin !== SENTINEL || url.pathname.startsWith("//")) return undefined;
  return `${url.pathname}${url.search}`;
}
