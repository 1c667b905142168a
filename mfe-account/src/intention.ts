import { keepInWishlist } from "./api";

// What a guest asked for that needs an account (a heart tapped on a product) travels in the link to
// the sign-in page (`?keep=<slug>&back=<path>`) and is done once they are in, so a tap is never lost.

const KEEP = "keep";
const BACK = "back";

/** The sign-in link that keeps `slug` in the wishlist once the shopper is in, then brings them back to `back`. */
export const signInToKeep = (slug: string, back: string) => `/account?${new URLSearchParams({ [KEEP]: slug, [BACK]: back })}`;

/** A path of this shop only (never `//host` or `/\\host`). */
const localPath = (path: string | null) => (path && /^\/(?![/\\])/.test(path) ? path : null);

/** The intention a sign-in or registration page was opened with, if any: something to keep, somewhere to go back to, or both. */
export function intentionOf(params: URLSearchParams): { keep: string | null; back: string | null } | null {
  const keep = params.get(KEEP) || null;
  const back = localPath(params.get(BACK));
  return keep || back ? { keep, back } : null;
}

/** The query that carries the intention on to another account page (sign-in → registration). */
export const carried = (params: URLSearchParams) => {
  const intention = intentionOf(params);
  return intention ? `?${new URLSearchParams({ ...(intention.keep && { [KEEP]: intention.keep }), ...(intention.back && { [BACK]: intention.back }) })}` : "";
};

/** Once signed in: does what the guest asked for, and says where to go next (back where they were, or `otherwise`). */
export async function fulfil(params: URLSearchParams, otherwise: string): Promise<string> {
  const intention = intentionOf(params);
  if (!intention) return otherwise;
  if (intention.keep) await keepInWishlist(intention.keep).catch(() => {});
  return intention.back ?? (intention.keep ? "/account/wishlist" : otherwise);
}
