/**
 * Who may keep an answer, and for how long: one name per policy (as Hydrogen's CacheLong/CacheNone),
 * so a route says what its answer is rather than spelling a header.
 */
export const cachePolicy = {
  /** A file or picture whose URL changes when it does (versioned remote files, product pictures). */
  immutable: { "Cache-Control": "public, max-age=31536000, immutable" },
  /** The catalog's answers: the same for everyone; browsers ask again each time (a cheap 304), so the edge's freshness bound holds. */
  sharedRevalidate: { "Cache-Control": "public, max-age=0, must-revalidate" },
  /** A page document: it names this visitor's versions, so only their browser keeps it, and asks again each time. */
  privateRevalidate: { "Cache-Control": "private, no-cache" },
  /** One shopper's data (cart, checkout, account, sign-in): never stored anywhere. */
  private: { "Cache-Control": "private, no-store" },
  /** Live state and refusals (health, registry, operators' pages, error pages): never stored. */
  none: { "Cache-Control": "no-store" },
} as const;
