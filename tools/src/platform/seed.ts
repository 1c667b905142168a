// The deterministic demo catalog: the same size always yields the same catalog, and a smaller
// catalog is the first part of a larger one (each product is drawn from its own seeded stream).
import { ADJECTIVES, BRANDS, CATEGORY_TREE, type CategoryNode, type LeafCategory } from "./catalog-data";
import { type DemoReview, demoReviews } from "./demo-reviews";

/** Small, fast, seedable PRNG (mulberry32). */
function random(seed: number) {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

export const slugify = (text: string) =>
  text
    .toLowerCase()
    .replace(/&/g, "and")
    .replace(/[^a-z0-9]+/g, "-")
    .replace(/^-|-$/g, "");

export interface SeedCategory {
  id: number;
  parentId: number | null;
  slug: string;
  name: string;
  path: string;
  leaf?: LeafCategory;
}

export function generateCategories(): SeedCategory[] {
  const out: SeedCategory[] = [];
  const visit = (node: CategoryNode | LeafCategory, parent: SeedCategory | null) => {
    const id = out.length + 1;
    const category: SeedCategory = { id, parentId: parent?.id ?? null, slug: node.slug, name: node.name, path: `${parent?.path ?? "/"}${id}/` };
    out.push(category);
    if ("children" in node) for (const child of node.children) visit(child, category);
    else category.leaf = node;
  };
  for (const root of CATEGORY_TREE) visit(root, null);
  return out;
}

export const generateBrands = () => BRANDS.map((name, i) => ({ id: i + 1, slug: slugify(name), name }));

export interface SeedVariant {
  sku: string;
  options: Record<string, string>;
  priceCents: number;
  compareAtCents: number | null;
  position: number;
  stock: number;
}

export interface SeedProduct {
  id: number;
  slug: string;
  name: string;
  descriptionHtml: string;
  brandId: number;
  categoryId: number;
  attributes: Record<string, string>;
  priceCents: number;
  ratingAverage: number;
  ratingCount: number;
  ratingDistribution: number[];
  /** The ratings the demo shop "brought" without text: the distribution less its written reviews' stars. */
  importedRatings: number[];
  reviews: DemoReview[];
  createdAt: Date;
  variants: SeedVariant[];
  images: Array<{ position: number; alt: string; width: number; height: number }>;
}

const FIRST_PRODUCT_AT = Date.UTC(2024, 0, 1);
const COUNTRIES = ["Portugal", "Japan", "Vietnam", "Italy", "Sweden", "Canada", "Mexico", "Poland"];
const FEATURES = [
  "Made to last, with a two-year warranty",
  "Designed in-house and tested for a season before release",
  "Packed in recycled, plastic-free packaging",
  "Repair service available for its whole life",
  "Ships within one business day",
];

/** Prices end in 99 cents, as shoppers expect. */
const retailPrice = (cents: number) => Math.max(99, Math.round(cents / 100) * 100 - 1);

export function generateProduct(id: number, leaves: SeedCategory[], brandCount: number, seed = 42): SeedProduct {
  const next = random(seed * 1_000_003 + id);
  const pick = <T>(list: readonly T[]) => list[Math.floor(next() * list.length)]!;
  /** Two different entries, with one draw each (as many draws as before, so the catalog stays the same). */
  const pickTwo = <T>(list: readonly T[]): [T, T] => {
    const first = pick(list);
    const rest = list.filter((x) => x !== first);
    return [first, pick(rest)];
  };
  const category = pick(leaves);
  const leaf = category.leaf!;
  const item = pick(leaf.items);
  const brandId = 1 + Math.floor(next() * brandCount);
  const brand = BRANDS[brandId - 1]!;
  const material = pick(leaf.materials);
  const name = `${brand} ${pick(ADJECTIVES)} ${item.noun}`;
  const number = String(id).padStart(7, "0");
  const basePrice = retailPrice(item.min + next() * (item.max - item.min));
  const onSale = next() < 0.2;

  const sizes = leaf.sizes ? leaf.sizes.slice(Math.floor(next() * Math.max(1, leaf.sizes.length - 2))).slice(0, 3) : [undefined];
  const colours = leaf.colours ? [pick(leaf.colours), pick(leaf.colours)].filter((c, i, all) => all.indexOf(c) === i) : [undefined];
  const variants: SeedVariant[] = [];
  for (const colour of colours) {
    for (const size of sizes) {
      const roll = next();
      const stock = roll < 0.08 ? 0 : roll < 0.2 ? 1 + Math.floor(next() * 4) : 10 + Math.floor(next() * 190);
      const options: Record<string, string> = {};
      if (size) options.size = size;
      if (colour) options.colour = colour;
      variants.push({
        sku: `SKU-${number}-${variants.length + 1}`,
        options,
        priceCents: basePrice,
        compareAtCents: onSale ? retailPrice(basePrice * 1.25) : null,
        position: variants.length,
        stock,
      });
    }
  }

  // Ratings: many products have few, a few have many; the average follows the distribution exactly.
  const ratingCount = Math.floor(next() ** 3 * 800);
  const quality = 2.5 + next() * 2.4;
  const weights = [1, 2, 3, 4, 5].map((star) => Math.exp(-((star - quality) ** 2)));
  const totalWeight = weights.reduce((a, b) => a + b, 0);
  const ratingDistribution = weights.map((w) => Math.floor((w / totalWeight) * ratingCount));
  ratingDistribution[Math.round(quality) - 1]! += ratingCount - ratingDistribution.reduce((a, b) => a + b, 0);
  const ratingAverage = ratingCount ? Math.round((ratingDistribution.reduce((sum, n, i) => sum + n * (i + 1), 0) / ratingCount) * 100) / 100 : 0;

  const portrait = Boolean(leaf.sizes && !leaf.sizes.includes("38"));
  const imageCount = 1 + Math.floor(next() * 4);
  const createdAt = new Date(FIRST_PRODUCT_AT + id * 60_000);
  const importedRatings = [...ratingDistribution];
  const thing = { noun: item.noun.toLowerCase(), plural: Boolean(item.plural), material, purpose: leaf.purpose, brand, sized: Boolean(leaf.sizes), createdAt };
  const reviews = demoReviews(thing, importedRatings, next);
  return {
    id,
    slug: `${slugify(name)}-${number}`,
    name,
    descriptionHtml:
      `<p>The <strong>${name}</strong> ${item.plural ? "are" : "is"} made of ${material.toLowerCase()} by ${brand}, for ${leaf.purpose}.</p>` +
      `<ul>${pickTwo(FEATURES)
        .map((f) => `<li>${f}</li>`)
        .join("")}</ul>`,
    brandId,
    categoryId: category.id,
    attributes: { Material: material, "Country of origin": pick(COUNTRIES) },
    priceCents: basePrice,
    ratingAverage,
    ratingCount,
    ratingDistribution,
    importedRatings,
    reviews,
    createdAt,
    variants,
    images: Array.from({ length: imageCount }, (_, i) => ({
      position: i,
      alt: i === 0 ? name : `${name}, view ${i + 1}`,
      width: 800,
      height: portrait ? 1000 : 800,
    })),
  };
}

/** Products 1..count, lazily, so a million never sit in memory at once. */
export function* generateProducts(count: number, seed = 42): Generator<SeedProduct> {
  const leaves = generateCategories().filter((c) => c.leaf);
  for (let id = 1; id <= count; id++) yield generateProduct(id, leaves, BRANDS.length, seed);
}
