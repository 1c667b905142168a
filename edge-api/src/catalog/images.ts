import type { Image } from "@shop/contracts";

/** The sizes product artwork comes in (square, and portrait for clothing). */
export const IMAGE_SIZES = ["800x800", "800x1000"] as const;

export function productImage(slug: string, position: number, width: number, height: number, alt: string): Image {
  return { url: `/api/catalog/images/${slug}/${position}-${width}x${height}.svg`, width, height, alt };
}

/** Deterministic artwork: the same product and position always draw the same picture. */
export function productImageSvg(slug: string, position: number, width: number, height: number): string {
  let hash = 2166136261;
  for (const ch of `${slug}#${position}`) hash = Math.imul(hash ^ ch.charCodeAt(0), 16777619) >>> 0;
  const hue = hash % 360;
  const accent = (hue + 40 + ((hash >>> 9) % 80)) % 360;
  const initials = slug
    .split("-")
    .slice(0, 2)
    .map((word) => word[0]?.toUpperCase() ?? "")
    .join("");
  const r = Math.min(width, height) / 2;
  return `<svg xmlns="http://www.w3.org/2000/svg" width="${width}" height="${height}" viewBox="0 0 ${width} ${height}" role="img">
<rect width="${width}" height="${height}" fill="hsl(${hue} 45% 88%)"/>
<circle cx="${width / 2}" cy="${height / 2}" r="${r * (0.5 + position * 0.08)}" fill="hsl(${accent} 55% 62%)"/>
<text x="50%" y="52%" text-anchor="middle" dominant-baseline="middle" font-family="system-ui,sans-serif" font-size="${r / 2.5}" font-weight="700" fill="#fff">${initials}</text>
</svg>`;
}
