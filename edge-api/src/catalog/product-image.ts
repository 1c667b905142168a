export const PRODUCT_IMAGE_SIZE = 480;

/** Deterministic artwork for a product: the same slug always draws the same picture. */
export function productImageSvg(slug: string, size: number): string {
  let hash = 2166136261;
  for (const ch of slug) hash = Math.imul(hash ^ ch.charCodeAt(0), 16777619) >>> 0;
  const hue = hash % 360;
  const accent = (hue + 40 + (hash >>> 9) % 80) % 360;
  const initials = slug
    .split("-")
    .slice(0, 2)
    .map((word) => word[0]?.toUpperCase() ?? "")
    .join("");
  const r = size / 2;
  return `<svg xmlns="http://www.w3.org/2000/svg" width="${size}" height="${size}" viewBox="0 0 ${size} ${size}" role="img">
<rect width="${size}" height="${size}" fill="hsl(${hue} 45% 88%)"/>
<circle cx="${r}" cy="${r}" r="${r * 0.62}" fill="hsl(${accent} 55% 62%)"/>
<text x="50%" y="54%" text-anchor="middle" dominant-baseline="middle" font-family="system-ui,sans-serif" font-size="${size / 5}" font-weight="700" fill="#fff">${initials}</text>
</svg>`;
}
