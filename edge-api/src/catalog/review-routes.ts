import { createRoute, z } from "@hono/zod-openapi";
import {
  ModeratedReview,
  ModerationDecision,
  ModerationPage,
  ModerationQuery,
  MyReview,
  REVIEW_SORTS,
  ReviewInput,
  ReviewPage,
  ReviewQuery,
  ReviewReport,
  Slug,
} from "@shop/contracts";
import type { Context } from "hono";
import { shopperOf, signedIn } from "../account/shopper";
import { cachePolicy } from "../cache-policy";
import type { AppEnv } from "../env";
import { ApiFailure } from "../errors";
import { errorResponse, jsonContent, routeGroup } from "../openapi";
import {
  type AttemptCounter,
  clientNetwork,
  countUse,
  REVIEW_REPORTS_PER_ACCOUNT,
  REVIEW_VOTES_PER_ACCOUNT,
  REVIEW_WRITES_PER_ACCOUNT,
  REVIEW_WRITES_PER_ADDRESS,
} from "../security/attempt-limit";
import { actorOf, operatorOpenApi } from "../security/operator-access";
import { cached, cachedResponse, forgetCached, normalisedKey } from "./cache";
import { moderate, moderationQueue } from "./review-moderation";
import { changeReview, deleteReview, reportReview, voteHelpful, writeReview } from "./review-writing";
import { myReview, reviewedProduct, reviewPage } from "./reviews";

/** Reviews on the storefront (under /api/catalog): read by anyone, cached like the catalog; written by buyers. */
export const reviewRoutes = routeGroup();
/** The moderation queue (under /api/admin). */
export const reviewAdminRoutes = routeGroup();

const security = [{ sessionCookie: [] }];
const ProductParams = z.object({ slug: Slug });
const ReviewParams = z.object({ id: z.uuid("Not a review id") });
const json = <T extends z.ZodType>(schema: T) => ({ body: { content: { "application/json": { schema } }, required: true } });
const unauthorized = errorResponse("Not signed in");
const tooMany = errorResponse("Too many in a short time (Retry-After says when to try again)");

/**
 * A review changed what the product shows: its answer (rating) and the first page of each order go
 * from the cache here, so the author and everyone at this location see it at once; elsewhere within
 * the catalog's freshness bound. Nothing else of the catalog's cache is touched.
 */
const forgetReviewsOf = (c: Context<AppEnv>, slug: string) =>
  forgetCached(c, [normalisedKey("product", { slug }), ...REVIEW_SORTS.map((sort) => normalisedKey("reviews", { slug, sort, page: 1 }))]);

const writeCounters = (c: Context<AppEnv>, userId: string): AttemptCounter[] => [
  [REVIEW_WRITES_PER_ACCOUNT, userId],
  [REVIEW_WRITES_PER_ADDRESS, clientNetwork(c)],
];

reviewRoutes.openapi(
  createRoute({
    method: "get",
    path: "/products/{slug}/reviews",
    tags: ["reviews"],
    summary: "A page of the product's published reviews (5 a page), newest, most helpful, highest or lowest first",
    description: "Cached at the edge like the catalog: a new review appears within 60 s.",
    request: { params: ProductParams, query: ReviewQuery },
    responses: {
      200: jsonContent(ReviewPage, "A page of reviews"),
      304: { description: "Not modified" },
      400: errorResponse("Invalid sort or page"),
      404: errorResponse("No such product"),
    },
  }),
  async (c) => {
    const { slug } = c.req.valid("param");
    const { sort, page } = c.req.valid("query");
    const answer = await cached(c, normalisedKey("reviews", { slug, sort, page }), (db) => reviewPage(db, slug, sort, page));
    if (!answer) throw new ApiFailure(404, "not_found", `No product "${slug}".`);
    return cachedResponse(c, answer);
  },
);

reviewRoutes.openapi(
  createRoute({
    method: "get",
    path: "/products/{slug}/reviews/mine",
    tags: ["reviews"],
    security,
    summary: "The signed-in shopper's review of the product (with its status and any note), and whether they may write one",
    description: "A visitor who is not signed in gets `signedIn: false` (not a 401: every product page asks, and a guest's page logs no error).",
    request: { params: ProductParams },
    responses: { 200: jsonContent(MyReview, "The shopper's review, if any"), 404: errorResponse("No such product") },
  }),
  async (c) => {
    const shopper = await shopperOf(c);
    if (!shopper) return c.json({ signedIn: false, canReview: false, reason: null, review: null } satisfies MyReview, 200, cachePolicy.private);
    const { slug } = c.req.valid("param");
    const product = await reviewedProduct(c.get("db")(), slug);
    if (!product) throw new ApiFailure(404, "not_found", `No product "${slug}".`);
    return c.json(await myReview(c.get("db")(), shopper, product), 200, cachePolicy.private);
  },
);

