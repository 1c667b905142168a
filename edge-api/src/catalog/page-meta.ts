import {
  type CategoryNode,
  formatCount,
  type Image,
  type Money,
  PICTURE_SIZES,
  type ProductDetail,
  type ProductList,
  ProductListQuery,
  type ReviewPage,
  SHELF_SIZE,
} from "@shop/contracts";
import type { Context } from "hono";
import type { AppEnv } from "../env";
import { publicOrigin } from "../security/public-origin";
import { cached, cachedBody, normalisedKey } from "./cache";
import { getCategoryTree, getProduct } from "./detail";
import { listProducts } from "./listing";
import { reviewPage } from "./reviews";

/** What a catalog page tells crawlers and link previews, without running any JavaScript. */
export interface PageMeta {
  status: 200 | 404;
  title: string;
  description: string;
  canonicalPath: string;
  image?: { url: string; width: number; height: number; alt: string };
  ogType: "product" | "website";
  jsonLd?: object;
  /** Images the first screen shows, fetched with the document instead of after the data. */
  /** The pictures the page shows first, with the `sizes` its `<img>` gives them (PICTURE_SIZES). */
  preloadImages?: PreloadedPicture[];
}

// The same cache entries the API answers from, so rendering the document also warms them.
const cachedProduct = async (c: Context<AppEnv>, slug: string) =>
  cachedBody<ProductDetail>(await cached(c, normalisedKey("product", { slug }), (db) => getProduct(db, slug)));
// The product page's first reviews (newest first), the entry its reviews area reads too.
const cachedReviews = async (c: Context<AppEnv>, slug: string) =>
  cachedBody<ReviewPage>(await cached(c, normalisedKey("reviews", { slug, sort: "newest", page: 1 }), (db) => reviewPage(db, slug, "newest", 1)));
const cachedTree = async (c: Context<AppEnv>) =>
  cachedBody<{ categories: CategoryNode[] }>(await cached(c, "categories", async (db) => ({ categories: await getCategoryTree(db) })));
const cachedListing = async (c: Context<AppEnv>, query: ProductListQuery) =>
  cachedBody<ProductList>(await cached(c, normalisedKey("list", query), (db) => listProducts(db, query)));

/** A listing's first two images: what its first screen shows. */
export interface PreloadedPicture {
  image: Image;
  sizes: string;
}

const firstImages = (listing: ProductList | undefined): PreloadedPicture[] =>
  listing?.items.slice(0, 2).map((p) => ({ image: p.image, sizes: PICTURE_SIZES.card })) ?? [];

