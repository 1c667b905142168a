import type { Database } from "../db/client";
import { queueMessage, shopPath } from "../notifications/outbox";

type LinkMessage = "verify_email" | "reset_password" | "change_email";

/** Account emails: queued with the change that asks for them, sent by the notifications domain. */
export async function queueAccountMessage(db: Database, kind: LinkMessage | "existing_account", recipient: string, link?: string) {
  if (kind === "existing_account") {
    await queueMessage(db, { kind, recipient, data: { signInPath: "/account", resetPath: "/account/forgot-password" } });
  } else {
    await queueMessage(db, { kind, recipient, data: { linkPath: shopPath(link ?? "/account") } });
  }
}
