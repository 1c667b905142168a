import type { Image } from "@shop/contracts";
import backpack from "@tabler/icons/outline/backpack.svg";
import ballpen from "@tabler/icons/outline/ballpen.svg";
import batteryCharging from "@tabler/icons/outline/battery-charging.svg";
import bed from "@tabler/icons/outline/bed.svg";
import sleepingBag from "@tabler/icons/outline/bed-flat.svg";
import book from "@tabler/icons/outline/book.svg";
import bottle from "@tabler/icons/outline/bottle.svg";
import campfire from "@tabler/icons/outline/campfire.svg";
import coffee from "@tabler/icons/outline/coffee.svg";
import cooker from "@tabler/icons/outline/cooker.svg";
import earbuds from "@tabler/icons/outline/device-airpods.svg";
import speaker from "@tabler/icons/outline/device-speaker.svg";
import watch from "@tabler/icons/outline/device-watch.svg";
import fitnessTracker from "@tabler/icons/outline/device-watch-heart.svg";
import grill from "@tabler/icons/outline/grill-spatula.svg";
import headphones from "@tabler/icons/outline/headphones.svg";
import jacket from "@tabler/icons/outline/jacket.svg";
import floorLamp from "@tabler/icons/outline/lamp.svg";
import deskLamp from "@tabler/icons/outline/lamp-2.svg";
import mug from "@tabler/icons/outline/mug.svg";
import notebook from "@tabler/icons/outline/notebook.svg";
import pencil from "@tabler/icons/outline/pencil.svg";
import pillow from "@tabler/icons/outline/pillow.svg";
import plug from "@tabler/icons/outline/plug.svg";
import cable from "@tabler/icons/outline/plug-connected.svg";
import shirt from "@tabler/icons/outline/shirt.svg";
import tee from "@tabler/icons/outline/shirt-sport.svg";
import shoe from "@tabler/icons/outline/shoe.svg";
import bag from "@tabler/icons/outline/shopping-bag.svg";
import sock from "@tabler/icons/outline/sock.svg";
import teapot from "@tabler/icons/outline/teapot.svg";
import tent from "@tabler/icons/outline/tent.svg";
import knife from "@tabler/icons/outline/tools-kitchen-2.svg";
import { uploadedImage } from "./media";

/** The sizes product artwork comes in (square, and portrait for clothing). */
export const IMAGE_SIZES = ["800x800", "800x1000"] as const;

/**
 * Each kind of product the catalog sells, by the words that end its slug's name, drawn with an icon
 * of Tabler's set (MIT): a shoe for shoes, a mug for mugs. Checked in order, so longer names first.
 */
const KINDS: Array<[RegExp, string]> = [
  [/-(t-shirt|tee)-/, tee],
  [/-(oxford-shirt|flannel-shirt|sweater|cardigan)-/, shirt],
  [/-(rain-jacket|down-jacket|zip-hoodie|hoodie)-/, jacket],
  [/-(wool-socks|running-socks)-/, sock],
  [/-(running-shoes|trail-runners|sneakers|high-tops|hiking-boots|chelsea-boots)-/, shoe],
  [/-(wireless-headphones|noise-cancelling-headphones)-/, headphones],
  [/-(wireless-earbuds|sport-earbuds)-/, earbuds],
  [/-(bluetooth-speaker|smart-speaker)-/, speaker],
  [/-usb-c-charger-/, plug],
  [/-charging-cable-/, cable],
  [/-power-bank-/, batteryCharging],
  [/-smartwatch-/, watch],
  [/-fitness-tracker-/, fitnessTracker],
  [/-frying-pan-/, grill],
  [/-dutch-oven-/, cooker],
  [/-chef-s-knife-/, knife],
  [/-coffee-grinder-/, coffee],
  [/-french-press-/, teapot],
  [/-coffee-mug-/, mug],
  [/-desk-lamp-/, deskLamp],
  [/-floor-lamp-/, floorLamp],
  [/-duvet-cover-/, bed],
  [/-pillow-/, pillow],
  [/-(hiking-backpack|daypack)-/, backpack],
  [/-tent-/, tent],
  [/-sleeping-bag-/, sleepingBag],
  [/-camp-stove-/, campfire],
  [/-(water-bottle|insulated-flask)-/, bottle],
  [/-notebook-/, notebook],
  [/-journal-/, book],
  [/-fountain-pen-/, ballpen],
  [/-gel-pen-set-/, pencil],
];

