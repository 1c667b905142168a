import { createRoute, z } from "@hono/zod-openapi";
import { ProductUpdate, Sku, Slug, StockLevel, VariantUpdate } from "@shop/contracts";
import { requireAdmin } from "../auth";
import { updateProduct, updateVariant } from "../catalog/admin";
import { bumpCatalogVersion } from "../catalog/cache";
import { adminOrderRoutes } from "../checkout/admin-routes";
import { setStock } from "../checkout/inventory";
import { ApiFailure } from "../errors";
import { KiB, limitBody } from "../security/body-limit";
import { errorResponse, jsonContent, routeGroup } from "../openapi";

/** Operators' writes (and tests'): catalog changes and stock levels, behind the admin token or an admin's session. */
export const adminRoutes = routeGroup();
adminRoutes.use("*", requireAdmin());
// A product description is up to 20,000 characters.
adminRoutes.use("*", limitBody(128 * KiB));

const security: Array<Record<string, string[]>> = [{ adminToken: [] }, { sessionCookie: [] }];
const Done = z.object({ ok: z.literal(true) });
const refusals = {
  400: errorResponse("Invalid change"),
  401: errorResponse("Missing or wrong admin token"),
  429: errorResponse("Too many wrong tokens from this address; wait Retry-After seconds"),
  404: errorResponse("No such product or SKU"),
};

adminRoutes.openapi(
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
    if (!(await updateProduct(c.var.db(), slug, c.req.valid("json")))) throw new ApiFailure(404, "not_found", `No product "${slug}".`);
    await bumpCatalogVersion(c.env.CACHE);
    return c.json({ ok: true as const }, 200);
  },
);

adminRoutes.openapi(
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
    const outcome = await updateVariant(c.var.db(), sku, c.req.valid("json"));
    if (outcome === "not_found") throw new ApiFailure(404, "unknown_sku", `No SKU ${sku}.`);
    if (outcome === "invalid") throw new ApiFailure(400, "invalid_request", "compareAtPrice must be above price.");
    await bumpCatalogVersion(c.env.CACHE);
    return c.json({ ok: true as const }, 200);
  },
);

adminRoutes.openapi(
  createRoute({
    method: "put",
    path: "/inventory/{sku}",
    tags: ["admin"],
    summary: "Set a SKU's sellable stock",
    security,
    request: { params: z.object({ sku: Sku }), body: { content: { "application/json": { schema: StockLevel } }, required: true } },
    responses: { 200: jsonContent(Done, "Stock set"), ...refusals },
  }),
  async (c) => {
    const { sku } = c.req.valid("param");
    if (!(await setStock(c.var.db(), sku, c.req.valid("json").available))) throw new ApiFailure(404, "unknown_sku", `No SKU ${sku}.`);
    await bumpCatalogVersion(c.env.CACHE);
    return c.json({ ok: true as const }, 200);
  },
);

adminRoutes.route("/orders", adminOrderRoutes);
