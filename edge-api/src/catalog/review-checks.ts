import type { ReviewInput, ReviewStatus } from "@shop/contracts";

// The automatic checks a review passes to be published at once; one that fails waits for an
// operator (held), with the reason its author sees. Hard limits (stars, lengths, markup) are the
// input's own rules and refuse the request instead.

/** Shorter than this says too little to help another shopper. */
export const SHORTEST_HELPFUL_TEXT = 20;

/** Words a shop would not publish unread. Whole words, any case; deliberately small: an operator reads what it catches. */
const BANNED_WORDS = ["fuck", "fucking", "shit", "bitch", "bastard", "asshole", "cunt", "dick", "idiot", "moron", "retard", "scam", "scammers"];
const BANNED = new RegExp(`\\b(?:${BANNED_WORDS.join("|")})\\b`, "i");
/** A web address in any of its usual spellings: reviews are not for sending shoppers elsewhere. */
const LINK = /\b(?:https?:\/\/|www\.)|\b[a-z0-9-]+\.(?:com|net|org|io|co|ru|xyz|info|biz|shop|store|link|ly)\b/i;

export interface Checked {
  status: Extract<ReviewStatus, "published" | "held">;
  note: string | null;
}

export function checkReview({ title, text }: Pick<ReviewInput, "title" | "text">): Checked {
  const words = `${title}\n${text}`;
  if (LINK.test(words)) return { status: "held", note: "It contains a web address; the shop reads it before publishing." };
  if (BANNED.test(words)) return { status: "held", note: "It contains words the shop reads before publishing." };
  if (text.length < SHORTEST_HELPFUL_TEXT) {
    return { status: "held", note: `It is short (under ${SHORTEST_HELPFUL_TEXT} characters); the shop reads it before publishing.` };
  }
  return { status: "published", note: null };
}