/** The catalog's colour names (variant options), as URL slugs, and how they look. */
const COLOURS: Record<string, string> = {
  black: "#1f1f24",
  white: "#f7f7f5",
  navy: "#23355e",
  olive: "#6b7033",
  sand: "#d8c3a0",
  burgundy: "#7a2233",
  grey: "#8d8f94",
  "sky-blue": "#8cc3ec",
  blue: "#2f5fb3",
  red: "#c23a32",
  orange: "#e0782c",
  silver: "#c6c9ce",
  rose: "#e3a5a8",
  sage: "#a7b89c",
  steel: "#9aa5ae",
  forest: "#2f5a3c",
  coral: "#ee7f6b",
};
/** Products without a colour option are drawn in one of these, by their slug. */
const HOUSE_COLOURS = ["#2f5fb3", "#c23a32", "#2f5a3c", "#6b7033", "#7a2233", "#e0782c", "#23355e"];

/** `Sky Blue` → `sky-blue`: a colour option as it appears in an image's URL. */
export const colourSlug = (colour: string) =>
  colour
    .toLowerCase()
    .trim()
    .replace(/[^a-z0-9]+/g, "-");

export const isKnownColour = (slug: string) => slug in COLOURS;

/** A row of product_images: where the picture stands, its size and words, and its upload (if any). */
export interface PictureRow {
  position: number;
  width: number;
  height: number;
  alt: string;
  objectKey?: string | null;
}

/**
 * A product picture: the operator's upload, in responsive widths; or the generated artwork at its
 * position and size, in the colour of the variant it shows (when it has one).
 */
export function productImage(slug: string, picture: PictureRow, colour?: string | null): Image {
  const { position, width, height, alt, objectKey } = picture;
  if (objectKey) return uploadedImage(objectKey, width, height, alt);
  const known = colour ? colourSlug(colour) : undefined;
  const suffix = known && isKnownColour(known) ? `-${known}` : "";
  return { url: `/api/catalog/images/${slug}/${position}-${width}x${height}${suffix}.svg`, width, height, alt };
}

function fnv1a(text: string): number {
  let hash = 2166136261;
  for (const ch of text) hash = Math.imul(hash ^ ch.charCodeAt(0), 16777619) >>> 0;
  return hash;
}

/** How light a colour is (0–1, perceived), to draw it on a background it stands out from. */
function lightness(hex: string): number {
  const [r, g, b] = [1, 3, 5].map((i) => Number.parseInt(hex.slice(i, i + 2), 16) / 255) as [number, number, number];
  return 0.299 * r + 0.587 * g + 0.114 * b;
}

/** The icon's drawing (its paths), without the 24×24 frame Tabler's files wrap it in. */
const drawingOf = (svg: string) =>
  svg
    .replace(/^[\s\S]*?<svg[^>]*>/, "")
    .replace(/<\/svg>\s*$/, "")
    .replace(/<path stroke="none" d="M0 0h24v24H0z" fill="none"\s*\/>/, "");

/**
 * Deterministic artwork: the product's kind, drawn in its variant's colour on a backdrop it stands
 * out from. Each position is another view (turned, closer); the same URL always draws the same picture.
 */
export function productImageSvg(slug: string, position: number, width: number, height: number, colour?: string): string {
  const hash = fnv1a(`${slug}#${position}`);
  const ink = (colour && COLOURS[colour]) ?? HOUSE_COLOURS[fnv1a(slug) % HOUSE_COLOURS.length]!;
  const light = lightness(ink) > 0.62;
  // A light product on a deep backdrop, a dark one on a pale one; the hue varies by product.
  const hue = hash % 360;
  const backdrop = light ? `hsl(${hue} 22% 30%)` : `hsl(${hue} 40% 92%)`;
  const icon = KINDS.find(([words]) => words.test(`-${slug}-`))?.[1] ?? bag;
  const size = Math.min(width, height) * (position === 2 ? 0.85 : 0.62);
  const scale = size / 24;
  const x = (width - size) / 2;
  const y = (height - size) / 2;
  const turn = position === 1 ? ` translate(${size} 0) scale(-1 1)` : position === 3 ? ` rotate(-12 ${size / 2} ${size / 2})` : "";
  return `<svg xmlns="http://www.w3.org/2000/svg" width="${width}" height="${height}" viewBox="0 0 ${width} ${height}" role="img">
<rect width="${width}" height="${height}" fill="${backdrop}"/>
<ellipse cx="${width / 2}" cy="${y + size * 0.96}" rx="${size * 0.42}" ry="${size * 0.05}" fill="#000" opacity="${light ? 0.25 : 0.08}"/>
<g transform="translate(${x} ${y})${turn}"><g transform="scale(${scale})" fill="none" stroke="${ink}" stroke-width="1.6" stroke-linecap="round" stroke-linejoin="round">${drawingOf(icon)}</g></g>
</svg>`;
}
