import { useSyncExternalStore } from "react";

/** Phones and small tablets: the width below which the catalog stacks its columns. */
const NARROW = "(max-width: 800px)";

const subscribe = (onChange: () => void) => {
  const query = matchMedia(NARROW);
  query.addEventListener("change", onChange);
  return () => query.removeEventListener("change", onChange);
};

/** Whether the screen is narrow (the filters then live in a drawer, not beside the results). */
export const useNarrowScreen = () => useSyncExternalStore(subscribe, () => matchMedia(NARROW).matches, () => false);
