import { createRoute, z } from "@hono/zod-openapi";
import {
  AdminProduct,
  AdminProductList,
  AdminProductQuery,
  CatalogTerms,
  MAX_IMAGE_BYTES,
  PlainText,
  ProductCreate,
  ProductUpdate,
  Sku,
  Slug,
  VariantCreate,
  VariantUpdate,
} from "@shop/contracts";
import { errorResponse, jsonContent, routeGroup } from "../openapi";
import { KiB, limitBody } from "../security/body-limit";
import { actorOf, operatorOpenApi } from "../security/operator-access";
import { addPicture, addVariant, createProduct, removePicture, updateProduct, updateVariant } from "./admin";
import { catalogTerms, expectProduct, listProducts, productForOperator } from "./admin-list";
import { bumpCatalogVersion } from "./cache";
import { forgetPictures, storeUpload } from "./media";

/** The catalog team's operator routes (under /api/admin, behind the admin token or an admin's session): products, variants, pictures. */
export const catalogAdminRoutes = routeGroup();

/** The upload route's path (the API's JSON-only and 128 KiB rules make way for it). */
export const PICTURE_UPLOAD_PATH = "/api/admin/products/:slug/images";

const { security, refusals: operatorRefusals } = operatorOpenApi("admin");
const refusals = { 400: errorResponse("Invalid change (each field's message in `fields`)"), ...operatorRefusals, 404: errorResponse("No such product or SKU") };
const ProductParams = z.object({ slug: Slug });
const json = <T extends z.ZodType>(schema: T) => ({ body: { content: { "application/json": { schema } }, required: true } });

catalogAdminRoutes.openapi(
  createRoute({
    method: "get",
    path: "/products",
    tags: ["admin"],
    summary: "Products, newest first, by name or SKU, brand, category (and below) and stock",
    security,
    request: { query: AdminProductQuery },
    responses: { 200: jsonContent(AdminProductList, "A page of products"), 400: errorResponse("Invalid query"), ...operatorRefusals },
  }),
  async (c) => c.json(await listProducts(c.get("db")(), c.req.valid("query")), 200),
);

catalogAdminRoutes.openapi(
  createRoute({
    method: "get",
    path: "/catalog-terms",
    tags: ["admin"],
    summary: "The brands and categories a product can be filed under",
    security,
    responses: { 200: jsonContent(CatalogTerms, "Brands and categories"), ...operatorRefusals },
  }),
  async (c) => c.json(await catalogTerms(c.get("db")()), 200),
);

catalogAdminRoutes.openapi(
  createRoute({
    method: "post",
    path: "/products",
    tags: ["admin"],
    summary: "Create a product with its first variant; it is on the storefront at once (sold when stocked)",
    security,
    request: json(ProductCreate),
    responses: { 201: jsonContent(AdminProduct, "Created"), ...refusals, 409: errorResponse("Web address or SKU taken") },
  }),
  async (c) => {
    const slug = await createProduct(c.get("db")(), c.req.valid("json"), actorOf(c));
    await bumpCatalogVersion(c.env.CACHE);
    return c.json(await productForOperator(c.get("db")(), slug), 201);
  },
);

catalogAdminRoutes.openapi(
  createRoute({
    method: "get",
    path: "/products/{slug}",
    tags: ["admin"],
    summary: "One product with every variant (discontinued too), its stock and pictures",
    security,
    request: { params: ProductParams },
    responses: { 200: jsonContent(AdminProduct, "The product"), ...refusals },
  }),
  async (c) => c.json(await productForOperator(c.get("db")(), c.req.valid("param").slug), 200),
);

catalogAdminRoutes.openapi(
  createRoute({
    method: "patch",
    path: "/products/{slug}",
    tags: ["admin"],
    summary: "Change a product's name, description (sanitised), brand or category",
    security,
    request: { params: ProductParams, ...json(ProductUpdate) },
    responses: { 200: jsonContent(AdminProduct, "Changed; cached pages follow at once"), ...refusals },
  }),
  async (c) => {
    const { slug } = c.req.valid("param");
    await updateProduct(c.get("db")(), slug, c.req.valid("json"), actorOf(c));
    await bumpCatalogVersion(c.env.CACHE);
    return c.json(await productForOperator(c.get("db")(), slug), 200);
  },
);

