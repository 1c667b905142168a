import { useScripted } from "@shop/federation";
import { Link, useLocation, useNavigate } from "@shop/router";
import { useEffect, useState } from "react";
import { dropFromWishlist, fetchWishlist, keepInWishlist } from "./api";
import { signInToKeep } from "./intention";
import { ensureSession, useSession } from "./session";
import { injectAccountStyles } from "./styles";

/** The wishlist's slugs, loaded once per page for every heart on it. */
let loadingSlugs: Promise<void> | undefined;
function loadWishlistSlugs() {
  loadingSlugs ??= fetchWishlist().then(
    (list) => useSession.setState({ wishlist: new Set(list.items.map((i) => i.product.slug)) }),
    () => {
      loadingSlugs = undefined;
    },
  );
  return loadingSlugs;
}

/** The heart on product cards and pages (the catalog renders it through federation). */
export default function WishlistHeart({ slug, name }: { slug: string; name: string }) {
  // The same for every visitor at the edge (a listing's hearts are cached with it): the shopper's
  // own state shows once scripts run.
  const stored = useSession((s) => s.profile);
  const profile = useScripted() ? stored : undefined;
  const wishlist = useSession((s) => s.wishlist);
  const [announcement, setAnnouncement] = useState("");
  const { pathname, search } = useLocation();
  const navigate = useNavigate();
  injectAccountStyles();
  // biome-ignore lint/correctness/useExhaustiveDependencies: the shopper's wishlist is loaded again when they sign in or out
  useEffect(() => {
    void ensureSession().then(() => {
      const { profile: signedIn, wishlist: known } = useSession.getState();
      if (!signedIn) loadingSlugs = undefined;
      else if (!known) void loadWishlistSlugs();
    });
  }, [profile]);
  const kept = wishlist?.has(slug) ?? false;
  if (profile === null) {
    return (
      // Signing in keeps it, and brings the shopper back here (intention.ts).
      <Link className="wishlist-heart" to={signInToKeep(slug, `${pathname}${search}`)} aria-label={`Sign in to keep ${name} in a wishlist`}>
        ♡
      </Link>
    );
  }
  const toggle = async () => {
    const before = useSession.getState().wishlist;
    const wasKept = before?.has(slug) ?? false;
    const next = new Set(before);
    if (wasKept) next.delete(slug);
    else next.add(slug);
    useSession.setState({ wishlist: next });
    try {
      await (wasKept ? dropFromWishlist(slug) : keepInWishlist(slug));
      setAnnouncement(wasKept ? `${name} removed from your wishlist` : `${name} added to your wishlist`);
    } catch {
      useSession.setState({ wishlist: before });
      setAnnouncement("The wishlist could not be changed; please try again.");
    }
  };
  // A tap before the shopper is known (the page's first moments) waits for it, then does what it would have.
  const tap = async () => {
    if (profile !== undefined) return toggle();
    await ensureSession();
    if (!useSession.getState().profile) return navigate(signInToKeep(slug, `${pathname}${search}`));
    await loadWishlistSlugs();
    return toggle();
  };
  return (
    <>
      <button type="button" className="wishlist-heart" aria-pressed={kept} aria-label={`Keep ${name} in your wishlist`} onClick={() => void tap()}>
        {kept ? "♥" : "♡"}
      </button>
      <span className="visually-hidden" role="status">
        {announcement}
      </span>
    </>
  );
}
