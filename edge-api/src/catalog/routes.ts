import { createRoute, z } from "@hono/zod-openapi";
import { ProductList, ProductListQuery } from "@shop/contracts";
import { ApiFailure } from "../errors";
import { errorResponse, jsonContent, routeGroup } from "../openapi";
import { IMAGE_SIZES, productImageSvg } from "./images";
import { listProducts } from "./listing";

export const catalogRoutes = routeGroup();

catalogRoutes.openapi(
  createRoute({
    method: "get",
    path: "/products",
    tags: ["catalog"],
    summary: "List and search products, with facets",
    description:
      "Filters combine; each facet counts the products matching all the other filters. `q` is full-text with relevance ranking and tolerates typos.",
    request: { query: ProductListQuery },
    responses: {
      200: jsonContent(ProductList, "A page of products with the total and facets"),
      400: errorResponse("Invalid query parameters"),
    },
  }),
  async (c) => {
    const list = await listProducts(c.var.db(), c.req.valid("query"));
    return c.json(list, 200, { "Cache-Control": "public, max-age=30" });
  },
);

catalogRoutes.openapi(
  createRoute({
    method: "get",
    path: "/images/{slug}/{file}",
    tags: ["catalog"],
    summary: "Product artwork (SVG), by position and size",
    request: { params: z.object({ slug: z.string(), file: z.string() }) },
    responses: { 200: { description: "SVG image", content: { "image/svg+xml": { schema: z.string() } } }, 404: errorResponse("Unknown image") },
  }),
  (c) => {
    const { slug, file } = c.req.valid("param");
    const match = /^(\d{1,2})-(\d+x\d+)\.svg$/.exec(file);
    const size = match?.[2] as (typeof IMAGE_SIZES)[number] | undefined;
    if (!/^[a-z0-9-]{1,160}$/.test(slug) || !match || !size || !IMAGE_SIZES.includes(size)) {
      throw new ApiFailure(404, "not_found", "No such image");
    }
    const [width, height] = size.split("x").map(Number) as [number, number];
    return c.body(productImageSvg(slug, Number(match[1]), width, height), 200, {
      "Content-Type": "image/svg+xml",
      "Cache-Control": "public, max-age=31536000, immutable",
    });
  },
);
