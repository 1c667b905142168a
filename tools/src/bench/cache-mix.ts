import { CONNECTIONS } from "./config";

/** A shopper-like mix of catalog requests (popular pages more often), counting how the cache answered. */
export async function shopperMix(base: string, seconds: number, categories: string[], slugs: string[]) {
  const counts: Record<string, number> = { HIT: 0, STALE: 0, MISS: 0 };
  const popular = <T>(list: T[]) => list[Math.floor(list.length * Math.random() ** 3)]!;
  const pick = () => {
    const roll = Math.random();
    if (roll < 0.3) return `/api/catalog/products?sort=newest&limit=8&page=1`;
    if (roll < 0.6) return `/api/catalog/products?category=${popular(categories)}&page=${1 + Math.floor(Math.random() ** 4 * 3)}`;
    if (roll < 0.85) return `/api/catalog/products/${popular(slugs)}`;
    return `/api/catalog/suggest?q=${popular(["head", "jack", "shoe", "mug", "tent", "sock", "lamp", "pen"])}`;
  };
  const deadline = Date.now() + seconds * 1000;
  await Promise.all(
    Array.from({ length: CONNECTIONS }, async () => {
      while (Date.now() < deadline) {
        const response = await fetch(`${base}${pick()}`);
        await response.arrayBuffer();
        const status = response.headers.get("X-Cache");
        if (status) counts[status] = (counts[status] ?? 0) + 1;
      }
    }),
  );
  const total = counts.HIT! + counts.STALE! + counts.MISS!;
  return { ...counts, hitRatio: Number(((counts.HIT! + counts.STALE!) / Math.max(1, total)).toFixed(3)) };
}
