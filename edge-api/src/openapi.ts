import { OpenAPIHono } from "@hono/zod-openapi";
import { ApiError } from "@shop/contracts";
import type { AppEnv } from "./env";
import { describeZodError, errorBody, fieldErrors } from "./errors";

/** A route group whose zod validation failures answer 400 `{ error: { code: "invalid_request", message } }`. */
export function routeGroup() {
  return new OpenAPIHono<AppEnv>({
    defaultHook: (result, c) => {
      if (!result.success) return c.json(errorBody("invalid_request", describeZodError(result.error), fieldErrors(result.error)), 400);
    },
  });
}

export function jsonContent<T>(schema: T, description: string) {
  return { content: { "application/json": { schema } }, description };
}

export const errorResponse = (description: string) => jsonContent(ApiError, description);
