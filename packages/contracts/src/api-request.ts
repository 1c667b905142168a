import type { ApiAnswer } from "./edge-render";
import type { ApiError } from "./errors";

// How every remote talks to the shop's API: one way, so a refusal reads the same everywhere.

/** A refusal from the shop's API (or no answer at all: status 0, `offline`), with its message for the shopper. */
export class ApiRequestError extends Error {
  constructor(
    readonly status: number,
    readonly code: string,
    message: string,
    /** Each refused field's message, when the input was invalid. */
    readonly fields: Record<string, string> = {},
  ) {
    super(message);
  }
}

/**
 * A same-origin call to the shop's API, answered as it came: its status and JSON body (null when
 * none). The edge renders pages from answers of this shape, so a page reads both alike.
 */
export async function requestAnswer(path: string, init?: RequestInit): Promise<ApiAnswer> {
  let response: Response;
  try {
    response = await fetch(path, {
      ...init,
      credentials: "same-origin",
      // A string body is JSON; a form (an upload) says its own type and boundary.
      headers: { ...(typeof init?.body === "string" ? { "Content-Type": "application/json" } : {}), ...init?.headers },
    });
  } catch (err) {
    if (init?.signal?.aborted) throw err;
    throw new ApiRequestError(0, "offline", "We couldn't reach the shop. Check your connection and try again.");
  }
  return { status: response.status, body: await response.json().catch(() => null) };
}

/** The refusal an answer carries: its `{ error: { code, message } }`, or a plain one. */
export function refusalOf({ status, body }: ApiAnswer): ApiRequestError {
  const error = (body as ApiError | null)?.error;
  return new ApiRequestError(status, error?.code ?? "http_error", error?.message ?? `Something went wrong (HTTP ${status}); please try again.`, error?.fields);
}

/** A same-origin JSON call to the shop's API; a refusal throws its `{ error: { code, message } }`. */
export async function requestJson<T>(path: string, init?: RequestInit): Promise<T> {
  const answer = await requestAnswer(path, init);
  if (answer.status < 200 || answer.status > 299) throw refusalOf(answer);
  return answer.body as T;
}
