import type { ApiError } from "./errors";

/** A refusal from the shop's API (or no answer at all: status 0, `offline`), with its message for the shopper. */
export class ApiRequestError extends Error {
  constructor(
    readonly status: number,
    readonly code: string,
    message: string,
  ) {
    super(message);
  }
}

/** A same-origin JSON call to the shop's API; a refusal throws its `{ error: { code, message } }`. */
export async function requestJson<T>(path: string, init?: RequestInit): Promise<T> {
  let response: Response;
  try {
    response = await fetch(path, { ...init, credentials: "same-origin", headers: { ...(init?.body ? { "Content-Type": "application/json" } : {}), ...init?.headers } });
  } catch {
    throw new ApiRequestError(0, "offline", "We couldn't reach the shop. Check your connection and try again.");
  }
  if (!response.ok) {
    const body = (await response.json().catch(() => null)) as ApiError | null;
    throw new ApiRequestError(response.status, body?.error.code ?? "http_error", body?.error.message ?? `Something went wrong (HTTP ${response.status}); please try again.`);
  }
  return (await response.json()) as T;
}
