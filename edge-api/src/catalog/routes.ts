import { createRoute, z } from "@hono/zod-openapi";
import { ProductList, ProductListQuery } from "@shop/contracts";
import { ApiFailure } from "../errors";
import { errorResponse, jsonContent, routeGroup } from "../openapi";
import { PRODUCT_IMAGE_SIZE, productImageSvg } from "./product-image";
import { listProducts } from "./products";

export const catalogRoutes = routeGroup();

catalogRoutes.openapi(
  createRoute({
    method: "get",
    path: "/products",
    tags: ["catalog"],
    summary: "List products",
    request: { query: ProductListQuery },
    responses: {
      200: jsonContent(ProductList, "A page of products"),
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
    path: "/images/{file}",
    tags: ["catalog"],
    summary: "Product artwork (SVG)",
    request: { params: z.object({ file: z.string() }) },
    responses: { 200: { description: "SVG image", content: { "image/svg+xml": { schema: z.string() } } }, 404: errorResponse("Unknown image") },
  }),
  (c) => {
    const match = /^([a-z0-9-]{1,120})\.svg$/.exec(c.req.valid("param").file);
    if (!match?.[1]) throw new ApiFailure(404, "not_found", "No such image");
    return c.body(productImageSvg(match[1], PRODUCT_IMAGE_SIZE), 200, {
      "Content-Type": "image/svg+xml",
      "Cache-Control": "public, max-age=31536000, immutable",
    });
  },
);
