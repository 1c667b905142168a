import { passkeyClient } from "@better-auth/passkey/client";
import { ApiRequestError } from "@shop/contracts/browser";
import { createAuthClient } from "better-auth/client";

// Only the account's pages load this (sign-in, security, profile): the header's menu and the
// wishlist hearts on every page do without it.

/** Better Auth's browser client: the WebAuthn ceremonies of passkeys, and its endpoints typed. */
export const authClient = createAuthClient({ basePath: "/api/auth", plugins: [passkeyClient()] });

/** Runs a Better Auth client call and turns its `{ error }` (the shop's error shape) into a thrown error. */
export async function auth<T>(call: Promise<{ data: T | null; error: unknown }>): Promise<T> {
  const { data, error } = await call;
  if (error) {
    const failure = error as { status?: number; error?: { code?: string; message?: string }; message?: string };
    throw new ApiRequestError(
      failure.status ?? 0,
      failure.error?.code ?? "auth_error",
      failure.error?.message ?? failure.message ?? "That did not work; please try again.",
    );
  }
  return data as T;
}
