import type { Database } from "../db/client";
import { queueMessage } from "../notifications/outbox";

/** The path and query of a link Better Auth made absolute: the email makes it absolute again from PUBLIC_ORIGIN. */
const pathOf = (link: string) => {
  const url = new URL(link, "http://shop.invalid");
  return `${url.pathname}${url.search}`;
};

type LinkMessage = "verify_email" | "reset_password" | "change_email";

/** Account emails: queued with the change that asks for them, sent by the notifications domain. */
export async function queueAccountMessage(db: Database, kind: LinkMessage | "existing_account", recipient: string, link?: string) {
  if (kind === "existing_account") {
    await queueMessage(db, { kind, recipient, data: { signInPath: "/account", resetPath: "/account/forgot-password" } });
  } else {
    await queueMessage(db, { kind, recipient, data: { linkPath: pathOf(link ?? "/account") } });
  }
}
