import { z } from "zod";
import { MAX_RECOMMENDED_FOR, SORTS } from "./constants";
import { Money } from "./money";
import { PlainText, wholeNumber } from "./text";

export const Slug = z
  .string()
  .regex(/^[a-z0-9]+(?:-[a-z0-9]+)*$/, "must be a slug such as running-shoes")
  .max(120);

export const Image = z
  .object({
    url: z.string(),
    width: z.number().int(),
    height: z.number().int(),
    alt: z.string(),
    /** Uploaded pictures: the same picture in other widths (`<img srcset>`), in the format the browser takes. */
    srcset: z.string().optional(),
  })
  .meta({ id: "Image" });
export type Image = z.infer<typeof Image>;

export const BrandRef = z.object({ slug: z.string(), name: z.string() }).meta({ id: "BrandRef" });

export const RatingSummary = z.object({ average: z.number().min(0).max(5), count: z.number().int().min(0) }).meta({ id: "RatingSummary" });

export const ProductSummary = z
  .object({
    id: z.number().int(),
    slug: z.string(),
    name: z.string(),
    brand: BrandRef,
    /** The SKU an add-to-cart from a listing adds: the product's first sellable variant. */
    sku: z.string(),
    /** Variants to choose from: more than one means the shopper picks on the product page. */
    variantCount: z.number().int().min(1),
    price: Money,
    compareAtPrice: Money.nullable(),
    image: Image,
    rating: RatingSummary,
    inStock: z.boolean(),
  })
  .meta({ id: "ProductSummary" });
export type ProductSummary = z.infer<typeof ProductSummary>;

/** Minor units (cents). */
const Cents = wholeNumber(0, 100_000_000);
const Flag = z.enum(["true", "false", "1", "0"], { error: "must be true or false" }).transform((v) => v === "true" || v === "1");
/** `brand=a&brand=b` or `brand=a,b`. */
const SlugList = z
  .union([z.string(), z.array(z.string())])
  .transform((v) => (Array.isArray(v) ? v : [v]).flatMap((s) => s.split(",")).filter(Boolean))
  .pipe(z.array(Slug).max(20, "at most 20 brands"));

export const ProductListQuery = z
  .object({
    q: PlainText.trim().max(100, "search text is at most 100 characters").optional(),
    category: Slug.optional(),
    brand: SlugList.optional(),
    minPrice: Cents.optional(),
    maxPrice: Cents.optional(),
    inStock: Flag.optional(),
    minRating: z.coerce.number({ error: "must be a number from 0 to 5" }).min(0).max(5).optional(),
    sort: z.enum(SORTS, { error: `must be one of ${SORTS.join(", ")}` }).optional(),
    page: wholeNumber(1, 10_000).default(1),
    limit: wholeNumber(1, 100).default(24),
  })
  .refine((query) => query.minPrice === undefined || query.maxPrice === undefined || query.minPrice <= query.maxPrice, {
    message: "minPrice must not be above maxPrice",
    path: ["minPrice"],
  });
export type ProductListQuery = z.infer<typeof ProductListQuery>;

const FacetValue = z.object({ slug: z.string(), name: z.string(), count: z.number().int() });

export const Facets = z
  .object({
    /** Children of the current category (or the top level), each counting its whole subtree. */
    categories: z.array(FacetValue),
    brands: z.array(FacetValue.extend({ selected: z.boolean() })),
    price: z.array(z.object({ key: z.string(), label: z.string(), min: z.number().int(), max: z.number().int().nullable(), count: z.number().int() })),
    /** Products rated at least `min` stars. */
    rating: z.array(z.object({ min: z.number().int(), count: z.number().int() })),
  })
  .meta({ id: "Facets" });
export type Facets = z.infer<typeof Facets>;

export const ProductList = z
  .object({
    items: z.array(ProductSummary),
    total: z.number().int(),
    /** When nothing matched what was typed: the corrected words the results are for ("headphones" for "hedphones"). */
    correctedQuery: z.string().nullable(),
    page: z.number().int(),
    limit: z.number().int(),
    facets: Facets,
  })
  .meta({ id: "ProductList" });
export type ProductList = z.infer<typeof ProductList>;

export const CategoryRef = z.object({ slug: z.string(), name: z.string() }).meta({ id: "CategoryRef" });

export interface CategoryNode {
  slug: string;
  name: string;
  children: CategoryNode[];
}
export const CategoryNode: z.ZodType<CategoryNode> = z
  .object({ slug: z.string(), name: z.string(), children: z.lazy(() => z.array(CategoryNode)) })
  .meta({ id: "CategoryNode" });
export const CategoryTree = z.object({ categories: z.array(CategoryNode) }).meta({ id: "CategoryTree" });

export const Variant = z
  .object({
    sku: z.string(),
    options: z.record(z.string(), z.string()),
    price: Money,
    compareAtPrice: Money.nullable(),
    /** Units we can sell now (read from inventory). */
    available: z.number().int().min(0),
    /** The product's pictures, showing this variant (its colour). */
    images: z.array(Image),
  })
  .meta({ id: "Variant" });
export type Variant = z.infer<typeof Variant>;

export const ProductDetail = z
  .object({
    id: z.number().int(),
    slug: z.string(),
    name: z.string(),
    /** Rich text as HTML: render it sanitised. */
    descriptionHtml: z.string(),
    brand: BrandRef,
    category: CategoryRef,
    breadcrumbs: z.array(CategoryRef),
    attributes: z.record(z.string(), z.string()),
    /** Option names in display order, e.g. ["size", "colour"]. */
    options: z.array(z.string()),
    variants: z.array(Variant),
    images: z.array(Image),
    rating: RatingSummary.extend({ distribution: z.array(z.number().int()).length(5) }),
    /** What other buyers of it bought with it (in orders of at least two shoppers), in stock, most often first. */
    boughtTogether: z.array(ProductSummary),
    /** More from its category near its price, its brand first, in stock. */
    related: z.array(ProductSummary),
  })
  .meta({ id: "ProductDetail" });
export type ProductDetail = z.infer<typeof ProductDetail>;

export const SuggestQuery = z.object({ q: PlainText.trim().min(1, "q is required").max(100, "q is at most 100 characters") });

export const Suggestion = z.object({ type: z.enum(["product", "category"]), slug: z.string(), name: z.string() }).meta({ id: "Suggestion" });
export type Suggestion = z.infer<typeof Suggestion>;
export const Suggestions = z.object({ suggestions: z.array(Suggestion).max(10) }).meta({ id: "Suggestions" });

export const StockLevel = z.object({ available: z.number().int().min(0).max(1_000_000) }).meta({ id: "StockLevel" });

export const RecommendationsQuery = z.object({
  products: z
    .string()
    .transform((list) => list.split(","))
    .pipe(z.array(Slug).min(1, "give at least one product").max(MAX_RECOMMENDED_FOR, `at most ${MAX_RECOMMENDED_FOR} products`)),
});

export const Recommendations = z
  .object({ items: z.array(ProductSummary).describe("Bought with them by other shoppers, else near them in category and price; in stock, none of them") })
  .meta({ id: "Recommendations" });
export type Recommendations = z.infer<typeof Recommendations>;
