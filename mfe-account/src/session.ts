import type { Profile } from "@shop/contracts";
import { create } from "zustand";
import { ApiRequestError } from "@shop/contracts/browser";
import { fetchProfile, fetchSession, signOut } from "./api";

interface SessionStore {
  /** undefined: not known yet; null: a guest. */
  profile: Profile | null | undefined;
  /** Slugs in the wishlist, for the hearts on product cards (loaded once per page for a signed-in shopper). */
  wishlist: Set<string> | undefined;
  load: () => Promise<void>;
  signedIn: () => Promise<void>;
  signOut: () => Promise<void>;
}

/**
 * The cart follows the session (a guest cart joins the user's at sign-in; sign-out leaves a fresh
 * one): the cart remote's store listens on this channel and reloads.
 */
function tellTheCart() {
  if (typeof BroadcastChannel === "undefined") return;
  const channel = new BroadcastChannel("shop-cart");
  channel.postMessage({ version: -1 });
  channel.close();
}

/** One session store per page: the header menu, the account pages and the hearts share it. */
export const useSession = create<SessionStore>((set) => ({
  profile: undefined,
  wishlist: undefined,
  load: async () => {
    // A guest's answer is a 200 with null, so a guest's console shows no failed request.
    if (!(await fetchSession())) return set({ profile: null, wishlist: undefined });
    try {
      set({ profile: await fetchProfile() });
    } catch (err) {
      if (err instanceof ApiRequestError && err.status === 401) set({ profile: null, wishlist: undefined });
      else throw err;
    }
  },
  signedIn: async () => {
    set({ profile: await fetchProfile(), wishlist: undefined });
    tellTheCart();
  },
  signOut: async () => {
    await signOut();
    set({ profile: null, wishlist: undefined });
    tellTheCart();
  },
}));

let loading: Promise<void> | undefined;
/** Loads the session once per page, whoever asks first. */
export function ensureSession() {
  loading ??= useSession.getState().load().catch(() => {
    loading = undefined;
  });
  return loading;
}
