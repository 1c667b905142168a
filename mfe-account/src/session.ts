import type { Profile } from "@shop/contracts";
import { ApiRequestError, announceCartChanged } from "@shop/contracts/browser";
import { type ApiAnswer, inlinedAnswer, useRenderedAnswers } from "@shop/federation";
import { create } from "zustand";
import { fetchProfile, fetchSession, PROFILE_URL, SESSION_URL, signOut } from "./api";

interface SessionStore {
  /** undefined: not known yet; null: a guest. */
  profile: Profile | null | undefined;
  /** Slugs in the wishlist, for the hearts on product cards (loaded once per page for a signed-in shopper). */
  wishlist: Set<string> | undefined;
  load: () => Promise<void>;
  signedIn: () => Promise<void>;
  signOut: () => Promise<void>;
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
    announceCartChanged();
  },
  signOut: async () => {
    await signOut();
    set({ profile: null, wishlist: undefined });
    announceCartChanged();
  },
}));

let loading: Promise<void> | undefined;
/** Loads the session once per page, whoever asks first (from what the edge rendered the page with, when it did). */
export function ensureSession() {
  const rendered = loading ? undefined : inlinedProfile();
  if (rendered !== undefined) adoptSession(rendered);
  loading ??= useSession
    .getState()
    .load()
    .catch(() => {
      loading = undefined;
    });
  return loading;
}

type SessionAnswer = { session: { id: string } } | null;

/** A profile from the session's and the profile's answers: null for a guest, undefined when not known. */
function profileFrom(session: ApiAnswer<SessionAnswer> | undefined, profile: () => ApiAnswer<Profile> | undefined): Profile | null | undefined {
  if (session?.status !== 200) return undefined;
  if (!session.body) return null;
  const answer = profile();
  return answer?.status === 200 ? answer.body : undefined;
}

/** The shopper the edge rendered the page for (null: a guest), or undefined when it did not (or after hydration). */
export function useRenderedProfile(): Profile | null | undefined {
  // Both at once: a guest's profile answer is a quick 401, a shopper's comes without a second wait.
  const [session, profile] = useRenderedAnswers<unknown>([SESSION_URL, PROFILE_URL]);
  return profileFrom(session as ApiAnswer<SessionAnswer> | undefined, () => profile as ApiAnswer<Profile> | undefined);
}

/** The same, read outside a render (an effect): the page's inlined copy only. */
const inlinedProfile = () => profileFrom(inlinedAnswer<SessionAnswer>(SESSION_URL), () => inlinedAnswer<Profile>(PROFILE_URL));

/** Takes the edge's word for the session instead of asking again. */
function adoptSession(profile: Profile | null) {
  if (useSession.getState().profile !== undefined) return;
  useSession.setState({ profile });
  loading ??= Promise.resolve();
}
