import { describe, expect, it } from "vitest";
import { parseApp } from "../src/apps";
import { generateCatalog } from "../src/seed";

describe("demo catalog generator", () => {
  it("makes the same catalog for the same size", () => {
    expect(generateCatalog(200)).toEqual(generateCatalog(200));
    expect(generateCatalog(50)).toEqual(generateCatalog(200).slice(0, 50));
  });

  it("makes unique SKUs and slugs, prices in whole cents ending in 99, and some sold-out items", () => {
    const products = generateCatalog(500);
    expect(new Set(products.map((p) => p.sku)).size).toBe(500);
    expect(new Set(products.map((p) => p.slug)).size).toBe(500);
    for (const p of products) {
      expect(Number.isInteger(p.priceCents)).toBe(true);
      expect(p.priceCents % 100).toBe(99);
      expect(p.slug).toMatch(/^[a-z0-9-]+$/);
    }
    expect(products.some((p) => p.stock === 0)).toBe(true);
    expect(products.some((p) => p.stock > 0 && p.stock < 5)).toBe(true);
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
