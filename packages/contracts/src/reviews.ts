import { z } from "zod";
import { REVIEW_SORTS, REVIEW_TEXT } from "./constants";
import { PlainText, wholeNumber } from "./text";

// Product reviews: what a buyer writes, what the product page shows, and the catalog team's queue.

/** Text that looks like markup: a review is plain text, shown as text, and says so when refused. */
const MARKUP = /<\s*\/?\s*[a-z!?]/i;
const plain = (label: string, max: number) =>
  PlainText.trim()
    .min(1, `Write ${label}`)
    .max(max, `${label[0]!.toUpperCase()}${label.slice(1)} is at most ${max.toLocaleString("en-US")} characters`)
    .refine((text) => !MARKUP.test(text), "Write plain text: HTML and scripts are not allowed");

export const ReviewInput = z
  .strictObject({
    stars: z
      .number({ error: "Choose from 1 to 5 stars" })
      .int("Choose from 1 to 5 stars")
      .min(1, "Choose from 1 to 5 stars")
      .max(5, "Choose from 1 to 5 stars"),
    title: plain("a title", REVIEW_TEXT.title),
    text: plain("your review", REVIEW_TEXT.text),
  })
  .meta({ id: "ReviewInput" });
export type ReviewInput = z.infer<typeof ReviewInput>;

export const ReviewQuery = z.object({
  sort: z.enum(REVIEW_SORTS, { error: `must be one of ${REVIEW_SORTS.join(", ")}` }).default("newest"),
  page: wholeNumber(1, 1000).default(1),
});

export const REVIEW_STATUSES = ["published", "held", "rejected", "removed"] as const;
export type ReviewStatus = (typeof REVIEW_STATUSES)[number];

export const Review = z
  .object({
    id: z.uuid(),
    stars: z.number().int().min(1).max(5),
    title: z.string(),
    text: z.string(),
    author: z.string().describe('The name the author goes by, shortened ("Sam K.")'),
    verifiedPurchase: z.boolean(),
    helpful: z.number().int().min(0),
    createdAt: z.iso.datetime(),
    edited: z.boolean(),
  })
  .meta({ id: "Review" });
export type Review = z.infer<typeof Review>;

export const ReviewPage = z
  .object({
    items: z.array(Review),
    /** Published reviews written here (the rating also counts the shop's imported history). */
    total: z.number().int().min(0),
    page: z.number().int().min(1),
    pages: z.number().int().min(0),
  })
  .meta({ id: "ReviewPage" });
export type ReviewPage = z.infer<typeof ReviewPage>;

/** The signed-in shopper's own review of a product and whether they may write one. */
export const MyReview = z
  .object({
    /** False for a visitor who is not signed in: the page offers the sign-in instead. */
    signedIn: z.boolean(),
    /** Whether this shopper may review the product: only someone it was delivered to. */
    canReview: z.boolean(),
    /** Why not, in words the page shows. */
    reason: z.string().nullable(),
    review: Review.extend({
      status: z.enum(REVIEW_STATUSES),
      /** Why it is held, or why an operator rejected it. */
      moderationNote: z.string().nullable(),
    }).nullable(),
  })
  .meta({ id: "MyReview" });
export type MyReview = z.infer<typeof MyReview>;

export const ReviewReport = z
  .strictObject({ reason: z.enum(["spam", "offensive", "off_topic", "other"], { error: "Say why: spam, offensive, off_topic or other" }) })
  .meta({ id: "ReviewReport" });

// The back office's moderation queue.

export const ModerationQuery = z.object({
  status: z.enum(["held", "reported", "published", "rejected", "removed"]).default("held"),
  after: z.string().max(100).optional().describe("The list's `next`"),
});

export const ModeratedReview = Review.extend({
  status: z.enum(REVIEW_STATUSES),
  moderationNote: z.string().nullable(),
  reports: z.number().int().min(0),
  product: z.object({ slug: z.string(), name: z.string() }),
}).meta({ id: "ModeratedReview" });
export type ModeratedReview = z.infer<typeof ModeratedReview>;

export const ModerationPage = z.object({ items: z.array(ModeratedReview), next: z.string().nullable() }).meta({ id: "ModerationPage" });
export type ModerationPage = z.infer<typeof ModerationPage>;

export const ModerationDecision = z
  .discriminatedUnion(
    "action",
    [
      z.strictObject({ action: z.literal("publish") }),
      z.strictObject({ action: z.literal("reject"), reason: PlainText.trim().min(1, "Say why, for the author").max(500) }),
      z.strictObject({ action: z.literal("remove"), reason: PlainText.trim().min(1, "Say why").max(500) }),
    ],
    { error: "action must be publish, reject or remove" },
  )
  .meta({ id: "ModerationDecision" });
export type ModerationDecision = z.infer<typeof ModerationDecision>;
