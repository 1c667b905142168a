import { createRoute, z } from "@hono/zod-openapi";
import {
  CategoryTree,
  ProductDetail,
  ProductList,
  ProductListQuery,
  Recommendations,
  RecommendationsQuery,
  Slug,
  Suggestions,
  SuggestQuery,
} from "@shop/contracts";
import { cachePolicy } from "../cache-policy";
import { ApiFailure } from "../errors";
import { errorResponse, jsonContent, routeGroup } from "../openapi";
import { cached, cachedResponse, normalisedKey } from "./cache";
import { getCategoryTree, getProduct, suggest } from "./detail";
import { IMAGE_SIZES, isKnownColour, productImageSvg } from "./images";
import { listProducts } from "./listing";
import { servePicture } from "./media";
import { recommendationsFor } from "./recommendations";

export const catalogRoutes = routeGroup();

const cacheHeaders = {
  ETag: { schema: { type: "string" as const } },
  "X-Cache": { description: "HIT, STALE (refreshing in the background) or MISS", schema: { type: "string" as const } },
};

catalogRoutes.openapi(
  createRoute({
    method: "get",
    path: "/products",
    tags: ["catalog"],
    summary: "List and search products, with facets",
    description:
      "Filters combine; each facet counts the products matching all the other filters. `q` is full-text with relevance ranking and tolerates typos. Answers are cached at the edge for at most 60 s.",
    request: { query: ProductListQuery },
    responses: {
      200: { ...jsonContent(ProductList, "A page of products with the total and facets"), headers: cacheHeaders },
      304: { description: "Not modified" },
      400: errorResponse("Invalid query parameters"),
    },
  }),
  async (c) => {
    const query = c.req.valid("query");
    const answer = await cached(c, normalisedKey("list", query), (db) => listProducts(db, query));
    return cachedResponse(c, answer!);
  },
);

catalogRoutes.openapi(
  createRoute({
    method: "get",
    path: "/products/{slug}",
    tags: ["catalog"],
    summary: "A product with its variants, availability, breadcrumbs and related products",
    request: { params: z.object({ slug: Slug }) },
    responses: {
      200: { ...jsonContent(ProductDetail, "The product"), headers: cacheHeaders },
      304: { description: "Not modified" },
      400: errorResponse("Malformed slug"),
      404: errorResponse("No such product"),
    },
  }),
  async (c) => {
    const { slug } = c.req.valid("param");
    const answer = await cached(c, normalisedKey("product", { slug }), (db) => getProduct(db, slug));
    if (!answer) throw new ApiFailure(404, "not_found", `No product "${slug}".`);
    return cachedResponse(c, answer);
  },
);

catalogRoutes.openapi(
  createRoute({
    method: "get",
    path: "/recommendations",
    tags: ["catalog"],
    summary: "Up to 4 products that go with these (a cart's): bought with them by other shoppers, else near them in category and price",
    description: "`products` is a comma-separated list of up to 20 slugs. In stock, never one of them. Cached like the catalog.",
    request: { query: RecommendationsQuery },
    responses: {
      200: { ...jsonContent(Recommendations, "Products, best first"), headers: cacheHeaders },
      304: { description: "Not modified" },
      400: errorResponse("Missing or malformed products"),
    },
  }),
  async (c) => {
    const products = [...new Set(c.req.valid("query").products)].sort();
    const answer = await cached(c, normalisedKey("recommendations", { products }), (db) => recommendationsFor(db, products));
    return cachedResponse(c, answer!);
  },
);

catalogRoutes.openapi(
  createRoute({
    method: "get",
    path: "/categories",
    tags: ["catalog"],
    summary: "The category tree",
    responses: { 200: { ...jsonContent(CategoryTree, "Every category, children nested"), headers: cacheHeaders }, 304: { description: "Not modified" } },
  }),
  async (c) => {
    const answer = await cached(c, "categories", async (db) => ({ categories: await getCategoryTree(db) }));
    return cachedResponse(c, answer!);
  },
);

catalogRoutes.openapi(
  createRoute({
    method: "get",
    path: "/suggest",
    tags: ["catalog"],
    summary: "Up to 10 completions (categories and products) for what a shopper is typing",
    request: { query: SuggestQuery },
    responses: {
      200: { ...jsonContent(Suggestions, "Completions, best first"), headers: cacheHeaders },
      304: { description: "Not modified" },
      400: errorResponse("Missing or too long q"),
    },
  }),
  async (c) => {
    const q = c.req.valid("query").q.toLowerCase();
    const answer = await cached(c, normalisedKey("suggest", { q }), async (db) => ({ suggestions: await suggest(db, q) }));
    return cachedResponse(c, answer!);
  },
);

catalogRoutes.openapi(
  createRoute({
    method: "get",
    path: "/images/{slug}/{file}",
    tags: ["catalog"],
    summary: "Product artwork (SVG), by position and size, optionally in a variant's colour (`0-800x800-navy.svg`)",
    request: { params: z.object({ slug: z.string(), file: z.string() }) },
    responses: { 200: { description: "SVG image", content: { "image/svg+xml": { schema: z.string() } } }, 404: errorResponse("Unknown image") },
  }),
  (c) => {
    const { slug, file } = c.req.valid("param");
    const match = /^(\d{1,2})-(\d+x\d+)(?:-([a-z-]{1,20}))?\.svg$/.exec(file);
    const size = match?.[2] as (typeof IMAGE_SIZES)[number] | undefined;
    const colour = match?.[3];
    if (!/^[a-z0-9-]{1,160}$/.test(slug) || !match || !size || !IMAGE_SIZES.includes(size) || (colour && !isKnownColour(colour))) {
      throw new ApiFailure(404, "not_found", "No such image");
    }
    const [width, height] = size.split("x").map(Number) as [number, number];
    return c.body(productImageSvg(slug, Number(match[1]), width, height, colour), 200, {
      "Content-Type": "image/svg+xml",
      ...cachePolicy.immutable,
    });
  },
);

catalogRoutes.openapi(
  createRoute({
    method: "get",
    path: "/media/{key}",
    tags: ["catalog"],
    summary: "An uploaded product picture in one of its widths (`?w=`), as AVIF or WebP when the browser takes them",
    request: {
      params: z.object({ key: z.uuid() }),
      query: z.object({ w: z.coerce.number().int().min(1).max(4000) }),
    },
    responses: {
      200: { description: "The picture", content: { "image/avif": { schema: z.string() }, "image/webp": { schema: z.string() } } },
      400: errorResponse("A width not served"),
      404: errorResponse("Unknown picture"),
    },
  }),
  (c) => servePicture(c.env, c.executionCtx, c.req.valid("param").key, c.req.valid("query").w, c.req.header("Accept") ?? ""),
);
