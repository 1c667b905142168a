import { bodyLimit } from "hono/body-limit";
import { errorBody } from "../errors";

export const KiB = 1024;
export const MiB = 1024 * KiB;

const size = (bytes: number) => (bytes >= MiB ? `${bytes / MiB} MiB` : `${bytes / KiB} KiB`);

/** Hono's bodyLimit with our error: 413 before a larger body is read (by its Content-Length, or as it streams in). */
export const limitBody = (maxSize: number) =>
  bodyLimit({ maxSize, onError: (c) => c.json(errorBody("payload_too_large", `The request body is larger than this route takes (${size(maxSize)}).`), 413) });
