import { describe, expect, it } from "vitest";
import { parseApp } from "../src/platform/apps";
import { generateCategories, generateProducts } from "../src/platform/seed";

const catalog = (count: number) => [...generateProducts(count)];

describe("demo catalog generator", () => {
  it("makes the same catalog for the same size, and a smaller one is the start of a larger one", () => {
    expect(catalog(300)).toEqual(catalog(300));
    expect(catalog(50)).toEqual(catalog(300).slice(0, 50));
  });

  it("writes grammatical copy: plural products (boots, earbuds) are, singular ones (a mug) is", () => {
    const products = catalog(2000);
    const plural = /(Boots|Earbuds|Headphones|Shoes|Sneakers|Socks|Runners|High-Tops)$/;
    const plurals = products.filter((p) => plural.test(p.name));
    expect(plurals.length).toBeGreaterThan(50);
    for (const p of plurals) expect(p.descriptionHtml).toContain(`</strong> are made of`);
    for (const p of products.filter((p) => !plural.test(p.name))) expect(p.descriptionHtml).toContain(`</strong> is made of`);
  });

  it("makes unique slugs and SKUs, prices in whole cents ending in 99, and sale prices above the price", () => {
    const products = catalog(2000);
    const skus = products.flatMap((p) => p.variants.map((v) => v.sku));
    expect(new Set(products.map((p) => p.slug)).size).toBe(products.length);
    expect(new Set(skus).size).toBe(skus.length);
    for (const p of products) {
      expect(p.slug).toMatch(/^[a-z0-9]+(-[a-z0-9]+)*$/);
      expect(p.variants.length).toBeGreaterThan(0);
      expect(p.priceCents).toBe(Math.min(...p.variants.map((v) => v.priceCents)));
      for (const v of p.variants) {
        expect(Number.isInteger(v.priceCents)).toBe(true);
        expect(v.priceCents % 100).toBe(99);
        if (v.compareAtCents !== null) expect(v.compareAtCents).toBeGreaterThan(v.priceCents);
      }
    }
    expect(products.some((p) => p.variants.some((v) => v.stock === 0))).toBe(true);
    expect(products.some((p) => p.variants.some((v) => v.stock > 0 && v.stock < 5))).toBe(true);
    expect(products.some((p) => p.variants.length > 1)).toBe(true);
  });

  it("keeps each rating summary consistent with its distribution", () => {
    for (const p of catalog(500)) {
      const total = p.ratingDistribution.reduce((a, b) => a + b, 0);
      expect(total).toBe(p.ratingCount);
      if (total > 0) {
        const average = p.ratingDistribution.reduce((sum, n, i) => sum + n * (i + 1), 0) / total;
        expect(Math.abs(p.ratingAverage - average)).toBeLessThanOrEqual(0.005 + 1e-9);
      }
    }
  });

  it("writes copy that fits the product: materials its category uses, and no bullet twice", () => {
    const leaves = new Map(
      generateCategories()
        .filter((c) => c.leaf)
        .map((c) => [c.id, c.leaf!]),
    );
    for (const p of catalog(2000)) {
      const leaf = leaves.get(p.categoryId)!;
      expect(leaf.materials).toContain(p.attributes.Material);
      expect(p.descriptionHtml).toContain(`made of ${p.attributes.Material!.toLowerCase()} by`);
      expect(p.descriptionHtml).toContain(`for ${leaf.purpose}.`);
      const bullets = [...p.descriptionHtml.matchAll(/<li>(.*?)<\/li>/g)].map((m) => m[1]);
      expect(new Set(bullets).size).toBe(bullets.length);
    }
    const headphones = catalog(2000).filter((p) => leaves.get(p.categoryId)!.slug === "headphones");
    expect(headphones.length).toBeGreaterThan(0);
    expect(headphones.every((p) => !/merino|leather|cotton/i.test(p.descriptionHtml))).toBe(true);
  });

  it("places products only in leaf categories of a tree with unique slugs", () => {
    const categories = generateCategories();
    expect(new Set(categories.map((c) => c.slug)).size).toBe(categories.length);
    const leaves = new Set(categories.filter((c) => c.leaf).map((c) => c.id));
    for (const p of catalog(500)) expect(leaves.has(p.categoryId)).toBe(true);
    for (const c of categories) {
      const parent = categories.find((p) => p.id === c.parentId);
      expect(c.path).toBe(`${parent?.path ?? "/"}${c.id}/`);
    }
  });
});

describe("app names", () => {
  it("accepts an app name or its folder name", () => {
    expect(parseApp("catalog")).toBe("catalog");
    expect(parseApp("mfe-catalog")).toBe("catalog");
    expect(parseApp("shell")).toBe("shell");
    expect(parseApp("payments")).toBeUndefined();
    expect(parseApp(undefined)).toBeUndefined();
  });
});
