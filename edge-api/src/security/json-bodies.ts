import { createMiddleware } from "hono/factory";
import type { AppEnv } from "../env";
import { ApiFailure } from "../errors";

const JSON_MEDIA_TYPE = /^application\/([\w.-]+\+)?json$/;

/** A Content-Type's media type as RFC 9110 has it: case-insensitive, parameters aside. */
export const mediaTypeOf = (contentType: string | undefined) => (contentType ?? "").split(";")[0]!.trim().toLowerCase();

/**
 * The API's writes carry JSON or nothing. Any other body is refused (415) before a handler runs: a
 * body no validator reads as JSON (an upper-case or unusual media type read differently by one
 * layer and another) could otherwise reach a library unchecked.
 */
export const jsonBodiesOnly = createMiddleware<AppEnv>(async (c, next) => {
  const hasBody = Number(c.req.header("Content-Length") ?? 0) > 0 || c.req.header("Transfer-Encoding") !== undefined;
  if (hasBody && !JSON_MEDIA_TYPE.test(mediaTypeOf(c.req.header("Content-Type")))) {
    throw new ApiFailure(415, "unsupported_media_type", "Send the request body as application/json.");
  }
  await next();
});