catalogAdminRoutes.openapi(
  createRoute({
    method: "post",
    path: "/products/{slug}/variants",
    tags: ["admin"],
    summary: "Add a variant (SKU, options, price, compare-at price)",
    security,
    request: { params: ProductParams, ...json(VariantCreate) },
    responses: { 201: jsonContent(AdminProduct, "Added"), ...refusals, 409: errorResponse("SKU taken") },
  }),
  async (c) => {
    const { slug } = c.req.valid("param");
    await addVariant(c.get("db")(), slug, c.req.valid("json"), actorOf(c));
    await bumpCatalogVersion(c.env.CACHE);
    return c.json(await productForOperator(c.get("db")(), slug), 201);
  },
);

catalogAdminRoutes.openapi(
  createRoute({
    method: "patch",
    path: "/variants/{sku}",
    tags: ["admin"],
    summary: "Change a variant's price, compare-at price, or whether it is still sold",
    security,
    request: { params: z.object({ sku: Sku }), ...json(VariantUpdate) },
    responses: { 200: jsonContent(z.object({ ok: z.literal(true) }), "Changed; cached pages follow at once"), ...refusals },
  }),
  async (c) => {
    await updateVariant(c.get("db")(), c.req.valid("param").sku, c.req.valid("json"), actorOf(c));
    await bumpCatalogVersion(c.env.CACHE);
    return c.json({ ok: true as const }, 200);
  },
);

const Upload = z.object({
  file: z.instanceof(File, { message: "Choose a picture" }).openapi({ type: "string", format: "binary" }),
  alt: PlainText.trim().min(1, "Say what the picture shows (for those who cannot see it)").max(200),
});

catalogAdminRoutes.use("/products/:slug/images", limitBody(MAX_IMAGE_BYTES + 64 * KiB));
catalogAdminRoutes.openapi(
  createRoute({
    method: "post",
    path: "/products/{slug}/images",
    tags: ["admin"],
    summary: "Upload a picture (PNG, JPEG, WebP or AVIF by its bytes, 5 MB at most, 200 px a side at least); it goes after the others",
    security,
    request: { params: ProductParams, body: { content: { "multipart/form-data": { schema: Upload } }, required: true } },
    responses: {
      201: jsonContent(AdminProduct, "Added"),
      ...refusals,
      413: errorResponse("Over 5 MB"),
      415: errorResponse("Not a picture of a type taken"),
    },
  }),
  async (c) => {
    const { slug } = c.req.valid("param");
    const { file, alt } = c.req.valid("form");
    await expectProduct(c.get("db")(), slug); // 404 before anything is stored
    const stored = await storeUpload(c.env, file);
    try {
      await addPicture(c.get("db")(), slug, stored, alt, actorOf(c));
    } catch (err) {
      await forgetPictures(c.env, [stored.key]);
      throw err;
    }
    await bumpCatalogVersion(c.env.CACHE);
    return c.json(await productForOperator(c.get("db")(), slug), 201);
  },
);

catalogAdminRoutes.openapi(
  createRoute({
    method: "delete",
    path: "/products/{slug}/images/{position}",
    tags: ["admin"],
    summary: "Take a picture off a product (0 is the first); those after it move up",
    security,
    request: { params: ProductParams.extend({ position: z.coerce.number().int().min(0).max(99) }) },
    responses: { 200: jsonContent(AdminProduct, "Removed"), ...refusals },
  }),
  async (c) => {
    const { slug, position } = c.req.valid("param");
    const key = await removePicture(c.get("db")(), slug, position, actorOf(c));
    if (key) await forgetPictures(c.env, [key]);
    await bumpCatalogVersion(c.env.CACHE);
    return c.json(await productForOperator(c.get("db")(), slug), 200);
  },
);
