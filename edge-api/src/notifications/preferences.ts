import { and, eq, inArray } from "drizzle-orm";
import type { Database } from "../db/client";
import type { Env } from "../env";
import { signedToken, verifiedToken } from "../security/signed-cookie";
import { MARKETING_TOPICS, mailOptOuts } from "./schema";

export type MarketingTopic = (typeof MARKETING_TOPICS)[number];
export const isMarketingTopic = (kind: string): kind is MarketingTopic => (MARKETING_TOPICS as readonly string[]).includes(kind);

/** The topics an address said no to. Transactional messages (orders, accounts) have no such switch. */
export async function optedOutTopics(db: Database, email: string): Promise<Set<MarketingTopic>> {
  const rows = await db.select({ topic: mailOptOuts.topic }).from(mailOptOuts).where(eq(mailOptOuts.email, email.toLowerCase()));
  return new Set(rows.map((r) => r.topic));
}

/** Which of these addresses said no to which topic, as `address:topic`. */
export async function optedOutOf(db: Database, emails: string[]): Promise<Set<string>> {
  const rows = await db
    .select({ email: mailOptOuts.email, topic: mailOptOuts.topic })
    .from(mailOptOuts)
    .where(
      inArray(
        mailOptOuts.email,
        emails.map((e) => e.toLowerCase()),
      ),
    );
  return new Set(rows.map((r) => `${r.email}:${r.topic}`));
}

/** Sets which marketing topics an address receives (the account's preferences, an unsubscribe link). */
export async function setTopics(db: Database, email: string, wanted: Partial<Record<MarketingTopic, boolean>>) {
  const address = email.toLowerCase();
  const refused = MARKETING_TOPICS.filter((t) => wanted[t] === false);
  const accepted = MARKETING_TOPICS.filter((t) => wanted[t] === true);
  if (refused.length)
    await db
      .insert(mailOptOuts)
      .values(refused.map((topic) => ({ email: address, topic })))
      .onConflictDoNothing();
  if (accepted.length) await db.delete(mailOptOuts).where(and(eq(mailOptOuts.email, address), inArray(mailOptOuts.topic, accepted)));
}

// One-click unsubscribe links (RFC 8058): the address and topic, signed, so nobody can unsubscribe
// another address by editing the link.
const PURPOSE = "unsubscribe";

export const unsubscribePath = (env: Env, email: string, topic: string) =>
  `/mail/unsubscribe?token=${encodeURIComponent(signedToken(env, PURPOSE, `${topic}:${email.toLowerCase()}`))}`;

export function unsubscribeRequest(env: Env, token: string | undefined): { email: string; topic: MarketingTopic } | undefined {
  const value = verifiedToken(env, PURPOSE, token);
  const colon = value?.indexOf(":") ?? -1;
  if (!value || colon < 0) return undefined;
  const topic = value.slice(0, colon);
  return isMarketingTopic(topic) ? { topic, email: value.slice(colon + 1) } : undefined;
}
