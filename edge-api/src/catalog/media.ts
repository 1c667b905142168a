import { type IMAGE_TYPES, type Image, MAX_IMAGE_BYTES } from "@shop/contracts";
import type { Env } from "../env";
import { ApiFailure } from "../errors";

// Pictures operators upload: checked by their bytes (never their name or declared type), kept in R2
// under a random key, and served through Cloudflare Images in the widths a page asks for, in the
// most compact format the browser takes. A key's bytes never change, so every answer is immutable.

type ImageType = (typeof IMAGE_TYPES)[number];

/** The widths pages ask for (`srcset`); any other width would let a visitor fill the cache. */
export const MEDIA_WIDTHS = [200, 400, 800, 1200, 1600] as const;
/** Smaller pictures look poor on a product page. */
const MIN_SIDE = 200;

const ascii = (bytes: Uint8Array, from: number, to: number) => String.fromCharCode(...bytes.subarray(from, to));

/** What the file's first bytes say it is; null when it is none of the types taken. */
function sniffedType(bytes: Uint8Array): ImageType | null {
  if (bytes.length < 12) return null;
  if (bytes[0] === 0x89 && ascii(bytes, 1, 4) === "PNG" && bytes[4] === 0x0d && bytes[5] === 0x0a) return "image/png";
  if (bytes[0] === 0xff && bytes[1] === 0xd8 && bytes[2] === 0xff) return "image/jpeg";
  if (ascii(bytes, 0, 4) === "RIFF" && ascii(bytes, 8, 12) === "WEBP") return "image/webp";
  if (ascii(bytes, 4, 8) === "ftyp" && ["avif", "avis"].includes(ascii(bytes, 8, 12))) return "image/avif";
  return null;
}

const notAPicture = (name: string) =>
  new ApiFailure(415, "unsupported_image", `${name} is not a PNG, JPEG, WebP or AVIF picture.`, {}, { file: "Choose a PNG, JPEG, WebP or AVIF picture" });

export interface StoredPicture {
  key: string;
  width: number;
  height: number;
}

/** Checks an upload and keeps it in MEDIA; 413 too large, 415 not a picture Images can read, 400 too small. */
export async function storeUpload(env: Env, file: File): Promise<StoredPicture> {
  if (file.size > MAX_IMAGE_BYTES) {
    throw new ApiFailure(413, "image_too_large", `${file.name} is over ${MAX_IMAGE_BYTES / 1024 / 1024} MB.`, {}, { file: "Choose a picture of 5 MB or less" });
  }
  const bytes = new Uint8Array(await file.arrayBuffer());
  const type = sniffedType(bytes);
  if (!type) throw notAPicture(file.name);
  // Images decodes it: a file that starts like a PNG but is not one is refused here.
  const info = await env.IMAGES.info(new Blob([bytes]).stream()).catch(() => null);
  if (!info || !("width" in info) || info.format !== type) throw notAPicture(file.name);
  if (info.width < MIN_SIDE || info.height < MIN_SIDE) {
    throw new ApiFailure(
      400,
      "image_too_small",
      `${file.name} is ${info.width}×${info.height}; pictures need ${MIN_SIDE} px a side.`,
      {},
      {
        file: `At least ${MIN_SIDE}×${MIN_SIDE} pixels`,
      },
    );
  }
  const key = crypto.randomUUID();
  await env.MEDIA.put(key, bytes, {
    httpMetadata: { contentType: type },
    customMetadata: { width: String(info.width), height: String(info.height) },
  });
  return { key, width: info.width, height: info.height };
}

const mediaUrl = (key: string, width: number) => `/api/catalog/media/${key}?w=${width}`;

/** The widths an uploaded picture is served in: the listed ones below its own, and its own. */
const widthsOf = (width: number) => [...MEDIA_WIDTHS.filter((w) => w < width), ...(width <= 1600 ? [width] : [])];

/** An uploaded picture for `<img>`: an 800-wide (or smaller) `src`, and every width in `srcset`. */
export function uploadedImage(key: string, width: number, height: number, alt: string): Image {
  const widths = widthsOf(width);
  const shown = widths.filter((w) => w <= 800).at(-1) ?? widths[0]!;
  return {
    url: mediaUrl(key, shown),
    width,
    height,
    alt,
    srcset: widths.map((w) => `${mediaUrl(key, w)} ${w}w`).join(", "),
  };
}

/** The format to send a browser that says it takes these (`Accept`): AVIF, then WebP, else as uploaded. */
function formatFor(accept: string, uploaded: string): "image/avif" | "image/webp" | "image/jpeg" | "image/png" {
  if (accept.includes("image/avif")) return "image/avif";
  if (accept.includes("image/webp")) return "image/webp";
  return uploaded === "image/png" ? "image/png" : "image/jpeg";
}

/**
 * One picture in one width (404 unknown, 400 a width not served), from the edge's cache when it can:
 * a hit costs no storage read at all (only widths served are ever cached), a miss one read.
 */
export async function servePicture(
  env: Env,
  ctx: { waitUntil(promise: Promise<unknown>): void },
  key: string,
  width: number,
  accept: string,
): Promise<Response> {
  // Browsers that take neither modern format get the uploaded one, whichever it was.
  const taken = accept.includes("image/avif") ? "avif" : accept.includes("image/webp") ? "webp" : "uploaded";
  const cacheKey = new Request(`https://media.internal/${key}/${width}/${taken}`);
  const cached = await caches.default.match(cacheKey);
  // A copy: the cache's answer has immutable headers, and the app's middleware adds its own.
  if (cached) return new Response(cached.body, cached);
  const object = await env.MEDIA.get(key);
  if (!object) throw new ApiFailure(404, "not_found", "No such picture.");
  const widths = widthsOf(Number(object.customMetadata?.width));
  if (!widths.includes(width)) {
    await object.body.cancel();
    throw new ApiFailure(400, "invalid_request", `Widths served: ${widths.join(", ")}.`);
  }
  const format = formatFor(accept, object.httpMetadata?.contentType ?? "");
  const output = await env.IMAGES.input(object.body).transform({ width }).output({ format, quality: 80 });
  const response = new Response(output.image(), {
    headers: {
      "content-type": format,
      "cache-control": "public, max-age=31536000, immutable",
      vary: "Accept",
      "x-content-type-options": "nosniff",
    },
  });
  ctx.waitUntil(caches.default.put(cacheKey, response.clone()));
  return response;
}

/** Removes pictures no row points at any more (after the row's transaction committed). */
export const forgetPictures = (env: Env, keys: string[]) => (keys.length ? env.MEDIA.delete(keys) : Promise.resolve());
