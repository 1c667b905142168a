import type { Context } from "hono";
import { HTTPException } from "hono/http-exception";
import type { ContentfulStatusCode } from "hono/utils/http-status";
import type { ZodError } from "zod";

/** A refusal the client can act on: becomes `{ error: { code, message } }` with its status. */
export class ApiFailure extends HTTPException {
  constructor(
    status: ContentfulStatusCode,
    readonly code: string,
    message: string,
    /** Headers the refusal carries, e.g. `Retry-After` on a 429. */
    readonly headers: Record<string, string> = {},
    /** The refused fields' messages, for a form to show beside each. */
    readonly fields?: Record<string, string>,
  ) {
    super(status, { message });
  }
}

export function errorBody(code: string, message: string, fields?: Record<string, string>) {
  return { error: { code, message, ...(fields && { fields }) } };
}

export function describeZodError(error: ZodError): string {
  return error.issues.map((issue) => (issue.path.length ? `${issue.path.join(".")}: ${issue.message}` : issue.message)).join("; ");
}

/** Each invalid field's first message, by its path (`address.postalCode`), so a form can say it beside the field. */
export function fieldErrors(error: ZodError): Record<string, string> {
  const fields: Record<string, string> = {};
  for (const issue of error.issues) if (issue.path.length) fields[issue.path.join(".")] ??= issue.message;
  return fields;
}

const HTTP_ERROR_CODES: Partial<Record<number, string>> = {
  400: "bad_request",
  401: "unauthorized",
  403: "forbidden",
  404: "not_found",
  413: "payload_too_large",
  415: "unsupported_media_type",
};

/** The one error handler: known refusals keep their status, anything else is a logged 500 without internals. */
export function handleError(err: Error, c: Context) {
  if (err instanceof ApiFailure) return c.json(errorBody(err.code, err.message, err.fields), err.status, err.headers);
  if (err instanceof HTTPException) {
    const status = err.status as ContentfulStatusCode;
    return c.json(errorBody(HTTP_ERROR_CODES[status] ?? "http_error", err.message || "Request refused"), status);
  }
  console.error("unhandled error", c.req.method, c.req.path, err);
  return c.json(errorBody("internal_error", "Something went wrong on our side; please try again."), 500);
}
