import type { Database } from "../db/client";
import { queueMessage } from "../notifications/outbox";

type AccountMessage = "verify_email" | "reset_password" | "change_email" | "existing_account";

/** Account emails go to the outbox with the order confirmations (`npm run outbox` shows them locally). */
export async function queueAccountMessage(db: Database, kind: AccountMessage, recipient: string, storeName: string, link?: string) {
  const { subject, body } = wording(kind, storeName, link ?? "");
  await queueMessage(db, { kind, recipient, subject, body });
}

function wording(kind: AccountMessage, store: string, link: string): { subject: string; body: string } {
  switch (kind) {
    case "verify_email":
      return {
        subject: `Confirm your email for ${store}`,
        body: `Confirm this address to finish setting up your account:\n${link}\n\nThe link works for one hour. If you did not ask for an account, ignore this email.`,
      };
    case "change_email":
      return {
        subject: `Confirm your new email for ${store}`,
        body: `Confirm this address to make it your account's email:\n${link}\n\nThe link works for one hour.`,
      };
    case "reset_password":
      return {
        subject: `Reset your ${store} password`,
        body: `Choose a new password here:\n${link}\n\nThe link works for one hour and signs you out everywhere else. If you did not ask, ignore this email: your password stays as it is.`,
      };
    case "existing_account":
      return {
        subject: `Someone tried to register with your email at ${store}`,
        body: `You already have an account with this address. Sign in, or reset your password if you have forgotten it. If this was not you, nothing has changed.`,
      };
  }
}
