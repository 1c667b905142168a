import { createHash } from "node:crypto";

/** Per-account rate limits are keyed by a digest of the email asked about, registered or not. */
export const accountKey = (email: unknown) =>
  createHash("sha256")
    .update(
      String(email ?? "")
        .trim()
        .toLowerCase(),
    )
    .digest("hex");