reviewRoutes.openapi(
  createRoute({
    method: "post",
    path: "/products/{slug}/reviews",
    tags: ["reviews"],
    security,
    summary: "Review a product that was delivered to you: published at once when it passes the automatic checks, else held for the shop",
    request: { params: ProductParams, ...json(ReviewInput) },
    responses: {
      201: jsonContent(MyReview, "Written (its status says whether it is published)"),
      400: errorResponse("Invalid review (each field's message in `fields`)"),
      401: unauthorized,
      403: errorResponse("The product was never delivered to you"),
      404: errorResponse("No such product"),
      409: errorResponse("You reviewed it already"),
      429: tooMany,
    },
  }),
  async (c) => {
    const shopper = await signedIn(c);
    await countUse(c, writeCounters(c, shopper.id));
    const { answer, slug } = await writeReview(c.get("db")(), shopper, c.req.valid("param").slug, c.req.valid("json"));
    await forgetReviewsOf(c, slug);
    return c.json(answer, 201, cachePolicy.private);
  },
);

reviewRoutes.openapi(
  createRoute({
    method: "patch",
    path: "/reviews/{id}",
    tags: ["reviews"],
    security,
    summary: "Change your review (checked again, like a new one)",
    request: { params: ReviewParams, ...json(ReviewInput) },
    responses: {
      200: jsonContent(MyReview, "Changed"),
      400: errorResponse("Invalid review"),
      401: unauthorized,
      404: errorResponse("No such review of yours"),
      409: errorResponse("The shop removed it"),
      429: tooMany,
    },
  }),
  async (c) => {
    const shopper = await signedIn(c);
    await countUse(c, writeCounters(c, shopper.id));
    const { answer, slug } = await changeReview(c.get("db")(), shopper, c.req.valid("param").id, c.req.valid("json"));
    await forgetReviewsOf(c, slug);
    return c.json(answer, 200, cachePolicy.private);
  },
);

reviewRoutes.openapi(
  createRoute({
    method: "delete",
    path: "/reviews/{id}",
    tags: ["reviews"],
    security,
    summary: "Delete your review",
    request: { params: ReviewParams },
    responses: { 204: { description: "Deleted" }, 401: unauthorized, 404: errorResponse("No such review of yours") },
  }),
  async (c) => {
    await forgetReviewsOf(c, await deleteReview(c.get("db")(), await signedIn(c), c.req.valid("param").id));
    return c.body(null, 204);
  },
);

reviewRoutes.openapi(
  createRoute({
    method: "post",
    path: "/reviews/{id}/helpful",
    tags: ["reviews"],
    security,
    summary: "Say a review helped you (once per review; not your own)",
    request: { params: ReviewParams },
    responses: {
      200: jsonContent(z.object({ helpful: z.number().int() }), "Counted"),
      401: unauthorized,
      404: errorResponse("No such published review"),
      409: errorResponse("Counted already, or your own review"),
      429: tooMany,
    },
  }),
  async (c) => {
    const shopper = await signedIn(c);
    await countUse(c, [[REVIEW_VOTES_PER_ACCOUNT, shopper.id]]);
    return c.json(await voteHelpful(c.get("db")(), shopper, c.req.valid("param").id), 200, cachePolicy.private);
  },
);

reviewRoutes.openapi(
  createRoute({
    method: "post",
    path: "/reviews/{id}/report",
    tags: ["reviews"],
    security,
    summary: "Report a review to the shop (once per review); reports from three shoppers hold it until the shop reads it",
    request: { params: ReviewParams, ...json(ReviewReport) },
    responses: {
      200: jsonContent(z.object({ held: z.boolean() }), "Reported"),
      400: errorResponse("No reason given"),
      401: unauthorized,
      404: errorResponse("No such published review"),
      409: errorResponse("Reported already, or your own review"),
      429: tooMany,
    },
  }),
  async (c) => {
    const shopper = await signedIn(c);
    await countUse(c, [[REVIEW_REPORTS_PER_ACCOUNT, shopper.id]]);
    const { held, slug } = await reportReview(c.get("db")(), shopper, c.req.valid("param").id, c.req.valid("json").reason);
    if (held) await forgetReviewsOf(c, slug);
    return c.json({ held }, 200, cachePolicy.private);
  },
);

const { security: operatorSecurity, refusals } = operatorOpenApi("admin");

reviewAdminRoutes.openapi(
  createRoute({
    method: "get",
    path: "/reviews",
    tags: ["admin"],
    security: operatorSecurity,
    summary: "Reviews to moderate: held (the default), reported, or any status; newest first",
    request: { query: ModerationQuery },
    responses: { 200: jsonContent(ModerationPage, "A page of reviews"), 400: errorResponse("Invalid query"), ...refusals },
  }),
  async (c) => {
    const { status, after } = c.req.valid("query");
    return c.json(await moderationQueue(c.get("db")(), status, after), 200);
  },
);

reviewAdminRoutes.openapi(
  createRoute({
    method: "post",
    path: "/reviews/{id}/moderation",
    tags: ["admin"],
    security: operatorSecurity,
    summary: "Publish, reject (the author sees the reason and may change it) or remove a review",
    request: { params: ReviewParams, ...json(ModerationDecision) },
    responses: {
      200: jsonContent(ModeratedReview, "Decided"),
      400: errorResponse("Invalid decision"),
      ...refusals,
      404: errorResponse("No such review"),
      409: errorResponse("Not a decision its status allows"),
    },
  }),
  async (c) => {
    const decided = await moderate(c.get("db")(), c.req.valid("param").id, c.req.valid("json"), actorOf(c));
    await forgetReviewsOf(c, decided.product.slug);
    return c.json(decided, 200);
  },
);
