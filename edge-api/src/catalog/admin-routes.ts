import { createRoute, z } from "@hono/zod-openapi";
import { ProductUpdate, Sku, Slug, VariantUpdate } from "@shop/contracts";
import { ApiFailure } from "../errors";
import { errorResponse, jsonContent, routeGroup } from "../openapi";
import { actorOf, operatorOpenApi } from "../security/operator-access";
import { updateProduct, updateVariant } from "./admin";
import { bumpCatalogVersion } from "./cache";

/** The catalog team's operator routes (under /api/admin, behind the admin token or an admin's session): products and variants. */
export const catalogAdminRoutes = routeGroup();

const { security, refusals: operatorRefusals } = operatorOpenApi("admin");
const Done = z.object({ ok: z.literal(true) });
const refusals = { 400: errorResponse("Invalid change"), ...operatorRefusals, 404: errorResponse("No such product or SKU") };

catalogAdminRoutes.openapi(
  createRoute({
    method: "patch",
    path: "/products/{slug}",
    tags: ["admin"],
    summary: "Change a product's name or description",
    security,
    request: { params: z.object({ slug: Slug }), body: { content: { "application/json": { schema: ProductUpdate } }, required: true } },
    responses: { 200: jsonContent(Done, "Changed; cached pages follow at once"), ...refusals },
  }),
  async (c) => {
    const { slug } = c.req.valid("param");
    if (!(await updateProduct(c.var.db(), slug, c.req.valid("json"), actorOf(c)))) throw new ApiFailure(404, "not_found", `No product "${slug}".`);
    await bumpCatalogVersion(c.env.CACHE);
    return c.json({ ok: true as const }, 200);
  },
);

catalogAdminRoutes.openapi(
  createRoute({
    method: "patch",
    path: "/variants/{sku}",
    tags: ["admin"],
    summary: "Change a variant's price, compare-at price, or whether it is still sold",
    security,
    request: { params: z.object({ sku: Sku }), body: { content: { "application/json": { schema: VariantUpdate } }, required: true } },
    responses: { 200: jsonContent(Done, "Changed; cached pages follow at once"), ...refusals },
  }),
  async (c) => {
    const { sku } = c.req.valid("param");
    const outcome = await updateVariant(c.var.db(), sku, c.req.valid("json"), actorOf(c));
    if (outcome === "not_found") throw new ApiFailure(404, "unknown_sku", `No SKU ${sku}.`);
    if (outcome === "invalid") throw new ApiFailure(400, "invalid_request", "compareAtPrice must be above price.");
    await bumpCatalogVersion(c.env.CACHE);
    return c.json({ ok: true as const }, 200);
  },
);
