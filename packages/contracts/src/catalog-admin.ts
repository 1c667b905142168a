import { z } from "zod";
import { Sku } from "./cart";
import { Image, Slug } from "./catalog";
import { PlainText } from "./text";

// The catalog team's back office: products, their variants and pictures.

const Cents = z.number().int().min(0).max(100_000_000);
const OptionName = PlainText.trim().min(1).max(40);
const OptionValue = PlainText.trim().min(1).max(60);

export const VariantCreate = z
  .object({
    sku: Sku,
    /** e.g. { size: "M", colour: "Navy" }; a product's variants differ in them. */
    options: z.record(OptionName, OptionValue).refine((o) => Object.keys(o).length <= 4, "at most 4 options"),
    price: Cents,
    compareAtPrice: Cents.nullable().default(null),
  })
  .refine((v) => v.compareAtPrice === null || v.compareAtPrice > v.price, {
    message: "Compare-at price must be above the price",
    path: ["compareAtPrice"],
  })
  .meta({ id: "VariantCreate" });
export type VariantCreate = z.infer<typeof VariantCreate>;

const ProductFields = {
  name: PlainText.trim().min(1, "Give the product a name").max(200),
  /** Formatting and links only: anything else is removed when saved. */
  descriptionHtml: PlainText.max(20_000),
  brand: Slug,
  category: Slug,
};

/** A new product, sold from the start as its first variant. */
export const ProductCreate = z
  .object({ ...ProductFields, descriptionHtml: ProductFields.descriptionHtml.default(""), slug: Slug.optional(), variant: VariantCreate })
  .meta({ id: "ProductCreate" });
export type ProductCreate = z.infer<typeof ProductCreate>;

export const ProductUpdate = z
  .object({
    name: ProductFields.name.optional(),
    descriptionHtml: ProductFields.descriptionHtml.optional(),
    brand: Slug.optional(),
    category: Slug.optional(),
  })
  .refine((u) => Object.keys(u).length > 0, { message: "give at least one field to change" })
  .meta({ id: "ProductUpdate" });

export const VariantUpdate = z
  .object({
    price: Cents.optional(),
    compareAtPrice: Cents.nullable().optional(),
    discontinued: z.boolean().optional(),
  })
  .refine((u) => Object.keys(u).length > 0, { message: "give at least one field to change" })
  .refine((u) => u.price === undefined || u.compareAtPrice == null || u.compareAtPrice > u.price, {
    message: "Compare-at price must be above the price",
    path: ["compareAtPrice"],
  })
  .meta({ id: "VariantUpdate" });

export const AdminProductQuery = z.object({
  q: PlainText.trim().max(100).optional().describe("Part of the name, or a whole SKU"),
  brand: Slug.optional(),
  category: Slug.optional().describe("This category and those under it"),
  stock: z.enum(["in", "out"]).optional(),
  after: z.coerce.number().int().min(1).optional().describe("The list's `next`"),
});

export const AdminProductSummary = z
  .object({
    slug: z.string(),
    name: z.string(),
    brand: z.string(),
    category: z.string(),
    price: z.number().int().describe("Lowest variant price, cents"),
    variants: z.number().int(),
    inStock: z.boolean(),
    image: Image.nullable(),
  })
  .meta({ id: "AdminProductSummary" });
export type AdminProductSummary = z.infer<typeof AdminProductSummary>;

export const AdminProductList = z.object({ items: z.array(AdminProductSummary), next: z.string().nullable() }).meta({ id: "AdminProductList" });
export type AdminProductList = z.infer<typeof AdminProductList>;

export const AdminVariant = z
  .object({
    sku: z.string(),
    options: z.record(z.string(), z.string()),
    price: z.number().int(),
    compareAtPrice: z.number().int().nullable(),
    discontinued: z.boolean(),
    available: z.number().int(),
  })
  .meta({ id: "AdminVariant" });
export type AdminVariant = z.infer<typeof AdminVariant>;

export const AdminProduct = z
  .object({
    slug: z.string(),
    name: z.string(),
    descriptionHtml: z.string(),
    brand: z.string(),
    category: z.string(),
    variants: z.array(AdminVariant),
    images: z.array(Image.extend({ position: z.number().int(), uploaded: z.boolean() })),
  })
  .meta({ id: "AdminProduct" });
export type AdminProduct = z.infer<typeof AdminProduct>;

/** What a product may be filed under: brands, and categories (leaves are where products go). */
export const CatalogTerms = z
  .object({
    brands: z.array(z.object({ slug: z.string(), name: z.string() })),
    categories: z.array(z.object({ slug: z.string(), name: z.string(), leaf: z.boolean() })),
  })
  .meta({ id: "CatalogTerms" });
export type CatalogTerms = z.infer<typeof CatalogTerms>;