const plainText = (html: string) =>
  html
    .replace(/<[^>]*>/g, " ")
    .replace(/&[a-z]+;|&#\d+;/gi, " ")
    .replace(/\s+/g, " ")
    .trim();

const summary = (text: string, max = 160) => (text.length <= max ? text : `${text.slice(0, max - 1).replace(/\s+\S*$/, "")}…`);

/** "12.99" from 1299 cents, without floating point. */
const decimal = (money: Money) => `${Math.floor(money.amount / 100)}.${String(money.amount % 100).padStart(2, "0")}`;

function productJsonLd(product: ProductDetail, reviews: ReviewPage | undefined, origin: string) {
  const url = `${origin}/p/${product.slug}`;
  return {
    "@context": "https://schema.org",
    "@type": "Product",
    name: product.name,
    description: summary(plainText(product.descriptionHtml), 500),
    sku: product.variants[0]?.sku,
    brand: { "@type": "Brand", name: product.brand.name },
    category: product.breadcrumbs.map((b) => b.name).join(" > "),
    image: product.images.map((i) => `${origin}${i.url}`),
    url,
    // The rating counts imported ratings too (ratingCount); reviewCount is the reviews written here.
    ...(product.rating.count > 0
      ? {
          aggregateRating: {
            "@type": "AggregateRating",
            ratingValue: product.rating.average,
            bestRating: 5,
            ratingCount: product.rating.count,
            ...(reviews?.total ? { reviewCount: reviews.total } : {}),
          },
        }
      : {}),
    ...(reviews?.items.length
      ? {
          review: reviews.items.map((r) => ({
            "@type": "Review",
            name: r.title,
            reviewBody: r.text,
            datePublished: r.createdAt.slice(0, 10),
            author: { "@type": "Person", name: r.author },
            reviewRating: { "@type": "Rating", ratingValue: r.stars, bestRating: 5, worstRating: 1 },
          })),
        }
      : {}),
    offers: product.variants.map((v) => ({
      "@type": "Offer",
      sku: v.sku,
      price: decimal(v.price),
      priceCurrency: v.price.currency,
      availability: v.available > 0 ? "https://schema.org/InStock" : "https://schema.org/OutOfStock",
      url,
    })),
  };
}

/** The variant a product page shows first, as the page picks it: the link's (`?sku=`, or every option named), else the first in stock. */
function shownVariant(product: ProductDetail, params: URLSearchParams) {
  const linked =
    product.variants.find((v) => v.sku === params.get("sku")) ??
    product.variants.find((v) => product.options.every((o) => v.options[o] === (params.get(o) ?? "")));
  return linked ?? product.variants.find((v) => v.available > 0) ?? product.variants[0];
}

export async function productPageMeta(c: Context<AppEnv>, slug: string, params: URLSearchParams, storeName: string): Promise<PageMeta | undefined> {
  if (!/^[a-z0-9]+(?:-[a-z0-9]+)*$/.test(slug)) return undefined;
  const [product, reviews] = await Promise.all([cachedProduct(c, slug), cachedReviews(c, slug)]);
  if (!product) return undefined;
  const origin = publicOrigin(c.env);
  const images = shownVariant(product, params)?.images ?? product.images;
  return {
    status: 200,
    title: `${product.name} | ${storeName}`,
    description: summary(plainText(product.descriptionHtml)),
    canonicalPath: `/p/${product.slug}`,
    image: images[0],
    preloadImages: images.slice(0, 1).map((image) => ({ image, sizes: PICTURE_SIZES.product })),
    ogType: "product",
    jsonLd: productJsonLd(product, reviews, origin),
  };
}

function findPath(nodes: CategoryNode[], slug: string): CategoryNode[] | undefined {
  for (const node of nodes) {
    if (node.slug === slug) return [node];
    const below = findPath(node.children, slug);
    if (below) return [node, ...below];
  }
  return undefined;
}

export async function categoryPageMeta(c: Context<AppEnv>, slug: string, search: URLSearchParams, storeName: string): Promise<PageMeta | undefined> {
  const tree = await cachedTree(c);
  const path = tree && findPath(tree.categories, slug);
  if (!path) return undefined;
  const category = path[path.length - 1]!;
  const origin = publicOrigin(c.env);
  const query = ProductListQuery.safeParse({ ...Object.fromEntries(search), category: slug, page: "1" });
  const listing = query.success ? await cachedListing(c, query.data) : undefined;
  const count = listing ? ` ${formatCount(listing.total)} products,` : "";
  return {
    status: 200,
    title: `${category.name} | ${storeName}`,
    description: `Shop ${category.name.toLowerCase()} at ${storeName}:${count} with free returns within 30 days.`,
    canonicalPath: `/c/${category.slug}`,
    image: listing?.items[0]?.image,
    preloadImages: firstImages(listing),
    ogType: "website",
    jsonLd: {
      "@context": "https://schema.org",
      "@type": "BreadcrumbList",
      itemListElement: path.map((node, i) => ({ "@type": "ListItem", position: i + 1, name: node.name, item: `${origin}/c/${node.slug}` })),
    },
  };
}

// A hint, not content: a few seconds old is harmless, and it keeps the home document cheap.
const HOME_IMAGES_MEMO_MS = 10_000;
let homeImages: { at: number; urls: PreloadedPicture[] } | undefined;

/** The home page's first shelf (new arrivals): its first images are what a shopper sees first. */
export async function homePageImages(c: Context<AppEnv>): Promise<PreloadedPicture[]> {
  if (homeImages && Date.now() - homeImages.at < HOME_IMAGES_MEMO_MS) return homeImages.urls;
  const query = ProductListQuery.parse({ sort: "newest", limit: String(SHELF_SIZE), page: "1" });
  const urls = firstImages(await cachedListing(c, query));
  homeImages = { at: Date.now(), urls };
  return urls;
}
